"""API settings; override in instance/config.py or as ``CAMPAIGN_<NAME>``."""

DEFAULTS = {
    #: Requests per token (every call), and writes per token (POST, PATCH).
    "API_RATELIMIT": "120 per minute;3000 per hour",
    "API_RATELIMIT_WRITE": "30 per minute;500 per hour",
    #: Identical uses of a token (same request, same answer) within this many seconds are
    #: one audit-log entry with a count.
    "API_AUDIT_MERGE_SECONDS": 300,
    #: The namespace of OSDI ``identifiers`` ("campaign:event-12").
    "API_IDENTIFIER_PREFIX": "campaign",
}
