"""A real HTTP receiver in the test process, and the steps of an owner and of the worker."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import re

from campaign.extensions import db
from campaign.webhooks import delivery, signing
from campaign.webhooks.models import WebhookDelivery, WebhookEndpoint

_SECRET = re.compile(r"<code>(whsec_\w+)</code>")


class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers from a script.

    ``answers``: what the next requests get, in order (a status code, or ``("sleep", s)``
    to wait *s* seconds before answering 200); once used up, every request gets 200.
    """

    def __init__(self):
        self.requests = []
        self.answers = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "body": body})
                answer = receiver.answers.pop(0) if receiver.answers else 200
                if isinstance(answer, tuple):
                    time.sleep(answer[1])
                    answer = 200
                self.send_response(answer)
                if answer in (301, 302, 307, 308):
                    self.send_header("Location", f"http://127.0.0.1:{receiver.port}/elsewhere")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]

    def verified(self, secret: str, now: float | None = None) -> list[bool]:
        """Check each request as the README tells a receiver to."""
        now = time.time() if now is None else now
        return [signing.verify(secret, r["headers"].get("Webhook-Timestamp"), r["body"],
                               r["headers"].get("Webhook-Signature"), now)
                for r in self.requests]


def add_endpoint(client, campaign, url, events=("signature.verified",)):
    """What an owner does: fill in the form; returns (response, the secret shown)."""
    response = client.post(f"/organiser/webhooks/campaign/{campaign.id}",
                           data={"url": url, "events": list(events)})
    match = _SECRET.search(response.get_data(as_text=True))
    return response, match.group(1) if match else None


def run_worker(now=None):
    """One round of the worker's webhook step, as ``flask campaign worker`` runs it."""
    from campaign import clock

    return delivery.deliver_due(now or clock.now())


def rows():
    return list(db.session.scalars(db.select(WebhookDelivery).order_by(WebhookDelivery.id)))


def endpoints():
    return list(db.session.scalars(db.select(WebhookEndpoint).order_by(WebhookEndpoint.id)))
