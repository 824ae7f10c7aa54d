"""Organiser pages: add, edit and delete a key date's reminders (listed on its page)."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from campaign.core import i18n
from campaign.core.admin import organiser_blueprint
from campaign.campaigns import queries as campaign_queries
from campaign.core.forms import fill_language_sections, language_sections, texts_from
from campaign.extensions import db
from campaign.messages import audiences
from campaign.reminders import key_date_reminders, operations, queries
from campaign.reminders.forms import ReminderForm
from campaign.organisers import access

bp = organiser_blueprint("reminders_admin", __name__, url_prefix="/organiser")


@bp.app_template_global()
def key_date_reminders_of(key_date):
    """The key date's reminders with their last run, audience and next send, for its page."""
    return [(reminder, queries.last_run(reminder), queries.audience_label(reminder),
             queries.next_send(reminder)) for reminder in queries.reminders_of(key_date)]


def _warn_if_passed(reminder) -> None:
    """Saved for a time already gone: say what the worker will do, rather than surprise."""
    coming = queries.next_send(reminder)
    if coming and coming.passed:
        flash(passed_warning(coming, reminder.campaign.timezone), "error")


@bp.app_template_global()
def passed_warning(coming, zone: str) -> str:
    when = i18n.format_moment(coming.due, zone)
    if coming.skipped:
        return _("Its time (%(when)s) has already passed: it will not be sent for this "
                 "occurrence.", when=when)
    return _("Its time (%(when)s) has already passed: the mail worker sends it late, at its "
             "next round.", when=when)


def _form(campaign, **kwargs):
    return ReminderForm(audience_choices=queries.audience_choices(campaign),
                        languages=campaign.languages,
                        default_language=campaign.default_language, **kwargs)


def _fields(form, campaign):
    audience, scope_id = audiences.parse_form_value(form.audience.data)
    texts = {lang: values for lang, values in texts_from(form).items()
             if lang in campaign.languages}
    return dict(days_before=form.days_before.data, time_of_day=form.time_of_day.data,
                catch_up=form.catch_up.data, audience=audience, scope_id=scope_id, texts=texts)


def _back(key_date):
    return redirect(url_for("campaigns_admin.edit_key_date", key_date_id=key_date.id,
                            _anchor="reminders"))


def _page(form, key_date, reminder=None, status=200):
    campaign = key_date.campaign
    sections = [(code, section) for code, section in language_sections(form)
                if code in campaign.languages]
    return render_template("reminders/admin/reminder_form.html", form=form, key_date=key_date,
                           campaign=campaign, reminder=reminder, sections=sections,
                           previews=_previews(reminder, key_date)), status


def _previews(reminder, key_date):
    """Each language's reminder as it would go out for the next occurrence."""
    if reminder is None:
        return []
    day = key_date.occurrence(key_date.campaign.today()) or key_date.date
    return [(lang, key_date_reminders.render_texts(reminder, lang, day))
            for lang in key_date.campaign.languages if reminder.has_text(lang, "subject")]


@bp.route("/key-dates/<int:key_date_id>/reminders/new", methods=["GET", "POST"])
@access.requires("edit_content")
def new_reminder(key_date_id):
    """Add a reminder to a key date."""
    key_date = campaign_queries.get_key_date(key_date_id)
    form = _form(key_date.campaign)
    if form.validate_on_submit():
        reminder = operations.create_reminder(key_date, **_fields(form, key_date.campaign))
        db.session.commit()
        flash(_("Reminder added."), "success")
        _warn_if_passed(reminder)
        return _back(key_date)
    return _page(form, key_date, status=400 if form.is_submitted() else 200)


@bp.route("/reminders/<int:reminder_id>", methods=["GET", "POST"])
@access.requires("edit_content")
def edit_reminder(reminder_id):
    """Edit a key-date reminder: when, to whom, and its texts."""
    reminder = queries.get_reminder(reminder_id)
    key_date = reminder.key_date
    form = _form(key_date.campaign, obj=reminder)
    if not form.is_submitted():
        form.audience.data = audiences.form_value(reminder.audience, reminder.scope_id)
        fill_language_sections(form, reminder, ("subject", "body"))
    if form.validate_on_submit():
        operations.update_reminder(reminder, **_fields(form, key_date.campaign))
        db.session.commit()
        flash(_("Reminder saved."), "success")
        _warn_if_passed(reminder)
        return _back(key_date)
    return _page(form, key_date, reminder, status=400 if form.is_submitted() else 200)


@bp.post("/reminders/<int:reminder_id>/delete")
@access.requires("edit_content")
def delete_reminder(reminder_id):
    """Remove a key-date reminder."""
    reminder = queries.get_reminder(reminder_id)
    key_date = reminder.key_date
    operations.delete_reminder(reminder)
    db.session.commit()
    flash(_("Reminder removed."), "success")
    return _back(key_date)
