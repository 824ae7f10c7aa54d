"""The demo campaign's protest in Brussels, on the demo's protest day at 12:00–13:00 local time."""
import datetime as dt
from zoneinfo import ZoneInfo



def add_protest(campaign, demo):
    """Create and publish the Brussels protest from event.toml on the demo's protest day."""
    from campaign.events.operations import create_event

    seed, protest_day = demo.data, demo.protest_day
    zone = ZoneInfo(seed["timezone"])

    def at(hhmm):
        return dt.datetime.combine(protest_day, dt.time.fromisoformat(hhmm), tzinfo=zone)

    return create_event(
        campaign, slug=seed["slug"], starts_at=at(seed["start"]), ends_at=at(seed["end"]),
        timezone=seed["timezone"], address_lines=seed["address_lines"],
        postcode=seed["postcode"], city=seed["city"], country=seed["country"],
        latitude=seed["latitude"], longitude=seed["longitude"], capacity=seed["capacity"],
        max_guests=seed["max_guests"], published=True,
        texts={lang: {field: texts.get(field) for field in
                      ("title", "description", "place_notes", "venue_name")}
               for lang, texts in seed["translations"].items()})
