"""Delivery status notifications (RFC 3464) as real MTAs write them, for the bounce tests."""


def postfix(recipient: str, message_id: str, status: str = "5.1.1", action: str = "failed",
            diagnostic: str = "smtp; 550 5.1.1 <{to}>: Recipient address rejected: "
                              "User unknown in virtual mailbox table") -> bytes:
    """A Postfix bounce: the returned message's headers as text/rfc822-headers."""
    diagnostic = diagnostic.format(to=recipient)
    return f"""\
Return-Path: <>
Received: by mx.campaign.test (Postfix) id 4F2D81C0A3; Sun,  6 Dec 2026 12:00:05 +0000 (UTC)
Date: Sun,  6 Dec 2026 12:00:05 +0000 (UTC)
From: MAILER-DAEMON@mx.campaign.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: campaign@campaign.test
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4F2D81C0A3.1765022405/mx.campaign.test"
Message-Id: <20261206120005.4F2D81C0A3@mx.campaign.test>

This is a MIME-encapsulated message.

--4F2D81C0A3.1765022405/mx.campaign.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.campaign.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{recipient}>: host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown

--4F2D81C0A3.1765022405/mx.campaign.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.campaign.test
X-Postfix-Queue-ID: 4F2D81C0A3
X-Postfix-Sender: rfc822; campaign@campaign.test
Arrival-Date: Sun,  6 Dec 2026 12:00:01 +0000 (UTC)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; mx.example.org
Diagnostic-Code: {diagnostic}

--4F2D81C0A3.1765022405/mx.campaign.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <campaign@campaign.test>
Received: from campaign.test (localhost [127.0.0.1])
	by mx.campaign.test (Postfix) with ESMTP id 4F2D81C0A3
	for <{recipient}>; Sun,  6 Dec 2026 12:00:01 +0000 (UTC)
From: Anna Kowalska via Free them <campaign@campaign.test>
To: {recipient}
Subject: Political prisoners first
Message-ID: {message_id}
Auto-Submitted: auto-generated

--4F2D81C0A3.1765022405/mx.campaign.test--
""".replace("\n", "\r\n").encode()


def exchange(recipient: str, message_id: str) -> bytes:
    """An Exchange / Microsoft 365 non-delivery report: the whole message as message/rfc822."""
    return f"""\
From: Microsoft Outlook <postmaster@example.org>
To: <campaign@campaign.test>
Date: Sun, 6 Dec 2026 12:00:07 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="a1d3b2e4-5c6f-4a7b-8c9d-0e1f2a3b4c5d"
MIME-Version: 1.0
Message-ID: <f2a9c0e1-7d3b-4c55-9a31-5b1e2f6c8d70@example.org>
Subject: Undeliverable: Political prisoners first
Auto-Submitted: auto-replied

--a1d3b2e4-5c6f-4a7b-8c9d-0e1f2a3b4c5d
Content-Type: text/html; charset="us-ascii"

<html><body><p><b>Your message to {recipient} couldn't be delivered.</b></p>
<p>{recipient.split("@")[0]} wasn't found at example.org.</p></body></html>

--a1d3b2e4-5c6f-4a7b-8c9d-0e1f2a3b4c5d
Content-Type: message/delivery-status

Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.exchangelabs.com
Received-From-MTA: dns;mx.campaign.test
Arrival-Date: Sun, 6 Dec 2026 12:00:06 +0000

Original-Recipient: rfc822;{recipient}
Final-Recipient: rfc822;{recipient}
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found
 by SMTP address lookup
X-Display-Name: {recipient}

--a1d3b2e4-5c6f-4a7b-8c9d-0e1f2a3b4c5d
Content-Type: message/rfc822

From: Anna Kowalska via Free them <campaign@campaign.test>
To: {recipient}
Subject: Political prisoners first
Date: Sun, 6 Dec 2026 12:00:01 +0000
Message-ID: {message_id}
Content-Type: text/plain; charset="utf-8"

Dear MEP,

Free them.

--a1d3b2e4-5c6f-4a7b-8c9d-0e1f2a3b4c5d--
""".replace("\n", "\r\n").encode()
