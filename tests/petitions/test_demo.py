"""The demo campaign's petition, in three languages, with a few fictional public signers."""
from campaign.demo.loader import load_demo
from campaign.extensions import db
from campaign.petitions import counter
from campaign.petitions.models import Petition, PetitionStatus


def test_the_demo_has_an_open_petition_in_english_russian_and_polish(make_app):
    app = make_app()
    with app.app_context():
        load_demo()
        db.session.commit()
        petition = db.session.scalar(db.select(Petition))
        assert petition.status == PetitionStatus.OPEN and petition.is_open
        assert counter.count(petition.id, fresh=True) == 7
    # Each request in its own app context, so each picks its own language.
    client = app.test_client()
    for lang, title, target in [
            ("en", "Appeal to stop torture in Kazakhstan", "EU institutions"),
            ("ru", "Остановите пытки в Казахстане", "Институты Европейского союза"),
            ("pl", "Apel o zaprzestanie stosowania tortur", "Instytucje Unii Europejskiej")]:
        html = client.get(f"/{lang}/petitions/stop-torture-kazakhstan").get_data(as_text=True)
        assert title in html and target in html
        assert 'name="consent"' in html
    html = client.get("/en/petitions/stop-torture-kazakhstan").get_data(as_text=True)
    assert "Marta" in html and "Nowak" not in html
    campaign_page = client.get("/en/campaigns/stop-torture-kazakhstan").get_data(as_text=True)
    assert "/en/petitions/stop-torture-kazakhstan" in campaign_page


def test_loading_the_demo_twice_adds_nothing(app):
    load_demo()
    db.session.commit()
    load_demo()
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Petition)) == 1
