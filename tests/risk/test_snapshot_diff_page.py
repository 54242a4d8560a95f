"""The board snapshot page at size: the diff is computed by the database, each list is
paged with its count, the snapshot's open risks are paged, and the page makes the same
number of queries for 5 risks as for 300. The report's overdue lists are plain rows with
their counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from risk.models import Action, Snapshot
from risk.report import risk_report
from risk.services import (
    programme_register,
    snapshot_diff,
    snapshot_diff_page,
    snapshot_freeze,
    snapshot_open_risks,
)
from risk.services.snapshots import DIFF_PAGE_SIZE, FROZEN_PAGE_SIZE
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db


def _frozen(number: int, *, register: int = 1, status: str = "open", current=(3, 4)) -> dict:
    return {
        "reference": f"R-{number:03d}",
        "title": f"Risiko {number}",
        "register": f"Register {register}",
        "register_id": register,
        "register_level": "programme",
        "status": status,
        "kind": "threat",
        "ros_area": "Organisatorisk",
        "owner": "Eier",
        "inherent": [4, 4],
        "current": list(current),
        "forecast": [2, 4],
        "next_review_on": "2026-12-01",
    }


def _pair(leader, size: int) -> tuple[Snapshot, Snapshot]:
    """Two snapshots of `size` risks: of every ten, one new, one closed, one with a changed
    score, one moved to another register, six unchanged."""
    before, after = {}, {}
    for n in range(1, size + 1):
        kind = n % 10
        if kind != 1:
            before[str(n)] = _frozen(n)
        if kind == 2:
            after[str(n)] = _frozen(n, status="closed")
        elif kind == 3:
            after[str(n)] = _frozen(n, current=(2, 2))
        elif kind == 4:
            after[str(n)] = _frozen(n, register=2)
        else:
            after[str(n)] = _frozen(n)
    first = Snapshot.objects.create(number=1, taken_by=leader, data={"risks": before})
    second = Snapshot.objects.create(number=2, taken_by=leader, data={"risks": after})
    return first, second


def test_the_database_diff_agrees_with_the_python_diff(people):
    leader = people["programme_leader"]
    first, second = _pair(leader, 40)
    lists = snapshot_diff_page(first, second)
    python = snapshot_diff(first, second)
    key = lambda risk: risk["reference"]  # noqa: E731
    assert sorted(map(key, python["new"])) == [r["reference"] for r in lists["new"].rows]
    assert sorted(map(key, python["closed"])) == [r["reference"] for r in lists["closed"].rows]
    assert [c["new"]["reference"] for c in lists["changed"].rows] == sorted(
        c["new"]["reference"] for c in python["changed"]
    )
    assert [m["new"]["reference"] for m in lists["moved"].rows] == sorted(
        m["new"]["reference"] for m in python["moved"]
    )
    assert [lists[name].total for name in ("new", "closed", "changed", "moved")] == [4, 4, 4, 4]
    change = lists["changed"].rows[0]
    assert (change["old"]["current"], change["new"]["current"]) == ([3, 4], [2, 2])
    assert change["new"]["pk"] == 3


def test_each_list_is_paged_and_a_page_past_the_end_shows_the_last(people):
    leader = people["programme_leader"]
    first, second = _pair(leader, 10 * (DIFF_PAGE_SIZE + 10))  # 60 in each list
    lists = snapshot_diff_page(first, second, {"changed": 2})
    assert lists["changed"].total == DIFF_PAGE_SIZE + 10
    assert (lists["changed"].page, lists["changed"].pages) == (2, 2)
    assert len(lists["changed"].rows) == 10
    assert len(lists["new"].rows) == DIFF_PAGE_SIZE and lists["new"].page == 1
    assert lists["new"].rows[0]["reference"] == "R-001"
    past = snapshot_diff_page(first, second, {"moved": 99, "new": "abc"})
    assert past["moved"].page == 2 and len(past["moved"].rows) == 10
    assert past["new"].page == 1 and len(past["new"].rows) == DIFF_PAGE_SIZE
    frozen = snapshot_open_risks(second, 99)
    assert frozen.total == 600 - 60  # the closed ones are not open
    assert frozen.page == frozen.pages == 6
    assert len(frozen.rows) == 540 - 5 * FROZEN_PAGE_SIZE


def _page_queries(client, number: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/risiko/styret/{number}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_snapshot_page_costs_the_same_for_5_risks_as_for_300(client_for, people):
    leader = people["programme_leader"]
    client = client_for("programme_leader")
    small = _pair(leader, 5)
    few, page = _page_queries(client, small[1].number)
    assert "Risiko 3" in page  # the changed one
    Snapshot.objects.all().delete()
    _pair(leader, 300)
    many, page = _page_queries(client, 2)
    assert many == few
    assert "(30)" in page  # each list's count
    assert page.count("<li>Register 1: R-") == 30 + 30 + 30  # new, closed and changed
    assert page.count("<li>Register 1 R-") == 30  # moved: old register → new
    assert "endret=2" not in page  # 30 changed fit one page
    assert "side=2" in page  # 270 open risks: a second page
    response = client.get("/risiko/styret/2/?side=3&endret=x&fra=1")
    assert response.status_code == 200
    assert "Risiko 299" in response.content.decode() or "R-299" in response.content.decode()


def test_the_page_of_a_real_freeze_shows_the_change(client_for, people):
    from risk.services import risk_review

    leader = people["programme_leader"]
    risk = make_risk(programme_register(), leader)
    snapshot_freeze(by=leader)
    risk_review(risk=risk, by=leader, likelihood=2, consequence=2, comment="Bedre.")
    second = snapshot_freeze(by=leader)
    page = client_for("board_member").get(second.get_absolute_url()).content.decode()
    assert "3×4 → 2×2" in page


@pytest.mark.parametrize("how_many", [3, 60])
def test_the_report_counts_everything_overdue_and_lists_a_page_of_plain_rows(
    people, how_many, django_assert_num_queries
):
    leader = people["programme_leader"]
    today = timezone.localdate()
    risk = make_risk(programme_register(), leader)
    for _i in range(how_many):
        Action.objects.create(
            risk=risk, description="Sen", owner=leader, due_on=today - datetime.timedelta(days=2)
        )
    Action.objects.create(
        risk=risk, description="Utført", owner=leader, due_on=today, status=Action.Status.DONE
    )
    risk.next_review_on = today - datetime.timedelta(days=1)
    risk.save()
    with django_assert_num_queries(8):
        report = risk_report(today - datetime.timedelta(days=30), today, rows=50)
    assert report["counts"]["overdue_actions"] == how_many
    assert report["counts"]["overdue_reviews"] == 1
    assert len(report["overdue_actions"]) == min(how_many, 50)
    row = report["overdue_actions"][0]
    assert row["risk_reference"] == "R-001" and row["owner_name"] == leader.full_name
    assert "total" not in row
    assert report["overdue_reviews"][0]["reference"] == "R-001"
