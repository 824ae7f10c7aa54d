"""The compose form (audience, texts per language, update) and the send form (now or later)."""
from flask import g
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateTimeLocalField, HiddenField, RadioField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import Length, Optional

from campaign import clock
from campaign.core.forms import (LOCAL_FORMATS, NonexistentTime, TextSection, TranslatedForm,
                                 aware, language_sections, plausible_date)
from campaign.core.i18n import language_name
from campaign.events import queries as event_queries
from campaign.letters import queries as letter_queries
from campaign.messages import merge
from campaign.messages.audiences import ONE_EVENT, Audience, form_value, parse_form_value
from campaign.petitions import queries as petition_queries

EVENT_AUDIENCES = {
    Audience.EVENT_ATTENDEES: _l("Confirmed attendees of %(title)s"),
    Audience.EVENT_WAITLIST: _l("Waiting list of %(title)s"),
    Audience.EVENT_CHECKED_IN: _l("Checked-in attendees of %(title)s"),
}
PETITION_AUDIENCES = {
    Audience.PETITION_SIGNERS: _l("Signers of %(title)s who opted in to updates"),
    Audience.PETITION_ALL_SIGNERS: _l("All verified signers of %(title)s (only for a message "
                                      "about their signature)"),
}
LETTER_AUDIENCES = {
    Audience.LETTER_WRITERS: _l("Supporters who wrote “%(title)s” and opted in to updates"),
    Audience.LETTER_ALL_WRITERS: _l("All supporters who wrote “%(title)s” (only for a message "
                                    "about their letter)"),
}
SUPPORTERS = _l("Supporters of the campaign who opted in to updates")
NOBODY = _l("Nobody: only publish it as an update on the campaign page")


def audience_choices(campaign) -> list[tuple[str, str]]:
    """Every audience of *campaign*: its supporters, each event's, petition's and letter
    action's."""
    choices = [(form_value(Audience.CAMPAIGN_SUPPORTERS, campaign.id), str(SUPPORTERS))]
    for event in event_queries.events_of(campaign):
        choices += [(form_value(audience, event.id), label % {"title": event.text("title")})
                    for audience, label in EVENT_AUDIENCES.items()]
    for petition in petition_queries.campaign_petitions(campaign, public_only=False):
        choices += [(form_value(audience, petition.id),
                     label % {"title": petition.text("title")})
                    for audience, label in PETITION_AUDIENCES.items()]
    for action in letter_queries.campaign_actions(campaign, public_only=False):
        choices += [(form_value(audience, action.id), label % {"title": action.text("title")})
                    for audience, label in LETTER_AUDIENCES.items()]
    return choices + [("", str(NOBODY))]


def audience_label(campaign, audience, scope_id) -> str:
    """The audience's label; a page listing many messages builds the labels once."""
    labels = g.setdefault("audience_labels", {})
    if campaign.id not in labels:
        labels[campaign.id] = dict(audience_choices(campaign))
    return labels[campaign.id].get(form_value(audience, scope_id), "")


class MessageText(TextSection):
    subject = StringField(_l("Subject (also the update's title)"),
                          validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("Message (Markdown)"), validators=[Optional(), Length(max=50000)])


class MessageForm(TranslatedForm):
    text_form = MessageText

    audience = SelectField(_l("To"), choices=[])
    publish_as_update = BooleanField(_l("Also publish it as an update on the campaign page"))
    #: One per opened form: sending it twice finds the message it created.
    form_token = HiddenField()

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.audience.choices = audience_choices(campaign)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return self._check_texts() and self._check_update() and self._check_fields() and valid

    def _check_fields(self) -> bool:
        """{event} and {manage_link} come from one event's RSVPs: refused for others."""
        audience, _scope = parse_form_value(self.audience.data or "")
        texts = [section[name].data for _code, section in language_sections(self)
                 for name in ("subject", "body")]
        if self.publish_as_update.data and "manage_link" in merge.fields_in(*texts):
            self.publish_as_update.errors = list(self.publish_as_update.errors) + [
                _("{manage_link} is each person's own link: it cannot be published on the "
                  "campaign page. Remove it, or do not publish the message as an update.")]
            return False
        if audience in ONE_EVENT:
            return True
        fields = merge.event_fields(*texts)
        if not fields:
            return True
        self.audience.errors = list(self.audience.errors) + [
            _("%(fields)s can only be filled in a message to the people of one event (its "
              "attendees, waiting list or checked-in attendees). Choose such an audience, or "
              "remove these fields.", fields=", ".join(fields))]
        return False

    def _check_texts(self) -> bool:
        valid = True
        for code, section in language_sections(self):
            subject, body = ((section[name].data or "").strip() for name in ("subject", "body"))
            missing = None
            if code == self.campaign.default_language and not (subject and body):
                missing = section.subject if not subject else section.body
                message = _("Required in %(language)s, the campaign's default language.",
                            language=language_name(code))
            elif bool(subject) != bool(body):
                missing = section.subject if not subject else section.body
                message = _("Write both the subject and the message in %(language)s, or "
                            "neither.", language=language_name(code))
            if missing is not None:
                missing.errors = list(missing.errors) + [message]
                valid = False
        return valid

    def _check_update(self) -> bool:
        if self.audience.data or self.publish_as_update.data:
            return True
        self.publish_as_update.errors = list(self.publish_as_update.errors) + [
            _("Choose who receives it, or publish it as an update.")]
        return False

    def values(self) -> dict:
        audience, scope_id = parse_form_value(self.audience.data)
        return dict(audience=audience, scope_id=scope_id,
                    publish_as_update=self.publish_as_update.data,
                    texts={code: {"subject": section.subject.data, "body": section.body.data}
                           for code, section in language_sections(self)})


class SendForm(FlaskForm):
    when = RadioField(_l("When"), default="now", choices=[
        ("now", _l("Now")), ("later", _l("At a chosen time"))])
    send_at = DateTimeLocalField(_l("Date and time"), format=LOCAL_FORMATS,
                                 validators=[Optional(), plausible_date])

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.send_at.description = _("Local time in %(zone)s.", zone=zone)

    def moment(self):
        """The moment chosen (aware), or None for now; valid only after validate()."""
        return self._moment

    def validate(self, extra_validators=None):
        self._moment = None
        if not super().validate(extra_validators):
            return False
        if self.when.data != "later":
            return True
        if self.send_at.data is None:
            self.send_at.errors = [_("Enter the date and time to send it.")]
            return False
        try:
            self._moment = aware(self.send_at.data, self.zone)
        except NonexistentTime:
            self.send_at.errors = [_("This time does not exist in %(zone)s (the clocks "
                                     "change).", zone=self.zone)]
            return False
        if self._moment <= clock.now():
            self.send_at.errors = [_("This time has passed. Choose a later one, or send now.")]
            return False
        return True
