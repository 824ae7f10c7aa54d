"""Organisers import targets from CSV (preview, a clear error per row) and choose whom an
action writes to (all, by country, by group, hand-picked)."""
import io

import pytest

from campaign.extensions import db
from campaign.letters import importing, queries
from campaign.letters.models import LetterTarget
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.letters.helpers import create_action

GOOD = ("\ufeffname,country,group,email,languages,constituency\n"
        "Bart Staes,BE,Greens/EFA,bart.staes@example.org,\"nl, fr, en\",Flanders\n"
        "Hilde Vautmans,Belgium,ALDE,hilde.vautmans@example.org,nl fr,\n"
        "Ana Gomes,PT,S&D,ana.gomes@example.org,pt,\n")
BAD = ("name;country;group;email\n"
       "Bart Staes;BE;Greens/EFA;bart.staes@example.org\n"
       ";XX;ALDE;not-an-address\n"
       "=HYPERLINK(1);PT;S&D;ana.gomes@example.org\n"
       "Bart Again;BE;Greens/EFA;bart.staes@example.org\n")


def upload(client, campaign, text, **extra):
    data = {"file": (io.BytesIO(text.encode()), "targets.csv"), **extra}
    return client.post(f"/organiser/letters/campaign/{campaign.id}/targets", data=data,
                       content_type="multipart/form-data")


def targets():
    return list(db.session.scalars(db.select(LetterTarget).order_by(LetterTarget.name)))


def test_good_rows_are_previewed_then_imported_on_confirmation(client, app):
    campaign = create_campaign()
    create_organiser()
    log_in(client)
    preview = upload(client, campaign, GOOD)
    text = page_text(preview)
    assert preview.status_code == 200
    assert "Import 3 targets" in text and "Hilde Vautmans" in text
    assert targets() == []

    done = client.post(f"/organiser/letters/campaign/{campaign.id}/targets",
                       data={"confirm": "1", "csv_text": GOOD}, follow_redirects=True)
    assert "Imported: 3 new targets, 0 updated." in page_text(done)
    gomes, staes, vautmans = targets()
    assert (staes.name, staes.country, staes.political_group, staes.languages,
            staes.constituency) == ("Bart Staes", "BE", "Greens/EFA", "nl,fr,en", "Flanders")
    assert vautmans.country == "BE" and gomes.constituency is None

    client.post(f"/organiser/letters/campaign/{campaign.id}/targets",
                data={"confirm": "1", "csv_text": GOOD.replace("Flanders", "Brussels")})
    db.session.expire_all()
    assert len(targets()) == 3 and targets()[1].constituency == "Brussels"


def test_bad_rows_are_named_by_line_and_field_and_nothing_is_imported(client, app):
    campaign = create_campaign()
    create_organiser()
    log_in(client)
    text = page_text(upload(client, campaign, BAD, confirm="1"))
    assert "Line 3, name: Required." in text
    assert "Line 3, country: Unknown country; use a code such as BE or PL." in text
    assert "Line 3, email: Not a valid e-mail address." in text
    assert "Line 4, name: This cannot start with = + - or @." in text
    assert "Line 5, email: This address is already on line 2." in text
    assert "Import" not in text.split("Preview")[-1].split("targets")[0]
    assert targets() == []


@pytest.mark.parametrize("text, problem", [
    ("name,email\nA,a@example.org\n", "missing: country"),
    ("", "missing: name, country, email")])
def test_a_file_without_the_required_columns_says_which_are_missing(text, problem):
    reading = importing.read(text)
    assert not reading.ok and problem in reading.problems[0].message


def test_a_file_that_is_not_utf8_is_refused_with_a_message(client, app):
    campaign = create_campaign()
    create_organiser()
    log_in(client)
    response = client.post(f"/organiser/letters/campaign/{campaign.id}/targets",
                           data={"file": (io.BytesIO("Ł".encode("utf-16")), "t.csv")},
                           content_type="multipart/form-data")
    assert "Please choose a CSV file saved as UTF-8." in page_text(response)


@pytest.mark.parametrize("rule, extra, expected", [
    ("all", {}, ["Barbara Spinelli", "Bart Staes", "Ewa Nowak", "Jan Kowalski"]),
    ("country", {"target_countries": "PL,IT"}, ["Barbara Spinelli", "Ewa Nowak",
                                                "Jan Kowalski"]),
    ("group", {"target_groups": "S&D\nGreens/EFA"}, ["Bart Staes", "Ewa Nowak"]),
])
def test_the_rule_is_stored_and_resolved_when_letters_are_sent(app, rule, extra, expected):
    action = create_action(target_rule=rule, **extra)
    assert sorted(t.name for t in queries.selected_targets(action)) == expected


def test_organisers_hand_pick_targets_on_the_action_form(client, app):
    action = create_action()
    create_organiser()
    log_in(client)
    staes = db.session.scalar(db.select(LetterTarget).where(LetterTarget.name == "Bart Staes"))
    form = {"slug": "write-meps", "status": "open", "closing_key_date_id": "",
            "max_body_length": "5000", "target_rule": "picked", "picked": [str(staes.id)],
            "subject_editable": "y", "body_editable": "y",
            "text_en-title": "Write", "text_en-subject": "S", "text_en-body": "B"}
    response = client.post(f"/organiser/letters/{action.id}", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert [t.name for t in queries.selected_targets(action)] == ["Bart Staes"]
    assert queries.countries(action) == ["BE"]
