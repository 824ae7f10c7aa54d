"""Webhooks: an owner's endpoints receive signed JSON when supporters act.

Events come from the other domains' signals (petitions ``signature_verified``, events
``rsvp_confirmed``/``rsvp_cancelled``, mailing ``unsubscribed``, letters ``letter_sent``);
:mod:`receivers` writes one delivery row per interested endpoint in the same transaction (an
outbox, like mail), and a step of the mail worker delivers them (:mod:`delivery`), retried
with backoff. Endpoints reach public addresses only (:mod:`ssrf`). This domain sits above
the ones it listens to; they know nothing of it.
"""
from datetime import timedelta

DEFAULTS = {
    #: Allow endpoints on loopback and private networks (a CRM inside the NGO's network).
    #: Off: a webhook could otherwise reach this server's own services (SSRF).
    "WEBHOOKS_ALLOW_PRIVATE": False,
    #: Seconds to connect, and again to wait for each read of the answer.
    "WEBHOOKS_TIMEOUT": 5,
    #: Tries before a delivery counts as failed; the wait doubles after each failed try.
    "WEBHOOKS_MAX_ATTEMPTS": 8,
    "WEBHOOKS_RETRY_SECONDS": 30,
    #: Deliveries one worker round takes (each may wait WEBHOOKS_TIMEOUT).
    "WEBHOOKS_BATCH_SIZE": 20,
    "RATELIMIT_WEBHOOK_TEST": "10 per minute",
}


def init_app(app):
    """The endpoints' pages, the receivers of other domains' signals, delivery and
    retention steps."""
    from campaign import config
    from campaign.events import signals as event_signals
    from campaign.extensions import db
    from campaign.letters import signals as letter_signals
    from campaign.mailing import scheduling, signals as mail_signals
    from campaign.organisers import access, navigation
    from campaign.petitions import signals as petition_signals
    from campaign.supporters import signals as supporter_signals
    from campaign.webhooks import admin, delivery, models, receivers, retention

    config.add_defaults(app, DEFAULTS)
    config.add_defaults(app, retention.DEFAULTS)
    app.register_blueprint(admin.bp)
    access.register_resolver(app, "webhook_id", access.by_query(
        db.select(models.WebhookEndpoint.campaign_id), models.WebhookEndpoint.id))
    navigation.register(app, "webhooks", 95, admin.campaign_links)
    scheduling.register(app, "webhook deliveries", delivery.deliver_due)
    scheduling.register(app, "webhook retention", retention.purge, every=timedelta(hours=6))
    petition_signals.signature_verified.connect(receivers.signature_verified)
    petition_signals.signature_erased.connect(receivers.everything_erased)
    event_signals.rsvp_confirmed.connect(receivers.rsvp_confirmed)
    event_signals.rsvp_cancelled.connect(receivers.rsvp_cancelled)
    mail_signals.unsubscribed.connect(receivers.unsubscribed)
    letter_signals.letter_sent.connect(receivers.letter_sent)
    supporter_signals.everything_erased.connect(receivers.everything_erased)
    supporter_signals.item_erased.connect(receivers.everything_erased)
