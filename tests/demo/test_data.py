"""The demo's data files (campaign/demo/data/*.toml): every text in every language, links kept."""
import datetime as dt

from campaign.demo import content

LANGUAGES = content.CAMPAIGN["languages"]


def translated_items():
    yield "campaign.toml", content.CAMPAIGN
    yield "event.toml", content.EVENT
    yield "petition.toml", content.PETITION
    for name, items in (("key_dates.toml", content.KEY_DATES), ("updates.toml", content.UPDATES),
                        ("reminders.toml", content.KEY_DATE_REMINDERS)):
        for item in items:
            yield f"{name} {item.get('key') or item['key_date']}", item


def test_each_item_has_the_same_non_empty_fields_in_each_language():
    for where, item in translated_items():
        texts = item["translations"]
        assert list(texts) == LANGUAGES, where
        fields = set(texts[LANGUAGES[0]])
        for lang in LANGUAGES:
            assert set(texts[lang]) == fields, (where, lang)
            assert all(isinstance(text, str) and text.strip()
                       for text in texts[lang].values()), (where, lang)


def test_key_dates_are_dated_and_reminders_name_existing_ones():
    keys = [item["key"] for item in content.KEY_DATES]
    assert len(keys) == len(set(keys))
    for item in content.KEY_DATES:
        dt.date.fromisoformat(item["date"])
        assert item["time"] is None or dt.time.fromisoformat(item["time"])
        assert isinstance(item["yearly"], bool) and "link" in item  # defaults filled in
    assert {r["key_date"] for r in content.KEY_DATE_REMINDERS} <= set(keys)
