"""The one mail path: outbox rows written with the change that caused them, one worker.

Other domains use :func:`campaign.mailing.outbox.enqueue`, :mod:`campaign.mailing.kinds` and
:func:`unsubscribe_url` (for the footer of non-transactional mail).
"""
from campaign.mailing.links import unsubscribe_url  # noqa: F401
