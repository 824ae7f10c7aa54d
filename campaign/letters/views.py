"""Public pages: the letter action (country → targets → letter → name and e-mail), "check
your e-mail", the confirmation page (a button sends), and "send it yourself"."""
from datetime import timedelta
from urllib.parse import quote

from flask import make_response, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from campaign.core import form_tokens, resend
from campaign.core.forms import typed_answer_headers
from campaign.core.i18n import localized_blueprint
from campaign.core.pagecache import cached_page, show_fresh_pages
from campaign.core.signing import InvalidToken, read_token
from campaign.extensions import csrf, db, limiter
from campaign.letters import mail, operations, queries
from campaign.letters.config import setting
from campaign.letters.forms import LetterForm
from campaign.letters.models import LetterState

bp = localized_blueprint("letters", __name__)


def _write_limit() -> str:
    return setting("LETTER_RATELIMIT_WRITE")


def _chosen_country(action, lang: str, asked: str | None) -> str | None:
    """The asked country if the action has targets there, else the language's default."""
    available = queries.countries(action)
    if asked in available:
        return asked
    default = setting("LETTER_DEFAULT_COUNTRIES").get(lang)
    return default if asked is None and default in available else None


def _page(action, lang, form, country, status=200, csrf_expired=False):
    form.use_suggested_text(action.text("subject"), action.text("body"),
                            fill_empty=request.method == "GET")
    form.country.data = country
    targets = queries.targets_for(action, country)
    return render_template(
        "letters/action.html", action=action, form=form, country=country,
        countries=queries.countries(action), targets=targets,
        mailto=_mailto_url(targets, form.subject.data, form.body.data) if targets else None,
        count=queries.letters_sent(action), csrf_expired=csrf_expired,
        form_token=form_tokens.issue("letter", action.id)), status, typed_answer_headers()


@bp.get("/letters/<slug>")
@cached_page
def action_page(lang, slug):
    """Show the action; with a country chosen, its targets and the letter to send them."""
    action = queries.get_public_action(slug)
    country = _chosen_country(action, lang, request.args.get("country"))
    return _page(action, lang, LetterForm(action=action, formdata=None), country)


@bp.post("/letters/<slug>/write")
@csrf.exempt  # core.form_tokens, checked below: a refused post shows the form again as typed
@limiter.limit(_write_limit, methods=["POST"])
def write(lang, slug):
    """Record a pending letter and mail its confirmation link."""
    action = queries.get_public_action(slug)
    form = LetterForm(action=action)
    country = _chosen_country(action, lang, form.country.data or "")
    if not action.is_open:
        return _page(action, lang, form, country, status=409)
    if not form_tokens.passed("letter", action.id):
        return _page(action, lang, form, country, status=400, csrf_expired=True)
    if form.is_bot:
        return redirect(url_for(".check_email", lang=lang, slug=slug))
    if not form.validate() or country is None:
        return _page(action, lang, form, country)
    subject = form.subject.data if action.subject_editable else action.text("subject")
    body = form.body.data if action.body_editable else action.text("body")
    operations.write(action, name=form.name.data, email=form.email.data, country=country,
                     subject=subject, body=body, updates=form.updates.data, lang=lang)
    # Read before the commit, which expires every loaded row (reading after it reloads them).
    key, letter_id = _resend_key(action), queries.letter_id(action, form.email.data)
    db.session.commit()
    resend.remember(key, letter_id, form.email.data,
                    timedelta(seconds=setting("LETTER_RESEND_INTERVAL")))
    return redirect(url_for(".check_email", lang=lang, slug=slug))


def _resend_key(action) -> str:
    return f"letter:{action.id}"


@bp.get("/letters/<slug>/write")
def write_page(lang, slug):
    """Send a visitor who reloads or switches language after an error back to the action."""
    return redirect(url_for(".action_page", lang=lang, slug=slug))


