"""The demo campaign's petition, open in English, Russian and Polish, with a few signers."""
from campaign.petitions import operations
from campaign.petitions.models import PetitionStatus

#: Fictional people (example.org addresses) who agreed to be listed.
DEMO_SIGNERS = [
    ("Marta Nowak", "marta.nowak@example.org", "PL", "pl"),
    ("Jonas Peeters", "jonas.peeters@example.org", "BE", "en"),
    ("Ольга Смирнова", "olga.smirnova@example.org", "KZ", "ru"),
    ("Sophie Martin", "sophie.martin@example.org", "FR", "en"),
    ("Piotr Zieliński", "piotr.zielinski@example.org", "PL", "pl"),
    ("Айгерим Бекова", "aigerim.bekova@example.org", "KZ", "ru"),
    ("Lukas Schmidt", "lukas.schmidt@example.org", "DE", "en"),
]


def add_demo_petition(campaign, demo) -> None:
    """Create the petition of the seed campaign (petition.toml) and its demo signatures."""
    seed = demo.data
    petition = operations.create_petition(
        campaign, slug=seed["slug"], goal=seed["goal"], status=PetitionStatus.OPEN,
        texts=seed["translations"])
    for name, email, country, lang in DEMO_SIGNERS:
        operations.record_verified_signature(petition, name=name, email=email,
                                             country=country, lang=lang)
