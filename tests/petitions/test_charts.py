"""The signatures-per-day chart: a bounded height whatever the number of days, campaign days."""
import datetime as dt
import re

import pytest

from campaign.extensions import db
from campaign.petitions.models import Signature, SignatureState
from tests.petitions.helpers import create_petition

START = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def add_verified(petition, moments):
    for n, moment in enumerate(moments):
        db.session.add(Signature(
            petition_id=petition.id, name=f"Person {n}", email=f"p{n}@example.org",
            email_canonical=f"p{n}@example.org", email_domain="example.org", country="PL",
            consent_version="1", lang="en", state=SignatureState.VERIFIED,
            created_at=moment, verified_at=moment))
    db.session.commit()


def chart(html):
    drawing = re.search(r'<svg class="chart".*?</svg>', html, re.S).group(0)
    svg = drawing.split(">")[0]
    height = int(re.search(r' height="(\d+)"', svg).group(1))
    box = [float(n) for n in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    return svg, height, box, drawing.count("<rect ")


@pytest.mark.parametrize("days", [1, 2, 400])
def test_the_chart_keeps_its_height_for_one_two_or_400_days(organiser, days):
    petition = create_petition()
    add_verified(petition, [START + dt.timedelta(days=n) for n in range(days)])
    html = organiser.get(f"/organiser/petitions/{petition.id}/stats").get_data(as_text=True)
    svg, height, box, columns = chart(html)
    assert height == 160 and box[3] == 160
    # At least 30 slots wide: a one-day chart is a narrow column, not a stretched block.
    assert box[2] >= 300
    assert columns == days


def test_days_are_the_campaigns_days(organiser):
    petition = create_petition()  # Europe/Brussels
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 2 March, 00:30 in Brussels
    add_verified(petition, [late, late - dt.timedelta(hours=3)])
    html = organiser.get(f"/organiser/petitions/{petition.id}/stats").get_data(as_text=True)
    assert "per day (Europe/Brussels)" in html
    assert "<td>2026-03-01</td><td>1</td>" in html
    assert "<td>2026-03-02</td><td>1</td>" in html
