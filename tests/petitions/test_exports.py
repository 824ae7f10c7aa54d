"""Exports for delivery: streamed CSV safe in spreadsheets, and the printable page."""
import csv
import io
import threading

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.petitions import operations
from campaign.core.csv import safe_cell
from campaign.petitions.models import Signature
from tests.petitions.helpers import create_petition, sign


def add(petition, name, email, country="PL", public=True, comment=None):
    signature = operations.record_verified_signature(petition, name=name, email=email,
                                                     country=country, lang="en", public=public)
    signature.comment = comment
    db.session.commit()
    return signature


def read_csv(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_public_facing_fields_only_and_keeps_cyrillic_and_polish(organiser):
    petition = create_petition()
    add(petition, "Ольга Смирнова", "olga@example.org", "KZ")
    add(petition, "Zażółć Gęślą-Jaźń", "zazolc@example.org", "PL")
    add(petition, "Private Person", "private@example.org", "DE", public=False)
    sign(organiser, petition, name="Pending Person", email="pending@example.org")
    response = organiser.get(f"/organiser/petitions/{petition.id}/export.csv")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["name", "country", "country_name", "verified_on"]
    assert [row[:3] for row in rows[1:]] == [["Ольга Смирнова", "KZ", "Kazakhstan"],
                                           ["Zażółć Gęślą-Jaźń", "PL", "Poland"],
                                           ["", "DE", "Germany"]]
    text = response.get_data(as_text=True)
    assert "@" not in text and "Private" not in text and "Pending" not in text


def test_the_full_csv_is_explicit_and_has_everything(organiser):
    petition = create_petition()
    add(petition, "Private Person", "private@example.org", public=False, comment="Привет")
    sign(organiser, petition, name="Pending Person", email="pending@example.org")
    rows = read_csv(organiser.get(f"/organiser/petitions/{petition.id}/export.csv?full=1"))
    header = rows[0]
    by_name = {row[header.index("name")]: dict(zip(header, row)) for row in rows[1:]}
    assert by_name["Private Person"]["email"] == "private@example.org"
    assert by_name["Private Person"]["comment"] == "Привет"
    assert by_name["Private Person"]["public"] == "no"
    assert by_name["Pending Person"]["state"] == "pending"
    assert len(by_name["Pending Person"]["ip_hash"]) == 32


def test_csv_cells_never_run_as_formulas(organiser):
    petition = create_petition()
    add(petition, "=HYPERLINK(\"http://evil.example\",\"x\")", "a@example.org",
        comment="-2+3")
    add(petition, "@SUM(A1)", "b@example.org", comment="+cmd")
    add(petition, "Ordinary Name", "c@example.org", comment="=1")
    public = read_csv(organiser.get(f"/organiser/petitions/{petition.id}/export.csv"))
    assert [row[0] for row in public[1:]] == ["'=HYPERLINK(\"http://evil.example\",\"x\")",
                                            "'@SUM(A1)", "Ordinary Name"]
    full = read_csv(organiser.get(f"/organiser/petitions/{petition.id}/export.csv?full=1"))
    comments = [row[full[0].index("comment")] for row in full[1:]]
    assert comments == ["'-2+3", "'+cmd", "'=1"]


@pytest.mark.parametrize("value, cell", [
    (None, ""), (True, "yes"), (False, "no"), (5, "5"), ("-5", "'-5"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("Anna", "Anna"), ("a=b", "a=b"),
])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_the_csv_streams_many_rows(organiser):
    petition = create_petition()
    now = clock.now()
    db.session.execute(db.insert(Signature), [dict(
        petition_id=petition.id, name=f"Person {n}", email=f"p{n}@example.org",
        email_canonical=f"p{n}@example.org", email_domain="example.org", country="PL",
        public=True, consent_version="1", updates=False, lang="en", state="verified",
        created_at=now, verified_at=now, mails_resent=0) for n in range(5000)])
    db.session.commit()
    response = organiser.get(f"/organiser/petitions/{petition.id}/export.csv")
    chunks = [c.encode() if isinstance(c, str) else c for c in response.response]
    assert len(chunks) > 2  # written piece by piece, not built in memory first
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert len(rows) == 5001 and rows[-1][0] == "Person 4999"


def test_the_delivery_page_has_text_total_countries_and_public_names(organiser):
    petition = create_petition()
    add(petition, "Ольга Смирнова", "olga@example.org", "KZ")
    add(petition, "Marta Nowak", "marta@example.org", "PL")
    add(petition, "Private Person", "private@example.org", "PL", public=False)
    html = organiser.get(f"/organiser/petitions/{petition.id}/delivery").get_data(as_text=True)
    assert "Stop torture" in html and "To: EU institutions" in html
    assert "We call on the <strong>EU</strong>." in html
    assert "3 confirmed signatures" in html
    assert "<td>Poland</td><td>2</td>" in html and "<td>Kazakhstan</td><td>1</td>" in html
    assert "<li>Ольга Смирнова (Kazakhstan)</li>" in html
    assert "<li>Marta Nowak (Poland)</li>" in html
    assert "Private Person" not in html and "@example.org" not in html


def test_the_delivery_page_renders_after_the_request_session_closes(organiser):
    """Under gunicorn no app context outlives the request: the streamed page must not reach
    back into the closed session (a thread starts without the test's app context)."""
    petition = create_petition()
    add(petition, "Marta Nowak", "marta@example.org", "PL")
    url, pages = f"/organiser/petitions/{petition.id}/delivery", []
    thread = threading.Thread(target=lambda: pages.append(organiser.get(url).get_data(
        as_text=True)))
    thread.start()
    thread.join()
    assert pages, "the page failed to render"
    assert "Stop torture" in pages[0] and "<li>Marta Nowak (Poland)</li>" in pages[0]
