"""Each resource as the API shows it (OSDI names where OSDI has one), with its links.

Texts kept per language are objects keyed by language code (``"title": {"en": "…"}``); times
are ISO 8601 with their offset (an event's in its own zone).
"""
from campaign.api.hal import href, identifier, moment, texts
from campaign.core.templating import public_url


def campaign(row) -> dict:
    return {
        "id": row.id, "identifiers": identifier("campaign", row.id), "slug": row.slug,
        **texts(row, ("title", "summary", "body")),
        "status": str(row.status), "default_language": row.default_language,
        "languages": row.languages, "timezone": row.timezone,
        "contact_name": row.contact_name, "contact_email": row.contact_email,
        "browser_url": public_url("campaigns.campaign_page", slug=row.slug)
        if row.is_public else None,
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.campaign", campaign_id=row.id),
                   "osdi:events": href("api.events"), "osdi:petitions": href("api.petitions"),
                   "osdi:key_dates": href("api.key_dates"),
                   "osdi:messages": href("api.messages"), "osdi:people": href("api.people")},
    }


def _local(moment_utc, zone) -> str | None:
    return moment_utc.astimezone(zone).isoformat() if moment_utc is not None else None


def event(row) -> dict:
    zone = row.zone
    return {
        "id": row.id, "identifiers": identifier("event", row.id), "slug": row.slug,
        **texts(row, ("title", "description", "venue_name", "place_notes")),
        "start_date": _local(row.starts_at, zone), "end_date": _local(row.ends_at, zone),
        "rsvp_deadline": _local(row.rsvp_deadline, zone), "timezone": row.timezone,
        "status": str(row.status), "published": row.published,
        "address_lines": row.address_lines, "postcode": row.postcode, "city": row.city,
        "country": row.country, "latitude": row.latitude, "longitude": row.longitude,
        "capacity": row.capacity, "max_guests": row.max_guests,
        "contact_name": row.contact_name, "contact_email": row.contact_email,
        "reminder_offsets": row.reminder_offsets,
        "browser_url": public_url("events.event_page", slug=row.slug)
        if row.published and row.campaign.is_public else None,
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.event", event_id=row.id),
                   "osdi:attendances": href("api.attendances", event_id=row.id),
                   "osdi:campaign": href("api.campaign", campaign_id=row.campaign_id)},
    }


def attendance(row) -> dict:
    return {
        "id": row.id, "identifiers": identifier("attendance", row.id),
        "status": str(row.status), "name": row.name, "email_address": row.email,
        "guests": row.guests, "language": row.lang, "wants_updates": row.wants_updates,
        "consent_version": row.consent_version, "source": row.source,
        "checked_in_date": moment(row.checked_in_at),
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.attendance", event_id=row.event_id, rsvp_id=row.id),
                   "osdi:event": href("api.event", event_id=row.event_id)},
    }


def petition(row, total: int) -> dict:
    return {
        "id": row.id, "identifiers": identifier("petition", row.id), "slug": row.slug,
        **texts(row, ("title", "target", "text", "why")),
        "status": str(row.status), "goal": row.goal, "total_signatures": total,
        "opens_at": moment(row.opens_at), "closes_at": moment(row.closes_at),
        "browser_url": public_url("petitions.petition_page", slug=row.slug)
        if row.is_public else None,
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.petition", petition_id=row.id),
                   "osdi:signatures": href("api.signatures", petition_id=row.id),
                   "osdi:campaign": href("api.campaign", campaign_id=row.campaign_id)},
    }


def signature(row) -> dict:
    return {
        "id": row.id, "identifiers": identifier("signature", row.id),
        "status": str(row.state), "name": row.name, "email_address": row.email,
        "country": row.country, "comment": row.comment, "public": row.public,
        "wants_updates": row.updates, "language": row.lang,
        "consent_version": row.consent_version, "name_hidden": row.name_hidden,
        "created_date": moment(row.created_at), "verified_date": moment(row.verified_at),
        "_links": {"self": href("api.signature", petition_id=row.petition_id,
                                signature_id=row.id),
                   "osdi:petition": href("api.petition", petition_id=row.petition_id)},
    }


def person(row) -> dict:
    return {"email_address": row.email, "name": row.name, "language": row.lang,
            "wants_updates": bool(row.wants_updates), "answered_date": moment(row.answered_at),
            "_links": {}}


def key_date(row) -> dict:
    return {
        "id": row.id, "identifiers": identifier("key_date", row.id), "kind": str(row.kind),
        **texts(row, ("title", "description")),
        "date": row.date.isoformat(),
        "time": row.time.strftime("%H:%M") if row.time is not None else None,
        "yearly": row.yearly, "link": row.link,
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.key_date", key_date_id=row.id),
                   "osdi:campaign": href("api.campaign", campaign_id=row.campaign_id)},
    }


def message(row) -> dict:
    return {
        "id": row.id, "identifiers": identifier("message", row.id),
        **texts(row, ("subject", "body")),
        "status": str(row.state), "audience": str(row.audience) if row.audience else None,
        "publish_as_update": row.publish_as_update,
        "published_date": moment(row.published_at), "send_date": moment(row.send_at),
        "total_recipients": row.recipient_count,
        "created_date": moment(row.created_at), "modified_date": moment(row.updated_at),
        "_links": {"self": href("api.message", message_id=row.id),
                   "osdi:campaign": href("api.campaign", campaign_id=row.campaign_id)},
    }
