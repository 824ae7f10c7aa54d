"""Organiser pages: compose a message, preview and test it, send it, watch it go out."""
import uuid

from flask import (current_app, flash, jsonify, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from campaign.core.admin import organiser_blueprint
from campaign.campaigns import queries as campaign_queries
from campaign.core.forms import fill_language_sections
from campaign.extensions import db, limiter
from campaign.mailing.queries import is_suppressed
from campaign.messages import audiences, mail, merge, operations, queries
from campaign.messages.forms import MessageForm, SendForm, audience_label
from campaign.messages.models import MessageState
from campaign.organisers import navigation
from campaign.core.routing import page_number
from campaign.organisers import access

bp = organiser_blueprint("messages_admin", __name__, url_prefix="/organiser/messages")

STATE_LABELS = {
    MessageState.DRAFT: _l("Draft"),
    MessageState.SCHEDULED: _l("Scheduled"),
    MessageState.SENDING: _l("Sending"),
    MessageState.SENT: _l("Sent"),
    MessageState.CANCELLED: _l("Cancelled"),
}


@bp.context_processor
def labels():
    return {"state_labels": STATE_LABELS, "audience_label": audience_label}


def campaign_links(campaign):
    return [navigation.Link(_l("Messages"), url_for("messages_admin.message_list",
                                                    campaign_id=campaign.id),
                            power="send_messages")]


@bp.get("/campaign/<int:campaign_id>")
@access.requires("send_messages")
def message_list(campaign_id):
    """List a campaign's messages: who sent each, when, to how many."""
    campaign = campaign_queries.get_campaign(campaign_id)
    page = queries.messages_of(campaign, page_number(request.args.get("page")))
    return render_template("messages/admin/list.html", campaign=campaign, page=page)


@bp.route("/campaign/<int:campaign_id>/new", methods=["GET", "POST"])
@access.requires("send_messages")
def new_message(campaign_id):
    """Write a message (saved as a draft to preview before sending)."""
    campaign = campaign_queries.get_campaign(campaign_id)
    form = MessageForm(campaign=campaign)
    if not form.is_submitted():
        form.form_token.data = uuid.uuid4().hex
        form.audience.data = request.args.get("audience", form.audience.choices[0][0])
    if form.validate_on_submit():
        message = _create(campaign, form)
        return redirect(url_for(".show_message", message_id=message.id))
    return render_template("messages/admin/compose.html", form=form, campaign=campaign,
                           message=None)


def _create(campaign, form):
    """Create the draft once, however often the same form arrives."""
    token = (form.form_token.data or "")[:32]
    existing = operations.find_by_form_token(token)
    if existing is not None:
        return existing
    try:
        message = operations.create_message(campaign, form_token=token or None,
                                            created_by=current_user.name, **form.values())
        db.session.commit()
    except IntegrityError:  # the same form, sent twice at the same moment
        db.session.rollback()
        return operations.find_by_form_token(token)
    return message


@bp.route("/<int:message_id>/edit", methods=["GET", "POST"])
@access.requires("send_messages")
def edit_message(message_id):
    """Change a draft."""
    message = queries.get_message(message_id)
    form = MessageForm(obj=message, campaign=message.campaign)
    if not form.is_submitted():
        form.audience.data = audiences.form_value(message.audience, message.scope_id)
        fill_language_sections(form, message, ("subject", "body"))
    try:
        if not message.is_draft:
            raise operations.NotADraft(message.id)
        if form.validate_on_submit():
            operations.update_message(message, **form.values())
            db.session.commit()
            return redirect(url_for(".show_message", message_id=message.id))
    except operations.NotADraft:
        db.session.rollback()
        flash(_("This message was sent; it can no longer be changed."), "info")
        return redirect(url_for(".show_message", message_id=message.id))
    return render_template("messages/admin/compose.html", form=form, campaign=message.campaign,
                           message=message)


@bp.get("/<int:message_id>")
@access.requires("send_messages")
def show_message(message_id):
    """A draft: its audience, count, preview and send form; later: its progress."""
    message = queries.get_message(message_id)
    return _render_message(message, SendForm(formdata=None, zone=message.campaign.timezone))


def _render_message(message, send_form, status=200):
    per_language = (audiences.count_by_language(message.audience, message.scope_id)
                    if message.is_draft and message.is_emailed else {})
    count = sum(per_language.values()) if message.is_draft and message.is_emailed else None
    # Languages some recipients speak that the message is not written in: they get the
    # fallback language's text.
    untranslated = {lang: number for lang, number in per_language.items()
                    if lang not in message.languages}
    previews = [(lang, mail.preview(message, lang)) for lang in message.languages]
    texts = [message.text(field, lang) for lang in message.languages
             for field in ("subject", "body")]
    misplaced = ([] if message.audience in audiences.ONE_EVENT
                 else merge.event_fields(*texts))
    return render_template("messages/admin/message.html", message=message,
                           campaign=message.campaign, count=count, per_language=per_language,
                           untranslated=untranslated, previews=previews,
                           send_form=send_form, progress=queries.progress(message),
                           unknown_fields=merge.unknown_fields(*texts),
                           misplaced_fields=misplaced), status


@bp.post("/<int:message_id>/test")
@limiter.limit(lambda: current_app.config["RATELIMIT_MESSAGE_TEST"])
@access.requires("send_messages")
def send_test(message_id):
    """Queue a test copy in each language to the organiser who asks."""
    message = queries.get_message(message_id)
    if is_suppressed(current_user.email):
        flash(_("Test copies cannot reach %(address)s: that address has unsubscribed from "
                "campaign mail.", address=current_user.email), "error")
        return redirect(url_for(".show_message", message_id=message.id))
    number = operations.queue_tests(message, current_user.email)
    db.session.commit()
    flash(_("A test copy in each language (%(num)d) is on its way to %(address)s.",
            num=number, address=current_user.email), "success")
    return redirect(url_for(".show_message", message_id=message.id))


@bp.post("/<int:message_id>/send")
@access.requires("send_messages")
def send_message(message_id):
    """Send the message now or at the chosen time (once, however often this is posted)."""
    message = queries.get_message(message_id)
    form = SendForm(zone=message.campaign.timezone)
    if not message.is_draft:
        flash(_("This message was already sent."), "info")
        return redirect(url_for(".show_message", message_id=message.id))
    if not form.validate_on_submit():
        return _render_message(message, form, 400)
    misplaced = ([] if message.audience in audiences.ONE_EVENT else merge.event_fields(*(
        message.text(field, lang) for lang in message.languages
        for field in ("subject", "body"))))
    if misplaced:
        flash(_("%(fields)s can only be filled in a message to the people of one event. Change "
                "the message before sending it.", fields=", ".join(misplaced)), "error")
        return redirect(url_for(".show_message", message_id=message.id))
    if operations.request_send(message, send_at=form.moment(), organiser=current_user):
        db.session.commit()
        if not message.is_emailed:
            flash(_("The update will be published at the chosen time.") if form.moment()
                  else _("The update is published."), "success")
        else:
            flash(_("Sending starts at the chosen time.") if form.moment()
                  else _("Sending has started."), "success")
    else:
        flash(_("This message was already sent."), "info")
    return redirect(url_for(".show_message", message_id=message.id))


@bp.post("/<int:message_id>/cancel")
@access.requires("send_messages")
def cancel_message(message_id):
    """Call off a message that has not started going out."""
    message = queries.get_message(message_id)
    if operations.cancel(message):
        db.session.commit()
        flash(_("The message was cancelled: nobody receives it."), "success")
    elif message.state == MessageState.CANCELLED:
        flash(_("This message was already cancelled."), "info")
    elif message.is_draft:
        flash(_("This message is a draft: nothing is sent until you send it."), "info")
    else:
        flash(_("It is too late to cancel this message: it has started going out."), "error")
    return redirect(url_for(".show_message", message_id=message.id))


@bp.post("/<int:message_id>/duplicate")
@limiter.limit(lambda: current_app.config["RATELIMIT_MESSAGE_TEST"])
@access.requires("send_messages")
def duplicate_message(message_id):
    """A new draft with this message's audience and texts, to change and send again."""
    message = queries.get_message(message_id)
    copy = operations.duplicate_message(message, created_by=current_user.name)
    db.session.commit()
    flash(_("This is a copy of “%(subject)s”: change it, then preview and send it.",
            subject=message.text("subject")), "success")
    return redirect(url_for(".edit_message", message_id=copy.id))


@bp.get("/<int:message_id>/progress.json")
@access.requires("send_messages")
def progress_json(message_id):
    """The numbers of the progress page, for its script."""
    message = queries.get_message(message_id)
    response = jsonify({**queries.progress(message).as_dict(),
                        "state_label": str(STATE_LABELS[message.state])})
    response.headers["Cache-Control"] = "no-store"
    return response
