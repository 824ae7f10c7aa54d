"""The petition e-mails: the verification link, and "you have already signed"."""
from flask_babel import lazy_gettext as _l

from campaign.core.signing import make_token
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.petitions.config import setting
from campaign.petitions.models import Signature, SignatureState

VERIFICATION = "petition_verification"
ALREADY_SIGNED = "petition_already_signed"
#: Purpose of the signed verification links (campaign.core.signing).
TOKEN_PURPOSE = "signature-verify"


def _context(signature: Signature) -> dict:
    petition = signature.petition
    return {"signature": signature, "petition": petition, "name": signature.name,
            "title": petition.text("title"), "target": petition.text("target")}


def load_verification(payload: dict) -> dict | None:
    """Build the link at send time (so it expires 7 days after sending); None once moot."""
    signature = db.session.get(Signature, payload.get("signature_id"))
    if signature is None or signature.state != SignatureState.PENDING:
        return None
    if not signature.petition.is_open or signature.link_key is None:
        return None
    return {**_context(signature), "token": make_token(TOKEN_PURPOSE, signature.link_key),
            "days": max(1, setting("PETITION_VERIFY_MAX_AGE") // 86400)}


def load_already_signed(payload: dict) -> dict | None:
    signature = db.session.get(Signature, payload.get("signature_id"))
    if signature is None or signature.state != SignatureState.VERIFIED:
        return None
    return _context(signature)


KINDS = (
    kinds.MailKind(VERIFICATION, subject=_l("Please confirm your signature: %(title)s"),
                   load=load_verification, transactional=True,
                   label=_l("Signature confirmation request")),
    kinds.MailKind(ALREADY_SIGNED, subject=_l("You have already signed: %(title)s"),
                   load=load_already_signed, transactional=True,
                   label=_l("Already signed")),
)
