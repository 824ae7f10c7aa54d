"""Error answers of the API: JSON with a machine-readable code, a sentence and, for input
that failed validation, the messages per field (the same messages as the forms')."""
from flask import jsonify
from flask_babel import gettext as _

MEDIA_TYPE = "application/json"


def problem(status: int, code: str, message: str, fields: dict | None = None):
    body = {"error": code, "message": str(message)}
    if fields:
        body["fields"] = {name: [str(m) for m in messages] for name, messages in fields.items()}
    response = jsonify(body)
    response.status_code = status
    return response


class Invalid(Exception):
    """Input that cannot be used: answered with 422 (or 400) and the messages per field."""

    def __init__(self, fields: dict, status: int = 422, message: str | None = None):
        super().__init__(fields)
        self.fields = fields
        self.status = status
        self.message = message or _("Some fields are not valid.")

    def response(self):
        code = "validation_failed" if self.status == 422 else "bad_request"
        return problem(self.status, code, self.message, self.fields)
