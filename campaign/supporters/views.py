"""Public pages: ask for the link, then see, download or erase what is held."""
import json

from flask import (Response, current_app, flash, make_response, redirect, render_template,
                   request, url_for)
from flask_babel import gettext as _

from campaign.campaigns import queries as campaign_queries
from campaign.core import signing
from campaign.core.i18n import localized_blueprint
from campaign.core.routing import row_id
from campaign.events.forms import status_labels
from campaign.extensions import db, limiter
from campaign.organisers.roles import ROLE_LABELS
from campaign.supporters import notice, operations, queries
from campaign.supporters.forms import AddressForm

bp = localized_blueprint("supporters", __name__)
bp.context_processor(status_labels)
#: What "your data" can erase one by one: the item's kind → the write.
ERASERS = {"rsvp": operations.erase_rsvp, "signature": operations.erase_signature,
           "letter": operations.erase_letter}


def _private(body, status=200):
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/campaigns/<slug>/privacy")
def privacy_notice(lang, slug):
    """Say what each of the campaign's forms keeps, why, who sees it and for how long."""
    campaign = campaign_queries.get_public_campaign(slug)
    return render_template("supporters/privacy_notice.html", campaign=campaign,
                           notice=notice.notice_for(campaign), role_labels=ROLE_LABELS)


@bp.get("/my-data")
def ask(lang):
    """Explain what we hold and ask for the address to send the link to."""
    return render_template("supporters/ask.html", form=AddressForm(),
                           campaigns=campaign_queries.active_campaigns())


@bp.post("/my-data")
@limiter.limit(lambda: current_app.config["RATELIMIT_MY_DATA"])
def ask_post(lang):
    """Mail the link (the same answer for every address, known or not)."""
    form = AddressForm()
    if not form.validate_on_submit():
        return render_template("supporters/ask.html", form=form,
                               campaigns=campaign_queries.active_campaigns())
    operations.request_access(form.email.data, lang)
    db.session.commit()
    return redirect(url_for(".sent"))


@bp.get("/my-data/sent")
def sent(lang):
    """Tell the visitor to look for the e-mail."""
    return render_template("supporters/sent.html")


def _access_or_error(token: str):
    try:
        return queries.access_from_token(token), None
    except signing.InvalidToken as error:
        return None, _private(render_template("supporters/link_invalid.html",
                                              expired=error.expired),
                              410 if error.expired else 404)


@bp.get("/my-data/<token>")
def show(lang, token):
    """List everything held about the address, with erase buttons."""
    access, error = _access_or_error(token)
    if error:
        return error
    return _private(render_template("supporters/data.html", token=token,
                                    held=queries.held_about(access.email), email=access.email))


@bp.get("/my-data/<token>.json")
def download(lang, token):
    """Everything held about the address as JSON (GDPR articles 15 and 20)."""
    access, error = _access_or_error(token)
    if error:
        return error
    body = json.dumps(queries.as_json(access.email), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="my-data.json"'})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/my-data/<token>/erase")
@limiter.limit(lambda: current_app.config["RATELIMIT_PUBLIC_WRITE"])
def erase(lang, token):
    """Erase one item (``rsvp-7``, ``signature-9``, ``letter-3``) or everything (``all``)."""
    access, error = _access_or_error(token)
    if error:
        return error
    item = request.form.get("item", "")
    kind, _sep, number = item.partition("-")
    if item == "all":
        operations.erase_everything(access.email)
        done = True
    elif kind in ERASERS and row_id(number):
        done = ERASERS[kind](access.email, row_id(number))
    else:
        done = False
    db.session.commit()
    if done:
        flash(_("Erased. The figures (how many came or signed) stay, without you in them."),
              "success")
    return redirect(url_for(".show", token=token))
