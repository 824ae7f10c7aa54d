"""Organiser pages about signatures: the list, charts, sources, bulk invalidation, CSV export
and the printable delivery page."""
import datetime as dt

from flask import Response, flash, redirect, render_template, request, stream_template, url_for
from flask_babel import gettext as _

from campaign.core import csv
from campaign.core.admin import organiser_blueprint
from campaign.core.countries import country_name
from campaign.core.routing import row_id
from campaign.extensions import db
from campaign.petitions import operations, queries, stats
from campaign.petitions.admin import labels
from campaign.petitions.forms import InvalidationForm, SignatureFilterForm, start_of_day
from campaign.petitions.models import Signature, SignatureState
from campaign.petitions.queries import SignatureFilter
from campaign.organisers import access, audit

bp = organiser_blueprint("petition_signatures", __name__, url_prefix="/organiser/petitions")
bp.context_processor(labels)

#: How far back the sources page looks, in hours.
SOURCE_WINDOWS = (24, 24 * 7, 24 * 30, 24 * 365 * 10)

#: What the addressee may see: names only of those who agreed to be public.
PUBLIC_COLUMNS = ("name", "country", "country_name", "verified_on")
#: Everything, for the organisers' own records (asked for explicitly).
FULL_COLUMNS = ("id", "name", "email", "country", "comment", "public", "updates", "lang",
                "state", "consent_version", "created_at", "verified_at", "invalidated_at",
                "ip_hash")


def filter_from(form, zone: str, **extra) -> SignatureFilter:
    """A SignatureFilter from a validated filter form (days are the campaign's days)."""
    until = form.until.data
    return SignatureFilter(
        since=start_of_day(form.since.data, zone),
        until=start_of_day(until + dt.timedelta(days=1), zone) if until else None,
        ip_hash=(form.ip_hash.data or "").strip() or None,
        domain=(form.domain.data or "").strip().lower() or None, **extra)


@bp.get("/<int:petition_id>/signatures")
@access.requires("see_people")
def signatures(petition_id):
    """List signatures, filtered by state, country, date, source or a search."""
    petition = queries.get_petition(petition_id)
    form = SignatureFilterForm(request.args)
    filters = SignatureFilter()
    if form.validate():
        filters = filter_from(form, petition.campaign.timezone, state=form.state.data or None,
                              country=form.country.data or None, search=form.q.data or None)
    page = queries.signatures(petition, filters, after=row_id(request.args.get("after")),
                              before=row_id(request.args.get("before")))
    args = {k: v for k, v in request.args.items() if k in form.data and v}
    return render_template("petitions/admin/signatures.html", petition=petition, form=form,
                           page=page, args=args)


@bp.get("/<int:petition_id>/stats")
@access.requires("see_counts")
def statistics(petition_id):
    """Chart verified signatures per day and break them down by country."""
    petition = queries.get_petition(petition_id)
    per_day = stats.verified_per_day(petition, petition.campaign.timezone)
    return render_template(
        "petitions/admin/stats.html", petition=petition,
        progress=queries.progress(petition, fresh=True),
        days=stats.bars((day.isoformat(), n) for day, n in per_day),
        countries=stats.bars(stats.by_country(petition)))


@bp.get("/<int:petition_id>/sources")
@access.requires("see_people")
def sources(petition_id):
    """Show where signatures came from: IP hashes and e-mail domains over time."""
    petition = queries.get_petition(petition_id)
    hours = request.args.get("hours", SOURCE_WINDOWS[1], type=int)
    hours = hours if hours in SOURCE_WINDOWS else SOURCE_WINDOWS[1]
    since = stats.window_start(hours)
    # One source's signatures per hour, or everyone's.
    source = SignatureFilter(ip_hash=request.args.get("ip_hash", "")[:32] or None,
                             domain=request.args.get("domain", "")[:254] or None)
    return render_template(
        "petitions/admin/sources.html", petition=petition, hours=hours, windows=SOURCE_WINDOWS,
        ip_hashes=stats.top_sources(petition, Signature.ip_hash, since),
        domains=stats.top_sources(petition, Signature.email_domain, since), source=source,
        hourly=stats.bars(stats.per_hour(petition, stats.window_start(48), source.clauses())))


@bp.route("/<int:petition_id>/invalidate", methods=["GET", "POST"])
@access.requires("see_people")
def invalidate(petition_id):
    """Preview the signatures a filter picks (GET), then invalidate them (POST)."""
    petition = queries.get_petition(petition_id)
    posted = request.method == "POST"
    form = InvalidationForm() if posted else InvalidationForm(request.args, meta={"csrf": False})
    filters = None
    if (posted or request.args) and form.validate():
        filters = filter_from(form, petition.campaign.timezone)
        if not filters.narrows_to_a_source:
            form.ip_hash.errors = [_("Give an IP hash, a domain or dates, so that not every "
                                     "signature is picked.")]
            filters = None
    if posted and filters is not None:
        verified, pending = operations.invalidate(petition, filters.clauses())
        db.session.commit()
        flash(_("Invalidated %(verified)d confirmed and %(pending)d unconfirmed signatures.",
                verified=verified, pending=pending), "success")
        return redirect(url_for(".signatures", petition_id=petition.id, state="invalidated"))
    preview = None
    if filters is not None:
        preview = {"counts": queries.matching_counts(petition, filters),
                   "sample": queries.sample(petition, filters)}
    return render_template("petitions/admin/invalidate.html", petition=petition, form=form,
                           preview=preview)


def public_row(signature) -> list:
    return [signature.name if signature.public else "", signature.country,
            country_name(signature.country, "en"),
            signature.verified_at.date() if signature.verified_at else None]


def full_row(signature) -> list:
    return [getattr(signature, column) for column in FULL_COLUMNS]


@bp.get("/<int:petition_id>/export.csv")
@access.requires("export")
def export_csv(petition_id):
    """Stream the verified signatures as CSV; ``full=1`` adds private fields and all states."""
    petition = queries.get_petition(petition_id)
    full = request.args.get("full") == "1"
    if full:
        columns, make_row, filters = FULL_COLUMNS, full_row, SignatureFilter()
    else:
        columns, make_row = PUBLIC_COLUMNS, public_row
        filters = SignatureFilter(state=SignatureState.VERIFIED.value)
    audit.record("export", petition.campaign_id,
                 list=f"signatures{' (full)' if full else ''}: {petition.slug}",
                 rows=sum(queries.matching_counts(petition, filters).values()))
    db.session.commit()
    rows = (make_row(s) for s in queries.stream(petition, filters))
    return csv.response(columns, rows, f"{petition.slug}-{'full' if full else 'signatures'}.csv")


@bp.get("/<int:petition_id>/delivery")
@access.requires("see_people")
def delivery(petition_id):
    """A printable page for the addressee: text, total, countries, public names."""
    petition = queries.get_petition(petition_id)
    # The page streams after the request's session has closed: read its texts now.
    texts = {field: petition.text(field) for field in ("title", "target", "text")}
    return Response(stream_template(
        "petitions/admin/delivery.html", petition_id=petition.id, texts=texts,
        progress=queries.progress(petition, fresh=True),
        countries=stats.by_country(petition), names=queries.public_names(petition)))
