"""Building a report with the Celery task (eager in tests): the sections, the snapshot, the
files, idempotence, failures and the stale-build check."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import sections, services
from reports.models import Report
from reports.tasks import build_report
from tests.reports.world import EXEMPT_TITLE, RESIDENT, world

pytestmark = pytest.mark.django_db(transaction=False)


def _text(field) -> str:
    field.open("rb")
    try:
        reader = PdfReader(io.BytesIO(field.read()))
    finally:
        field.close()
    return "\n".join(page.extract_text() for page in reader.pages)


def _order(people, **kwargs):
    kwargs.setdefault("kind", Report.Kind.ANNUAL)
    if kwargs["kind"] == Report.Kind.ANNUAL:
        kwargs.setdefault("year", 2027)
    return services.report_order(by=people["programme_leader"], **kwargs)


def test_the_annual_report_is_built_section_by_section_into_a_snapshot_and_files(
    people, django_capture_on_commit_callbacks
):
    world(people, 2)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert set(report.snapshot) == {s.key for s in sections.ANNUAL}
    assert report.snapshot["money"]["state"] == {"planned": 200_000, "spent": 80_000}
    indicator = report.snapshot["benefits"]["goals"][0]["benefits"][0]["indicators"][0]
    assert indicator["baselines"] == {"2022": 40.0, "2025": 45.0}
    assert indicator["latest"] == {"date": "2027-06-30", "value": 52.0}
    assert report.snapshot["state"]["focus_areas"][0]["planned"] == 300_000

    text = _text(report.pdf)
    assert "Innhold" in text  # the table of contents
    for section in sections.ANNUAL:
        assert str(section.title) in text or section.key == "lessons"
    assert "Lærdommer så langt" in text
    assert "Faste tider trekker folk 0" in text
    assert "Verdier i diagrammet" in text  # the chart's data table
    assert EXEMPT_TITLE in text  # the staff version has every risk

    public = _text(report.public_pdf)
    assert EXEMPT_TITLE not in public
    assert RESIDENT not in public and RESIDENT not in text
    assert "Linja tar ikke over" in public

    workbook = load_workbook(report.xlsx.path, read_only=True)
    assert "Prosjekter etter status" in workbook.sheetnames
    assert "Verdier bak diagrammene" in workbook.sheetnames
    assert len(workbook.sheetnames) >= 15
    assert mail.outbox[-1].to == [people["programme_leader"].email]
    assert "er klar" in mail.outbox[-1].subject


def test_the_pdf_is_tagged_for_accessibility(people, django_capture_on_commit_callbacks):
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    report.pdf.open("rb")
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    report.pdf.close()
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"]
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()


def test_ordering_twice_while_it_builds_does_not_start_a_second_build(people):
    first = _order(people)  # no commit in this test: the build is never queued
    again = _order(people)
    assert again.pk == first.pk
    assert Report.objects.count() == 1


def test_a_second_or_repeated_task_makes_the_same_version_once(
    people, django_capture_on_commit_callbacks
):
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    pdf_name, snapshot = report.pdf.name, report.snapshot
    build_report.delay(report.pk)
    build_report.delay(report.pk)
    report.refresh_from_db()
    assert report.pdf.name == pdf_name
    assert report.snapshot == snapshot
    assert report.attempts == 1
    assert Report.objects.count() == 1


def test_a_task_for_a_report_another_worker_is_building_does_nothing(people):
    report = _order(people)
    Report.objects.filter(pk=report.pk).update(status="bygges", started_at=timezone.now())
    build_report.delay(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.BUILDING
    assert report.snapshot == {}


def test_a_section_that_raises_fails_with_the_reason_after_the_retries_and_the_retry_works(
    people, monkeypatch, settings, django_capture_on_commit_callbacks
):
    world(people, 1)
    original = sections.ANNUAL[3]

    def broken(report, snapshot):
        raise RuntimeError("the benefits are broken")

    broken_sections = list(sections.ANNUAL)
    broken_sections[3] = sections.Section("benefits", original.title, broken)
    monkeypatch.setattr(sections, "ANNUAL", broken_sections)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "«Gevinster»" in report.failure_reason
    assert report.attempts == settings.REPORTS_BUILD_RETRIES + 1
    # What was gathered before the failing section is kept; the retry starts from there.
    assert set(report.snapshot) == {"portfolio", "money", "plan"}

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report, by=people["programme_leader"])
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.failure_reason == ""


def test_a_build_whose_worker_vanished_is_marked_failed_not_left_building(people, settings):
    report = _order(people)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STALE_SECONDS + 1)
    Report.objects.filter(pk=report.pk).update(status="bygges", started_at=long_ago)
    assert services.reports_fail_stale() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "stoppet" in report.failure_reason


def test_the_board_pack_starts_at_the_previous_meeting_and_carries_the_lessons(
    people, django_capture_on_commit_callbacks
):
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = _order(people, kind=Report.Kind.BOARD, meeting_date=datetime.date(2027, 3, 1))
        pack = _order(people, kind=Report.Kind.BOARD, meeting_date=datetime.date(2027, 6, 1))
    pack.refresh_from_db()
    assert first.since == datetime.date(2027, 1, 1)
    assert pack.since == datetime.date(2027, 3, 1)
    assert pack.status == Report.Status.DONE
    assert set(pack.snapshot) == {s.key for s in sections.BOARD}
    assert [lesson["title"] for lesson in pack.snapshot["lessons"]["lessons"]] == [
        "Faste tider trekker folk 0"
    ]
    assert pack.snapshot["board"]["red_projects"][0]["title"] == "Møteplass i parken 0"
    text = _text(pack.pdf)
    assert "Lærdommer så langt" in text
    assert not pack.public_pdf


def test_a_published_report_cannot_be_changed_and_a_correction_is_a_new_version(
    people, django_capture_on_commit_callbacks
):
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    services.report_publish(report=report, by=people["programme_leader"])
    with pytest.raises(services.TransitionRefused):
        services.report_summaries_update(
            report=report, by=people["programme_leader"], summaries={"money": "Ny tekst"}
        )
    with django_capture_on_commit_callbacks(execute=True):
        correction = _order(people)
    assert correction.number == 2
    services.report_publish(
        report=Report.objects.get(pk=correction.pk), by=people["programme_leader"]
    )
    assert services.current_published_ids() == {correction.pk}


def test_an_unknown_year_is_refused_on_the_field(people):
    with pytest.raises(services.ValidationError) as error:
        _order(people, year=2040)
    assert "year" in error.value.message_dict


def test_beat_runs_the_stale_build_check_every_five_minutes():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.select_related("interval").get(
        task="reports.tasks.recover_stale_reports"
    )
    assert (task.interval.every, task.interval.period, task.enabled) == (5, "minutes", True)
