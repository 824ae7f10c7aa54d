"""The one mail path: outbox rows written with the change that caused them, one worker.

Other domains use :func:`campaign.mailing.outbox.enqueue`, :mod:`campaign.mailing.kinds` and
:func:`campaign.mailing.links.unsubscribe_url` (for the footer of non-transactional mail).
"""


def init_app(app):
    """The unsubscribe pages, the organisers' mail log, the test message, and the retention
    of sent mail."""
    from datetime import timedelta

    from campaign.mailing import admin, kinds, mail, models, retention, scheduling, views  # noqa: F401  (models: the schema)
    from campaign.organisers import navigation

    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    navigation.register(app, "mail log", 40, admin.campaign_links)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "erase old mail", retention.erase_old_mail,
                        every=timedelta(hours=1))
