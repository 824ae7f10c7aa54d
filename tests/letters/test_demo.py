"""The demo's letter action: the seed MEPs, closing when the demo's vote starts."""
from campaign.demo.loader import load_demo
from campaign.extensions import db
from campaign.letters import queries
from campaign.letters.models import LetterAction, LetterTarget


def test_the_demo_writes_to_the_seed_meps_until_the_vote(app):
    campaign, created, _ = load_demo()
    db.session.commit()
    assert created
    action = db.session.scalar(db.select(LetterAction))
    targets = {t.name: t for t in db.session.scalars(db.select(LetterTarget))}
    assert len(targets) == 13
    assert (targets["Hilde Vautmans"].country, targets["Hilde Vautmans"].political_group) == (
        "BE", "ALDE")
    assert all(t.email.endswith("@example.org") for t in targets.values())
    vote = next(k for k in campaign.key_dates if k.kind == "plenary_vote")
    assert action.closing_key_date_id == vote.id and action.is_open
    assert action.closing_moment.astimezone(campaign.zone).date() == vote.date
    assert queries.countries(action) == ["BE", "DE", "EE", "ES", "GB", "IT", "LU", "PT", "SI"]
    for lang in ("en", "ru", "pl"):
        assert action.has_text(lang, "body")
