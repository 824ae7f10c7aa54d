"""Questions the campaign's pages ask other domains, as signals whose receivers answer.

A receiver connected from a domain's ``init_app`` returns its answer (or None); the asking
domain takes the first answer. No domain imports the one that answers.
"""
from dataclasses import dataclass

from blinker import Namespace

_signals = Namespace()

next_event = _signals.signal("campaign-next-event", doc="""
Sent with the campaign as sender; a receiver returns the campaign's next public event as a
:class:`NextEvent`, or None. The petition's thank-you page shows it.
""")


@dataclass(frozen=True)
class NextEvent:
    title: str
    #: The event's public page.
    url: str
    #: When and where, formatted for the page ("Friday, 8 December 2017, 12:00–13:00 CET").
    when: str


def first_answer(signal, sender, **kwargs):
    """The first receiver's answer that is not None, or None."""
    for _receiver, answer in signal.send(sender, **kwargs):
        if answer is not None:
            return answer
    return None
