"""The organiser's signature list pages by key (newer / older than a signature), not by
offset: every page costs the same at a million signatures, and equal times keep their order."""
import datetime as dt
import html
import re

from campaign.extensions import db
from campaign.petitions import queries
from campaign.petitions.models import Signature, SignatureState
from tests.petitions.helpers import create_petition

SIGNED = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def add_signatures(petition, count, moment=lambda n: SIGNED, **fields):
    rows = [Signature(petition_id=petition.id, name=f"Person {n:03d}",
                      email=f"p{n}@example.org", email_canonical=f"p{n}@example.org",
                      email_domain="example.org", country="PL", consent_version="test",
                      lang="en", state=SignatureState.PENDING, created_at=moment(n),
                      **fields) for n in range(count)]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def names(page_html):
    return re.findall(r"<td>(Person \d+)</td>", page_html)


def link(page_html, rel):
    found = re.search(rf'href="([^"]+)" rel="{rel}"', page_html)
    return html.unescape(found.group(1)) if found else None


def test_older_and_newer_walk_the_whole_list_across_equal_times(organiser):
    """120 signatures, in threes at the same moment: 50 a page, newest first (the higher id
    first among equals), each exactly once going down, the same pages coming back up."""
    petition = create_petition()
    add_signatures(petition, 120, moment=lambda n: SIGNED + dt.timedelta(minutes=n // 3))
    expected = [f"Person {n:03d}" for n in range(119, -1, -1)]
    url = f"/organiser/petitions/{petition.id}/signatures"
    pages, html_pages = [], []
    while url:
        page_html = organiser.get(url).get_data(as_text=True)
        pages.append(names(page_html))
        html_pages.append(page_html)
        url = link(page_html, "next")
    assert [len(page) for page in pages] == [50, 50, 20]
    assert sum(pages, []) == expected
    assert link(html_pages[0], "prev") is None
    back = organiser.get(link(html_pages[2], "prev")).get_data(as_text=True)
    assert names(back) == pages[1]
    assert names(organiser.get(link(back, "prev")).get_data(as_text=True)) == pages[0]
    assert "120 signatures match." in html_pages[0]


def test_paging_keeps_the_filters(organiser):
    petition = create_petition()
    add_signatures(petition, 60)
    db.session.add(Signature(
        petition_id=petition.id, name="Verified One", email="v@example.org",
        email_canonical="v@example.org", email_domain="example.org", country="PL",
        consent_version="test", lang="en", state=SignatureState.VERIFIED, created_at=SIGNED))
    db.session.commit()
    url = f"/organiser/petitions/{petition.id}/signatures?state=pending&q=person"
    first = organiser.get(url).get_data(as_text=True)
    following = link(first, "next")
    assert "state=pending" in following and "q=person" in following
    second = organiser.get(following).get_data(as_text=True)
    assert len(names(second)) == 10 and "Verified One" not in second + first
    assert "60 signatures match." in second


def test_a_mark_from_elsewhere_or_gone_shows_the_first_page(organiser):
    petition = create_petition()
    other = create_petition(petition.campaign, slug="other-petition")
    add_signatures(petition, 3)
    stranger = Signature(petition_id=other.id, name="Stranger", email="s@example.org",
                         email_canonical="s@example.org", email_domain="example.org",
                         country="PL", consent_version="test", lang="en", created_at=SIGNED)
    db.session.add(stranger)
    db.session.commit()
    base = f"/organiser/petitions/{petition.id}/signatures"
    for query in (f"?after={stranger.id}", "?before=999999", "?after=x", "?after=-1",
                  "?after=99999999999999999999999", f"?after={2**40}"):
        answer = organiser.get(base + query)
        assert answer.status_code == 200
        assert names(answer.get_data(as_text=True)) == ["Person 002", "Person 001",
                                                        "Person 000"], query


def test_beyond_the_cap_the_count_says_more_than(organiser, monkeypatch):
    petition = create_petition()
    add_signatures(petition, 12)
    monkeypatch.setattr(queries, "LIST_COUNT_CAP", 10)
    page_html = organiser.get(f"/organiser/petitions/{petition.id}/signatures").get_data(
        as_text=True)
    assert "More than 10 signatures match." in page_html
    monkeypatch.setattr(queries, "LIST_COUNT_CAP", 12)
    page_html = organiser.get(f"/organiser/petitions/{petition.id}/signatures").get_data(
        as_text=True)
    assert "12 signatures match." in page_html and "More than" not in page_html
