"""The one mail path: outbox rows written with the change that caused them, one worker.

Other domains use :func:`campaign.mailing.outbox.enqueue`, :mod:`campaign.mailing.kinds` and
:func:`campaign.mailing.links.unsubscribe_url` (for the footer of non-transactional mail).
"""


def init_app(app):
    """The unsubscribe pages, the organisers' mail log, the test message, mail about organiser
    accounts, the retention of sent mail and the audit log's retention step."""
    from datetime import timedelta

    from campaign.extensions import db
    from campaign.mailing import (accounts, admin, kinds, mail, models,  # noqa: F401  (models)
                                  retention, scheduling, views)
    from campaign.organisers import access, audit, navigation

    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    # A row without a campaign (a password reset, an invitation's account mail) is nobody's.
    access.register_resolver(app, "message_id", access.by_query(
        db.select(models.OutboxMessage.campaign_id), models.OutboxMessage.id),
        blueprint="mailing_admin")
    navigation.register(app, "mail log", 40, admin.campaign_links)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "erase old mail", retention.erase_old_mail,
                        every=timedelta(hours=1))
    accounts.init_app(app)
    # The audit log lives in organisers, which sits below the scheduler: mailing is the lowest
    # layer that may both import it and register a worker step.
    scheduling.register(app, "audit retention", audit.purge, every=timedelta(hours=6))
