"""Supporters' own data: "Your data" at /<lang>/my-data.

Anyone enters an address and sees the same answer whatever it is; the address gets a link
(valid ``MY_DATA_LINK_MINUTES``) to a page listing everything held about it in every
campaign — RSVPs, unconfirmed RSVPs, signatures, letters, subscription, mail in the
retention window — with a JSON download and erasure of one item or all (figures stay); at most
``MY_DATA_MAILS_PER_HOUR`` links per address an hour, invisibly. Also each campaign's privacy
notice (/<lang>/campaigns/<slug>/privacy, :mod:`.notice`), written from the settings in force.
This domain sits above events, petitions, letters and messages and reads their queries; they
know nothing of it.
"""


def init_app(app):
    """The "Your data" pages, their mail kind, the clean-up of used links."""
    from datetime import timedelta

    from campaign import config as app_config
    from campaign.mailing import kinds, scheduling
    from campaign.supporters import mail, models, operations, views  # noqa: F401  (models: the schema)

    app_config.add_defaults(app, {"MY_DATA_LINK_MINUTES": 60, "MY_DATA_MAILS_PER_HOUR": 3,
                                  "RATELIMIT_MY_DATA": "5 per minute;20 per hour"})
    app.register_blueprint(views.bp)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "expired my-data links", operations.purge_expired,
                        every=timedelta(minutes=10))
