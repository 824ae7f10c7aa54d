"""SMTP for the worker: one connection per batch through Flask-Mail, with a timeout."""
import smtplib

from flask import current_app
from flask_mail import Connection

from campaign.mailing.mime import message_id_domain
from campaign.mailing.skeleton import PLAIN_ADDRESS

#: Exceptions smtplib raises when the server cannot be reached or the connection broke.
CONNECTION_ERRORS = (OSError, smtplib.SMTPException)


def smtp_configured() -> bool:
    """Whether mail really leaves: MAIL_SERVER set and Flask-Mail not told to suppress it."""
    state = current_app.extensions["mail"]
    return bool(current_app.config.get("MAIL_SERVER")) and not state.suppress


def _quoted(address: str) -> str:
    """What smtplib.quoteaddr gives for *address*; a plain one without parsing it."""
    return f"<{address}>" if PLAIN_ADDRESS.fullmatch(address) else smtplib.quoteaddr(address)


class _PlainAddresses:
    """MAIL FROM and RCPT TO as smtplib writes them, except that a plain address is not
    parsed again for every message (quoteaddr's parse was a third of the sending thread's
    CPU). The SMTPUTF8 case is left to smtplib."""

    def mail(self, sender, options=()):
        if options and self.does_esmtp and any(x.lower() == "smtputf8" for x in options):
            return super().mail(sender, options)
        optionlist = " " + " ".join(options) if options and self.does_esmtp else ""
        self.putcmd("mail", f"FROM:{_quoted(sender)}{optionlist}")
        return self.getreply()

    def rcpt(self, recip, options=()):
        optionlist = " " + " ".join(options) if options and self.does_esmtp else ""
        self.putcmd("rcpt", f"TO:{_quoted(recip)}{optionlist}")
        return self.getreply()


class SMTP(_PlainAddresses, smtplib.SMTP):
    pass


class SMTP_SSL(_PlainAddresses, smtplib.SMTP_SSL):
    pass


class TimeoutConnection(Connection):
    """Flask-Mail's connection, with MAIL_TIMEOUT on every socket operation and a fixed EHLO
    name (smtplib would otherwise call getfqdn, which can stall)."""

    def configure_host(self):
        smtp_class = SMTP_SSL if self.mail.use_ssl else SMTP
        host = smtp_class(self.mail.server, self.mail.port,
                          local_hostname=message_id_domain(),
                          timeout=current_app.config["MAIL_TIMEOUT"])
        host.set_debuglevel(int(self.mail.debug))
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host


class Transport:
    """Opens the connection on first use and again after the server dropped it (after a 421).

    When opening fails, the rest of the batch fails at once with the same error instead of
    waiting for the timeout once per message.
    """

    def __init__(self):
        self.connection: TimeoutConnection | None = None
        self.unreachable: Exception | None = None

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        """:raise smtplib.SMTPException or OSError: as smtplib does."""
        if self.unreachable is not None:
            raise self.unreachable
        if self.connection is None or self.connection.host.sock is None:
            self._open()
        try:
            self.connection.host.sendmail(sender, [recipient], data)
        except smtplib.SMTPResponseException:
            raise  # the server answered; smtplib reset or closed the connection as needed
        except Exception:
            self.close()  # broken, or left inside a transaction: the next message reconnects
            raise

    def _open(self) -> None:
        self.close()
        connection = TimeoutConnection(current_app.extensions["mail"])
        try:
            connection.host = connection.configure_host()
        except CONNECTION_ERRORS as error:
            self.unreachable = error
            raise
        self.connection = connection

    def close(self) -> None:
        if self.connection is None:
            return
        host, self.connection = self.connection.host, None
        try:
            host.quit()
        except CONNECTION_ERRORS:
            host.close()


def is_permanent(error: Exception) -> bool:
    """5xx for this message or recipient, or an address SMTP cannot carry (non-ASCII): retrying
    will not help. Everything else (4xx, connection trouble, a refused sender or login, which
    are settings) is retried."""
    if isinstance(error, ValueError):  # UnicodeEncodeError of a non-ASCII address
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def describe(error: Exception) -> str:
    """A short text for the log: "550 5.1.1 No such user", "ConnectionRefusedError: …"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return f"{code} {_text(text)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"[:500]


def _text(value) -> str:
    return (value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))[:500]
