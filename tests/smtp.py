"""A real SMTP server in the test process (aiosmtpd), for tests that read what arrived.

``smtp_server`` (exposed through tests/conftest.py) gives a running server with
``.messages`` (parsed e-mails, in arrival order), ``.config`` (settings pointing the app at
it) and ways to misbehave: ``fail_next(n)`` answers 421 to the next *n* messages,
``reject(address)`` answers 550 to one recipient, ``delay`` slows every message down.
"""
import asyncio
import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    """Accepts mail unless told otherwise; keeps every accepted message."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        #: The bytes as they arrived, for what parsing would hide (header folding…).
        self.raw = []
        self.envelopes = []
        #: (client address and port, EHLO name) per accepted message.
        self.sessions = []
        self.rejected: dict[str, str] = {}
        self.failures_left = 0
        self.failure_reply = "421 4.3.2 Service not available, try again later"
        self.delay = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rejected.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.failures_left > 0:
                self.failures_left -= 1
                return self.failure_reply
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
            self.raw.append(envelope.content)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.sessions.append((session.peer, session.host_name))
        return "250 Message accepted for delivery"


class SMTPServer:
    """A started aiosmtpd server on a free port of 127.0.0.1."""

    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        # server_hostname: aiosmtpd would otherwise look up our FQDN.
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     server_hostname="smtp.test")

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    @property
    def raw(self):
        with self.handler.lock:
            return list(self.handler.raw)

    @property
    def connections(self) -> int:
        """How many client connections delivered the accepted messages."""
        with self.handler.lock:
            return len({peer for peer, _ in self.handler.sessions})

    @property
    def helo_names(self) -> set:
        with self.handler.lock:
            return {name for _, name in self.handler.sessions}

    @property
    def config(self) -> dict:
        """Settings for make_app(**smtp_server.config); TESTING would suppress sending."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port,
                "MAIL_SUPPRESS_SEND": False, "MAIL_TIMEOUT": 5}

    def fail_next(self, count: int, reply: str | None = None) -> None:
        """Answer the next *count* messages with 421 (or *reply*) instead of accepting them."""
        with self.handler.lock:
            self.handler.failures_left = count
            if reply:
                self.handler.failure_reply = reply

    def reject(self, address: str, reply: str = "550 5.1.1 No such user here") -> None:
        """Refuse *address* at RCPT for good."""
        self.handler.rejected[address.lower()] = reply

    def set_delay(self, seconds: float) -> None:
        self.handler.delay = seconds

    def to(self, address: str):
        """The messages that arrived for *address*."""
        return [m for m in self.messages if m["To"] == address]

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


@pytest.fixture
def smtp_server():
    """A running SMTP server for one test."""
    server = SMTPServer().start()
    yield server
    server.stop()
