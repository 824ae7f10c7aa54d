"""The RSVP confirmation through the real worker and SMTP server: facts in the body, .ics attached."""
import icalendar

from campaign.mailing import worker
from tests.events.helpers import confirm_link, create_event, form, manage_link
from tests.factories import create_campaign


def test_the_confirmation_arrives_with_the_event_attached(make_app, smtp_server, week_before):
    app = make_app(**smtp_server.config)
    with app.app_context():
        create_event(create_campaign())
    client = app.test_client()
    response = client.post("/pl/events/brussels-protest", data=form(name="Łucja Żółć",
                                                                     email="Lucja@Example.org"))
    assert response.status_code == 302
    with app.app_context():
        worker.deliver_due(app)
    [request] = smtp_server.messages
    assert request["To"] == "lucja@example.org" and not list(request.iter_attachments())
    link = confirm_link(request.get_body(("plain",)).get_content())
    client.post(link)
    with app.app_context():
        worker.deliver_due(app)

    [_request, message] = smtp_server.messages
    assert message["To"] == "lucja@example.org"
    text = message.get_body(("plain",)).get_content()
    assert "Łucja Żółć" in text and "12:00–13:00 CET" in text and "Place Jean Rey" in text
    assert client.get(manage_link(text)).status_code == 200
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "brussels-protest.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").hour == 12
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Brussels"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Brussels"


def test_the_confirmation_carries_the_ticket_shown_in_the_mail(make_app, smtp_server, week_before):
    """The QR code is an image inside the HTML (multipart/related, cid:), not one more
    attachment; the text body has the code typed out; the manage page shows the same code."""
    import re

    from campaign.events import tickets

    app = make_app(**smtp_server.config)
    with app.app_context():
        create_event(create_campaign())
    client = app.test_client()
    client.post("/en/events/brussels-protest", data=form(email="ala@example.org"))
    with app.app_context():
        worker.deliver_due(app)
    client.post(confirm_link(smtp_server.messages[0].get_body(("plain",)).get_content()))
    with app.app_context():
        worker.deliver_due(app)
    message = smtp_server.messages[1]
    text = message.get_body(("plain",)).get_content()
    code = re.search(r"Your ticket: show this code at the door\s+([0-9A-Z-]{19})\s", text).group(1)
    html_part = message.get_body(("html",))
    assert 'src="cid:ticket-qr@campaign"' in html_part.get_content()
    [related] = [part for part in message.walk() if part.get_content_type() == "multipart/related"]
    [image] = [part for part in related.iter_parts() if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<ticket-qr@campaign>"
    assert image.get_content() == tickets.qr_png(tickets.normalise(code))
    assert [a.get_content_type() for a in message.iter_attachments()] == ["text/calendar"]
    page = client.get(manage_link(text)).get_data(as_text=True)
    assert code in page and '<svg role="img"' in page and "QR code of your ticket" in page
