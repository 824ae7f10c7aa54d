"""Letters to representatives: supporters write to their targets (MEPs…) until a key date,
confirm by e-mail, and the letters go out through the outbox under per-target caps."""
from datetime import timedelta


def init_app(app):
    """Letter pages and writing, organiser pages, the campaign page's letter actions, their
    mail, the scheduling step that feeds letters to the outbox, and the demo's action."""
    from campaign import config as app_config
    from campaign.campaigns import sections
    from campaign.core import demo as demo_steps
    from campaign.letters import (admin, config, deliveries, demo, mail, models,  # noqa: F401
                                  retention, targets, views)
    from campaign.mailing import kinds, scheduling
    from campaign.mailing import signals as mail_signals
    from campaign.extensions import db
    from campaign.organisers import access, navigation

    app_config.add_defaults(app, config.DEFAULTS)
    for blueprint in (views.bp, admin.bp, targets.bp):
        app.register_blueprint(blueprint)
    sections.register(app, "letters", 35, "letters/_section.html", views.campaign_section)
    navigation.register(app, "letters", 25, admin.dashboard_links)
    access.register_resolver(app, "action_id", access.by_query(
        db.select(models.LetterAction.campaign_id), models.LetterAction.id))
    access.register_resolver(app, "target_id", access.by_query(
        db.select(models.LetterTarget.campaign_id), models.LetterTarget.id))
    kinds.register(app, *mail.KINDS)
    mail_signals.bounced.connect(deliveries.follow_bounce)
    scheduling.register(app, "letters to targets", deliveries.schedule_step)
    scheduling.register(app, "purge unconfirmed letters", deliveries.purge_step,
                        every=timedelta(hours=1))
    scheduling.register(app, "erase letters past their retention",
                        retention.erase_closed_actions, every=timedelta(hours=1))
    demo_steps.register(app, "letters", 50, demo.add_demo_action, data="letters.toml")
