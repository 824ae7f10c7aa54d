"""E-mail addresses of signers: the stored and canonical forms live in campaign.core.addresses
(letters use them too); this module keeps the petitions' names for them."""
from campaign.core.addresses import (DOMAIN_ALIASES, DOTS_IGNORED, PLUS_TAGS, canonical,  # noqa: F401
                                     domain_of, forms, normalise)
