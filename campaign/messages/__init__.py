"""Messages to groups of people: who they reach (audiences), organiser messages, updates."""


def init_app(app):
    """Organiser messages and updates: their pages, the campaign page's updates, their mail,
    the fan-out step and the demo's updates."""
    from campaign.campaigns import figures, sections
    from campaign.core import demo as demo_steps
    from campaign.mailing import kinds, scheduling
    from campaign.messages import admin, dashboard, demo, fanout, mail, models, views  # noqa: F401
    from campaign.extensions import db
    from campaign.organisers import access, navigation

    app.register_blueprint(admin.bp)
    access.register_resolver(app, "message_id", access.by_query(
        db.select(models.OrganiserMessage.campaign_id), models.OrganiserMessage.id),
        blueprint="messages_admin")
    sections.register(app, "updates", 40, "messages/_updates.html", views.campaign_section)
    navigation.register(app, "messages", 30, admin.campaign_links)
    figures.register(app, "messages", 40, dashboard.figures)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "organiser messages", fanout.send_due_messages)
    demo_steps.register(app, "updates", 30, demo.add_demo_updates, data="updates.toml")
