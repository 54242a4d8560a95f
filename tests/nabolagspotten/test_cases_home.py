"""The home page's «Venter på deg» gives a case handler (and the programme leader) their
to-do list in Nabolagspotten: new and resubmitted applications, answers received and appeals
to handle; grants waiting for payment, final reports to go through and final reports
overdue. Each item has a count and the oldest date and links to the list filtered to exactly
those cases; a fixed number of queries whatever the number of cases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nabolagspotten.home import home_panels
from nabolagspotten.models import Appeal, Application, CaseEvent, Decision, FinalReport
from nabolagspotten.services import workflow
from nabolagspotten.services.cases import waiting_for
from tests.nabolagspotten.factories import ApplicationFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status
NOW = timezone.now()


def _appeal(handler, days_ago=0):
    application = ApplicationFactory(status=S.REFUSED, amount_granted=0)
    decision = Decision.objects.create(
        application=application, outcome="avslatt", reasons="Drift.", decided_by=handler
    )
    return Appeal.objects.create(
        application=application,
        decision=decision,
        grounds="Uenig.",
        received_at=NOW - timedelta(days=days_ago),
    )


def _in(status, days_ago, **kwargs):
    """A case that came into `status` `days_ago` days ago (its last step on the timeline)."""
    application = ApplicationFactory(status=status, **kwargs)
    CaseEvent.objects.create(
        application=application,
        kind=CaseEvent.Kind.STATUS,
        to_status=status,
        at=NOW - timedelta(days=days_ago),
    )
    return application


def _paid(ended_days_ago, report_days=30):
    application = _in(
        S.PAID,
        ended_days_ago,
        amount_granted=10_000,
        ends_on=timezone.localdate() - timedelta(days=ended_days_ago),
    )
    application.round.report_within_days = report_days
    application.round.save()
    return application


@pytest.fixture
def cases(people):
    handler = people["case_handler"]
    made = {
        "new": [_in(S.SUBMITTED, 3), _in(S.SUBMITTED, 9)],
        "resubmitted": [_in(S.RESUBMITTED, 4)],
        "answered": [_in(S.ANSWERED, 2), _in(S.ANSWERED, 6)],
        "accepted": [_in(S.ACCEPTED, 12, amount_granted=5_000)],
        "reported": [_in(S.REPORTED, 5, amount_granted=5_000)],
        "overdue": [_paid(ended_days_ago=40), _paid(ended_days_ago=50)],
        "appeals": [_appeal(handler, 1), _appeal(handler, 8)],
    }
    _paid(ended_days_ago=10)  # paid, report not yet due
    ApplicationFactory(status=S.DRAFT, submitted_at=None)
    handled = _appeal(handler)
    handled.status = Appeal.Status.FORWARDED
    handled.save()
    return made


def test_waiting_for_counts_each_kind_with_its_oldest_date(people, cases):
    waiting = waiting_for(people["case_handler"])
    today = timezone.localdate()
    assert waiting["new"] == 2
    assert timezone.localdate(waiting["new_since"]) == today - timedelta(days=9)
    assert waiting["resubmitted"] == 1
    assert waiting["answered"] == 2
    assert timezone.localdate(waiting["answered_since"]) == today - timedelta(days=6)
    assert waiting["accepted"] == 1
    assert timezone.localdate(waiting["accepted_since"]) == today - timedelta(days=12)
    assert waiting["reported"] == 1
    assert waiting["reports_overdue"] == 2
    assert waiting["reports_overdue_since"] == today - timedelta(days=20)
    assert waiting["appeals"] == 2
    assert timezone.localdate(waiting["appeals_since"]) == today - timedelta(days=8)


def test_staff_who_do_not_handle_cases_have_nothing_waiting(people, cases):
    waiting = waiting_for(people["board_member"])
    assert not any(waiting.values())
    assert home_panels(people["board_member"]) == []


@pytest.mark.parametrize("who", ["case_handler", "programme_leader"])
def test_every_item_links_to_exactly_its_cases(client, people, cases, who):
    client.force_login(people[who])
    items = {item.url: item for panel in home_panels(people[who]) for item in panel.items}
    assert len(items) == 7
    expected = {
        "new": cases["new"],
        "resubmitted": cases["resubmitted"],
        "answered": cases["answered"],
        "accepted": cases["accepted"],
        "reported": cases["reported"],
        "overdue": cases["overdue"],
    }
    found = {}
    for url, item in items.items():
        assert item.count and item.date, item
        html = client.get(url).content.decode()
        if url.startswith(reverse("nabolagspotten:appeals")):
            assert all(a.application.reference in html for a in cases["appeals"])
            continue
        shown = {a.reference for a in Application.objects.all() if a.reference in html}
        found[url] = shown
        assert len(shown) == item.count, (url, shown)
    assert sorted(map(sorted, found.values())) == sorted(
        sorted(a.reference for a in group) for group in expected.values()
    )


def test_overdue_reports_are_marked_overdue(people, cases):
    (followup,) = [
        p for p in home_panels(people["case_handler"]) if p.key == "nabolagspotten-followup"
    ]
    overdue = [item for item in followup.items if item.overdue]
    assert len(overdue) == 1 and overdue[0].count == 2
    assert overdue[0].url.endswith("?report=overdue&sort=waiting")
    assert overdue[0].date == timezone.localdate() - timedelta(days=20)


def test_the_home_page_shows_the_handler_what_waits(client_for, people, cases):
    html = client_for("case_handler").get(reverse("home")).content.decode()
    assert nb("Nabolagspotten: applications and appeals to handle") in html
    assert nb("Nabolagspotten: payments and final reports") in html
    assert reverse("nabolagspotten:cases") + "?status=svar_mottatt&amp;sort=waiting" in html
    assert reverse("nabolagspotten:cases") + "?report=overdue&amp;sort=waiting" in html
    assert reverse("nabolagspotten:appeals") + "?status=mottatt" in html
    html = client_for("board_member").get(reverse("home")).content.decode()
    assert nb("Nabolagspotten: applications and appeals to handle") not in html


def test_a_final_report_moves_the_case_off_the_overdue_list(people, cases):
    application = cases["overdue"][0]
    FinalReport.objects.create(
        application=application, what_happened="Fint.", participants=10, money_used=10_000
    )
    workflow.move(workflow.lock(application), S.REPORTED)
    waiting = waiting_for(people["case_handler"])
    assert waiting["reports_overdue"] == 1
    assert waiting["reported"] == 2


def _more_cases(handler):
    for status in [S.SUBMITTED, S.RESUBMITTED, S.ANSWERED, S.ACCEPTED, S.REPORTED]:
        for days in (1, 2, 3):
            _in(status, days, amount_granted=1_000)
    for days in (35, 45, 55):
        _paid(ended_days_ago=days)
    for days in (1, 2, 3):
        _appeal(handler, days)


def test_the_home_page_query_count_does_not_grow_with_cases(
    client_for, people, django_assert_num_queries
):
    client = client_for("case_handler")
    _more_cases(people["case_handler"])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(3):
        _more_cases(people["case_handler"])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_waiting_for_takes_two_queries(people, django_assert_num_queries):
    _more_cases(people["case_handler"])
    assert people["case_handler"].roles  # the roles are read once per request
    with django_assert_num_queries(2):
        waiting_for(people["case_handler"])
    for _ in range(3):
        _more_cases(people["case_handler"])
    with django_assert_num_queries(2):
        waiting_for(people["case_handler"])


def test_the_case_list_sorts_by_waiting_longest_and_marks_overdue_reports(client_for, cases):
    client = client_for("case_handler")
    url = reverse("nabolagspotten:cases")
    html = client.get(url, {"status": S.ANSWERED, "sort": "waiting"}).content.decode()
    older, newer = cases["answered"][1], cases["answered"][0]
    assert html.index(older.reference) < html.index(newer.reference)
    html = client.get(url, {"report": "overdue"}).content.decode()
    assert html.count(nb("Final report overdue")) == 2
    response = client.get(url, {"report": "nonsense"})  # reported on the field, not a 500
    assert response.status_code == 200
    assert 'id="id_report_error"' in response.content.decode()
