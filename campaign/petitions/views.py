"""Public pages: the petition, signing, "check your e-mail", and the verification link."""
from datetime import timedelta

import sqlalchemy as sa
from babel.numbers import format_decimal
from flask import make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf import FlaskForm

from campaign.campaigns import signals as campaign_signals
from campaign.core import form_tokens, resend, share_image
from campaign.core.countries import country_name
from campaign.core.forms import typed_answer_headers
from campaign.core.i18n import format_locale, localized_blueprint
from campaign.core.pagecache import cached_page, show_fresh_pages
from campaign.core.signing import InvalidToken, read_token
from campaign.extensions import csrf, db, limiter
from campaign.petitions import abuse, counter, mail, operations, queries, sharing
from campaign.petitions.config import setting
from campaign.petitions.forms import SignForm
from campaign.petitions.models import Signature, SignatureState

bp = localized_blueprint("petitions", __name__)


@bp.app_template_filter("country")
def country_filter(code):
    return country_name(code)


def _page(petition, form, status=200, csrf_expired=False):
    return render_template(
        "petitions/petition.html", petition=petition, form=form, csrf_expired=csrf_expired,
        form_token=form_tokens.issue("petition", petition.id),
        progress=queries.progress(petition), signers=queries.recent_public_signers(petition),
        share=sharing.links(petition)), status, typed_answer_headers()


@bp.get("/petitions/<slug>")
@cached_page
def petition_page(lang, slug):
    """Show a petition with its count, recent public signers and the form."""
    petition = queries.get_public_petition(slug)
    return _page(petition, SignForm(lang=lang, formdata=None))


@bp.post("/petitions/<slug>/sign")
@csrf.exempt  # core.form_tokens, checked below: a refused post shows the form again as typed
@limiter.limit(abuse.sign_limit_per_ip, methods=["POST"])
@limiter.limit(abuse.sign_limit_per_domain, key_func=abuse.domain_key,
               exempt_when=abuse.domain_exempt, methods=["POST"], scope="petition-domain")
def sign(lang, slug):
    """Record a pending signature and queue its verification link."""
    petition = queries.get_public_petition(slug)
    form = SignForm(lang=lang)
    if not petition.is_open:
        return _page(petition, form, status=409)
    if not form_tokens.passed("petition", petition.id):
        return _page(petition, form, status=400, csrf_expired=True)
    if form.is_bot:
        return redirect(url_for(".check_email", lang=lang, slug=slug))
    if not form.validate():
        return _page(petition, form)
    operations.sign(petition, name=form.name.data, email=form.email.data,
                    country=form.country.data, comment=form.comment.data,
                    public=form.public.data, updates=form.updates.data, lang=lang,
                    ip_hash=abuse.ip_hash(request.remote_addr))
    # Read before the commit, which expires every loaded row (reading after it reloads them).
    key, signature_id = _resend_key(petition), queries.signature_id(petition, form.email.data)
    db.session.commit()
    resend.remember(key, signature_id, form.email.data,
                    timedelta(seconds=setting("PETITION_RESEND_INTERVAL")))
    return redirect(url_for(".check_email", lang=lang, slug=slug))


def _resend_key(petition) -> str:
    return f"petition:{petition.id}"


@bp.get("/petitions/<slug>/share.png")
def share_png(lang, slug):
    """The petition's link-preview image: its title and verified count, in *lang*.

    The count in the image's URL (?n=) only makes previews refresh; the image shows the count
    read here.
    """
    petition = queries.get_public_petition(slug)
    count = queries.progress(petition).count
    return share_image.png_response(share_image.render(
        petition.text("title"), _("Campaigns for human rights"),
        figure=format_decimal(count, locale=format_locale(lang)),
        caption=ngettext("signature", "signatures", count)))


@bp.get("/petitions/<slug>/sign")
def sign_page(lang, slug):
    """Send a visitor who reloads or switches language after an error back to the petition."""
    return redirect(url_for(".petition_page", lang=lang, slug=slug))


