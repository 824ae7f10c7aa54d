"""Organiser pages: the mail log (every message as sent, its links taken out).

The log never holds or shows a usable personal link: the text and HTML bodies and the
headers are shown with every link replaced by its site alone, and a message not sent yet is
not rendered at all (rendering would make fresh verify, manage and unsubscribe links with
which an organiser could act in a supporter's name).
"""
import re

from flask import (abort, flash, make_response, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from campaign.core.admin import organiser_blueprint
from campaign.extensions import db
from campaign.mailing import kinds, mail, operations, queries  # noqa: F401  (mail: the test kind)
from campaign.mailing.forms import STATUS_LABELS, LogFilterForm, TestMessageForm
from campaign.mailing.transport import smtp_configured
from campaign.organisers import navigation
from campaign.core.routing import page_number, row_id
from campaign.organisers import access

bp = organiser_blueprint("mailing_admin", __name__, url_prefix="/organiser/mail")

#: The HTML body is shown in a sandboxed frame: no script, no request to any other host.
PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                  "frame-ancestors 'self'; sandbox")


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "smtp_configured": smtp_configured(),
            "kind_label": kinds.label, "zone_of": queries.zone_of}


def campaign_links(campaign):
    return [navigation.Link(_l("Mail log"), url_for("mailing_admin.mail_log",
                                                    campaign=campaign.id),
                            power="see_mail_log")]


def _filters(form) -> queries.LogFilter:
    campaign = form.campaign.data
    return queries.LogFilter(kind=form.kind.data or "", status=form.status.data or "",
                             search=(form.q.data or "") if form.validate() else "",
                             campaign_id=row_id(campaign),
                             among=access.campaign_ids_with("see_mail_log"))


@bp.get("/")
@access.account
def mail_log():
    """List the messages of the organiser's campaigns, newest first, filtered by kind, status,
    address and campaign."""
    form = LogFilterForm(request.args)
    form.set_kinds(queries.kind_names())
    filters = _filters(form)
    if filters.campaign_id is not None and filters.campaign_id not in filters.among:
        # The log of a campaign this account may not read: not an empty page that looks
        # like one with no mail (404 for a non-member, as everywhere).
        abort(404 if access.role_in(filters.campaign_id) is None else 403)
    return render_template("mailing/admin/log.html", form=form, filters=filters,
                           page=queries.mail_log(filters, page_number(request.args.get("page"))),
                           test_form=TestMessageForm(formdata=None))


@bp.post("/campaign/<int:campaign_id>/test")
@access.requires("send_messages")
def send_test_message(campaign_id):
    """Queue a test message to the address an organiser typed (in the campaign's log)."""
    form = TestMessageForm()
    if form.validate_on_submit():
        operations.queue_test_message(form.to.data, form.lang.data, current_user.name,
                                      campaign_id=campaign_id)
        db.session.commit()
        flash(_("Test message queued. It appears here within seconds, once the mail worker "
                "has taken it."), "success")
        return redirect(url_for(".mail_log", campaign=campaign_id))
    form_page = LogFilterForm(formdata=None)
    form_page.campaign.data = str(campaign_id)
    form_page.set_kinds(queries.kind_names())
    filters = _filters(form_page)
    return render_template("mailing/admin/log.html", form=form_page, test_form=form,
                           filters=filters, page=queries.mail_log(filters)), 400


#: A link in a body or header: replaced by its site and "…" (the path holds the token).
_LINK = re.compile(r"(https?://[^/\s<>\"']+)[^\s<>\"']*")
#: A ticket's check-in code ("7KQ2-M9TX-…", events/tickets.py): it checks its holder in.
_TICKET = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
#: An image sent inside the message (the ticket's QR code): not kept, and no frame may load it.
_INLINE_IMAGE = re.compile(r"""src=(["'])cid:[^"']*\1""")


def redact(text: str | None) -> str | None:
    """*text* with every link cut down to its site: "https://campaign.example/…", ticket
    codes and images sent inside the message left out."""
    if text is None:
        return None
    text = _INLINE_IMAGE.sub('src=""', _LINK.sub(r"\1/…", text))
    return _TICKET.sub("····-····-····-····", text)


@bp.get("/<int:message_id>")
@access.requires("see_mail_log")
def show_message(message_id):
    """Show one message: its headers, text and HTML body as sent, links taken out."""
    row = queries.get_message(message_id)
    headers = {name: redact(str(value)) for name, value in (row.headers or {}).items()}
    response = make_response(render_template(
        "mailing/admin/message.html", row=row, headers=headers, text=redact(row.body_text),
        html_source=redact(row.body_html)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:message_id>/body.html")
@access.requires("see_mail_log")
def message_html(message_id):
    """Serve a message's HTML body, links taken out, for the sandboxed frame on its page."""
    row = queries.get_message(message_id)
    if row.body_html is None:
        abort(404)
    response = make_response(redact(row.body_html))
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "no-store"
    return response
