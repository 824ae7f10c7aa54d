"""Unsubscribe links: a signed, non-expiring token carrying the recipient's address."""
from flask import current_app, url_for

from campaign.core import addresses
from campaign.core.signing import InvalidToken, make_token, read_token, serializer

PURPOSE = "unsubscribe"


def normalise_address(address: str) -> str:
    """The form addresses take on the suppression list: the one used everywhere."""
    return addresses.normalise(address)


def unsubscribe_url(address: str, lang: str) -> str:
    """The absolute one-click unsubscribe link for *address*, its page in *lang*.

    Built on BASE_URL (also inside a request from another host), so it is the same link the
    ``List-Unsubscribe`` header carries. Domains may put it in the footer of their messages;
    non-transactional messages get it in their template context as ``unsubscribe_url``.
    """
    token = make_token(PURPOSE, normalise_address(address))
    base_url = current_app.config["BASE_URL"]
    with current_app.test_request_context(base_url=base_url):
        return url_for("mailing.unsubscribe", lang=lang, token=token, _external=True)


class UnsubscribeLinks:
    """:func:`unsubscribe_url` for many addresses: the route is built once per language and
    the serializer once, so a link costs one signature (for the mail worker's batches)."""

    TOKEN = "TOKEN-STAND-IN"

    def __init__(self):
        self.base_url = current_app.config["BASE_URL"].rstrip("/")
        self.serializer = serializer(PURPOSE)
        # What serializer.dumps does, without deriving the signing key again for each link.
        self.signer = self.serializer.make_signer(self.serializer.salt)
        self.routes: dict[str, str] = {}

    def url(self, address: str, lang: str) -> str:
        route = self.routes.get(lang)
        if route is None:
            with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
                route = self.routes[lang] = url_for("mailing.unsubscribe", lang=lang,
                                                    token=self.TOKEN, _external=True)
        payload = self.serializer.dump_payload(normalise_address(address))
        return route.replace(self.TOKEN, self.signer.sign(payload).decode("ascii"))


def address_from_token(token: str) -> str | None:
    """The address signed into an unsubscribe *token*, or None when it is not ours."""
    try:
        address = read_token(PURPOSE, token)  # no max_age: these links never expire
    except InvalidToken:
        return None
    return address if isinstance(address, str) and "@" in address else None


def mask_address(address: str) -> str:
    """"a•••@example.org": enough for its owner to recognise, little for anyone else."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}"