@bp.get("/letters/<slug>/check-email")
def check_email(lang, slug):
    """Ask the supporter to follow the link we e-mailed (the same page for every address)."""
    action = queries.get_public_action(slug)
    return render_template("letters/check_email.html", action=action, form=FlaskForm(),
                           can_resend=resend.remembered(_resend_key(action)))


@bp.post("/letters/<slug>/check-email")
@limiter.limit(_write_limit, methods=["POST"])
def resend_mail(lang, slug):
    """Send the letter's confirmation mail again, at most every few minutes (the same answer
    whatever the address: see campaign.core.resend)."""
    action = queries.get_public_action(slug)
    resend.button_pressed(_resend_key(action),
                          timedelta(seconds=setting("LETTER_RESEND_INTERVAL")),
                          1 + setting("LETTER_RESEND_MAX"), operations.mail_again, FlaskForm())
    return redirect(url_for(".check_email", lang=lang, slug=slug))


@bp.route("/letters/<slug>/confirm/<token>", methods=["GET", "POST"])
def confirm(lang, slug, token):
    """Show the letter with a button (GET); send it (POST). Opening the link sends nothing."""
    action = queries.get_public_action(slug)
    try:
        key = read_token(mail.TOKEN_PURPOSE, token, max_age=setting("LETTER_CONFIRM_MAX_AGE"))
    except InvalidToken as error:
        return _link_problem(action, "expired" if error.expired else "invalid")
    letter = queries.letter_from_key(key)
    if letter is None or letter.action_id != action.id:
        return _link_problem(action, "invalid")
    if letter.state == LetterState.PENDING and not action.is_open:
        return _link_problem(action, "closed")
    if request.method == "POST" and letter.state == LetterState.PENDING:
        operations.confirm(letter)
        db.session.commit()
        show_fresh_pages()  # this visitor sees the new count at once
        return redirect(url_for(".confirm", lang=lang, slug=slug, token=token))
    response = make_response(render_template(
        "letters/confirm.html", action=action, letter=letter, token=token,
        targets=queries.targets_for(action, letter.country),
        confirmed=letter.state == LetterState.CONFIRMED))
    response.headers["Cache-Control"] = "no-store"
    return response


def _link_problem(action, problem):
    status = {"expired": 410, "invalid": 404, "closed": 409}[problem]
    return render_template("letters/link_problem.html", action=action, problem=problem), status


@bp.post("/letters/<slug>/mailto")
@csrf.exempt  # core.form_tokens, checked below (the letter form's own token)
@limiter.limit(_write_limit, methods=["POST"])
def send_yourself(lang, slug):
    """Count a "send it from my own mailbox" click and open the supporter's mail program."""
    action = queries.get_public_action(slug)
    form = LetterForm(action=action)
    country = _chosen_country(action, lang, form.country.data or "")
    targets = queries.targets_for(action, country)
    if not action.is_open or not targets:
        return redirect(url_for(".action_page", lang=lang, slug=slug))
    if not form_tokens.passed("letter", action.id):
        return _page(action, lang, form, country, status=400, csrf_expired=True)
    operations.record_mailto(action, country)
    db.session.commit()
    subject = form.subject.data if action.subject_editable else action.text("subject")
    body = form.body.data if action.body_editable else action.text("body")
    return redirect(_mailto_url(targets, subject or "", body or ""), code=303)


def _mailto_url(targets, subject: str, body: str) -> str:
    """A mailto: link to every target, subject and body filled in (RFC 6068)."""
    to = ",".join(quote(t.email, safe="@") for t in targets)
    return f"mailto:{to}?subject={quote(subject or '')}&body={quote(body or '')}"


def campaign_section(campaign) -> dict | None:
    """The campaign page's "Write to your representatives" section, with each action's count."""
    actions = queries.campaign_actions(campaign)
    if not actions:
        return None
    return {"actions": [(a, queries.letters_sent(a)) for a in actions]}