@bp.get("/petitions/<slug>/check-email")
def check_email(lang, slug):
    """Ask the signer to follow the link we e-mailed (the same page for every address)."""
    petition = queries.get_public_petition(slug)
    return render_template("petitions/check_email.html", petition=petition, form=FlaskForm(),
                           can_resend=resend.remembered(_resend_key(petition)),
                           share=sharing.links(petition))


@bp.post("/petitions/<slug>/check-email")
@limiter.limit(abuse.sign_limit_per_ip, methods=["POST"])
def resend_mail(lang, slug):
    """Send the signature's mail again, at most every few minutes (the same answer whatever
    the address: see campaign.core.resend)."""
    petition = queries.get_public_petition(slug)
    resend.button_pressed(_resend_key(petition),
                          timedelta(seconds=setting("PETITION_RESEND_INTERVAL")),
                          1 + setting("PETITION_RESEND_MAX"), operations.mail_again, FlaskForm())
    return redirect(url_for(".check_email", lang=lang, slug=slug))


@bp.get("/petitions/<slug>/verify/<token>")
def verify(lang, slug, token):
    """Show the signature a link is for with one button (mail scanners follow links, so
    following one never acts); once verified, the thank-you page."""
    petition = queries.get_public_petition(slug)
    signature, problem = _signature_from_link(petition, token)
    if problem:
        return _link_problem(petition, problem)
    if signature.state == SignatureState.VERIFIED:
        return _thanks(petition)
    if not petition.is_open:
        return _link_problem(petition, "closed")
    return _no_store(render_template("petitions/verify.html", petition=petition,
                                     signature=signature, form=FlaskForm()))


@bp.post("/petitions/<slug>/verify/<token>")
@limiter.limit(abuse.sign_limit_per_ip, methods=["POST"])
def verify_post(lang, slug, token):
    """Verify a signature and thank the signer (again, if the button is pressed again)."""
    petition = queries.get_public_petition(slug)
    signature, problem = _signature_from_link(petition, token)
    if problem:
        return _link_problem(petition, problem)
    if not FlaskForm().validate_on_submit():
        return redirect(url_for(".verify", lang=lang, slug=slug, token=token))
    if signature.state == SignatureState.PENDING:
        if not petition.is_open:
            return _link_problem(petition, "closed")
        operations.verify(signature)
        db.session.commit()
        show_fresh_pages()
    return _thanks(petition)


def _signature_from_link(petition, token):
    """(signature, None) or (None, "expired" | "invalid")."""
    try:
        key = read_token(mail.TOKEN_PURPOSE, token, max_age=setting("PETITION_VERIFY_MAX_AGE"))
    except InvalidToken as error:
        return None, "expired" if error.expired else "invalid"
    signature = db.session.scalar(sa.select(Signature).where(Signature.link_key == key)) \
        if isinstance(key, str) else None
    if (signature is None or signature.petition_id != petition.id
            or signature.state == SignatureState.INVALIDATED):
        return None, "invalid"
    return signature, None


def _thanks(petition):
    return _no_store(render_template(
        "petitions/thanks.html", petition=petition, progress=queries.progress(petition, fresh=True),
        share=sharing.links(petition, signed=True), invite_url=sharing.invite_link(petition),
        next_event=campaign_signals.first_answer(campaign_signals.next_event, petition.campaign)))


def _no_store(body, status=200):
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"  # the page came from a personal link
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _link_problem(petition, problem):
    status = {"expired": 410, "invalid": 404, "closed": 409}[problem]
    return render_template("petitions/link_problem.html", petition=petition,
                           problem=problem), status


def campaign_section(campaign) -> dict | None:
    """The campaign page's "Petitions" section: each public petition with its count."""
    petitions = queries.campaign_petitions(campaign)
    if not petitions:
        return None
    totals = counter.counts(p.id for p in petitions)
    listed = [(p, queries.Progress(totals[p.id], counter.next_goal(totals[p.id], p.goal)))
              for p in petitions]
    open_now = [(p, progress) for p, progress in listed if p.is_open]
    return {"petitions": listed, "open": open_now[0] if open_now else None}
