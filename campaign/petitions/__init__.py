"""Petitions: signatures with double opt-in, a sharded counter, exports for delivery."""
from datetime import timedelta


def init_app(app):
    """Petition pages and signing, organiser pages, the campaign page's petitions, their mail,
    the hourly purge of unconfirmed signatures and erasure past retention, and the demo's petition."""
    from campaign import config as app_config
    from campaign.campaigns import figures, sections
    from campaign.core import demo as demo_steps
    from campaign.mailing import kinds, scheduling
    from campaign.extensions import db
    from campaign.organisers import access, navigation
    from campaign.petitions import (admin, config, dashboard, demo, mail, models,  # noqa: F401
                                    operations, retention, signatures, views)

    app_config.add_defaults(app, config.DEFAULTS)
    for blueprint in (views.bp, admin.bp, signatures.bp):
        app.register_blueprint(blueprint)
    access.register_resolver(app, "petition_id", access.by_query(
        db.select(models.Petition.campaign_id), models.Petition.id))
    access.register_resolver(app, "signature_id", access.by_query(
        db.select(models.Petition.campaign_id).join(
            models.Signature, models.Signature.petition_id == models.Petition.id),
        models.Signature.id))
    sections.register(app, "petitions", 30, "petitions/_section.html", views.campaign_section,
                      action="petitions/_campaign_action.html")
    navigation.register(app, "petitions", 20, admin.dashboard_links)
    figures.register(app, "petitions", 30, dashboard.figures, dashboard.gaps)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "purge unconfirmed signatures", operations.purge_step,
                        every=timedelta(hours=1))
    scheduling.register(app, "erase signatures past their retention",
                        retention.erase_closed_petitions, every=timedelta(hours=1))
    demo_steps.register(app, "petitions", 40, demo.add_demo_petition, data="petition.toml")
