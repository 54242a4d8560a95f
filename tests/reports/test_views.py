"""The report pages without a build: the progress while it is built (htmx polling, an
aria-live region, and the reload hint without JavaScript), the whole page again once it is
ready, and bad input on the order forms (a Norwegian message on the field, 400)."""

import datetime

import pytest
from django.utils import timezone, translation

from reports.models import Report
from tests.english import assert_no_english

pytestmark = pytest.mark.django_db


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def _building(people, **fields) -> Report:
    fields.setdefault("status", Report.Status.BUILDING)
    return Report.objects.create(
        kind=Report.Kind.ANNUAL,
        year=2027,
        number=1,
        since=datetime.date(2027, 1, 1),
        until=datetime.date(2027, 12, 31),
        ordered_by=people["programme_leader"],
        started_at=timezone.now(),
        progress=38,
        current_section="Gevinster",
        **fields,
    )


def test_the_page_of_a_report_being_built_shows_the_progress_politely_and_without_javascript(
    client_for, people
):
    report = _building(people)
    html = client_for("board_member").get(report.get_absolute_url()).content.decode()
    region = html[html.index('id="report-progress"') : html.index("</progress>")]
    assert 'aria-live="polite"' in region and 'role="status"' in region
    assert 'hx-trigger="every 2s"' in region
    assert "38" in region and "«Gevinster»" in region
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    assert nb("Reload the page in a little while to see how far it has come.") in noscript


def test_htmx_gets_the_progress_alone_while_it_builds_and_a_refresh_when_it_is_done(
    client_for, people
):
    report = _building(people)
    client = client_for("programme_leader")
    partial = client.get(report.get_absolute_url(), headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert b'id="report-progress"' in partial.content and b"<html" not in partial.content
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, failure_reason="x")
    done = client.get(report.get_absolute_url(), headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_a_failed_build_shows_the_reason_and_try_again_to_the_programme_leader_only(
    client_for, people
):
    report = _building(
        people, status=Report.Status.FAILED, failure_reason="Delen «Risiko» kunne ikke bygges."
    )
    leader = client_for("programme_leader").get(report.get_absolute_url()).content.decode()
    assert "Delen «Risiko» kunne ikke bygges." in leader
    assert nb("Try again") in leader
    board = client_for("board_member").get(report.get_absolute_url()).content.decode()
    assert "Delen «Risiko» kunne ikke bygges." in board
    assert f"/rapporter/{report.pk}/prov-igjen/" not in board


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("arsrapport", {"year": "2040"}, "year"),
        ("arsrapport", {"year": "tjuetjuesju"}, "year"),
        ("styrerapport", {"meeting_date": ""}, "meeting_date"),
        ("styrerapport", {"meeting_date": "2027-03-01", "since": "2027-04-01"}, "since"),
    ],
)
def test_bad_input_on_the_order_forms_is_a_norwegian_message_on_the_field(
    client_for, kind, data, field
):
    response = client_for("programme_leader").post(f"/rapporter/bestill/{kind}/", data)
    assert response.status_code == 400
    form = response.context["annual_form" if kind == "arsrapport" else "board_form"]
    assert form.errors[field]
    assert not Report.objects.exists()
    html = response.content.decode()
    for message in form.errors[field]:
        assert message in html  # on the page, beside its field
    assert_no_english(html, f"{kind} {data}")
