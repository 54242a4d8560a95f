"""Building a report with the Celery task (eager in tests): the sections, the snapshot, the
files, idempotence, failures and the stale-build check."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import sections, services
from reports.models import Report
from reports.tasks import build_report
from tests.reports.world import EXEMPT_TITLE, RESIDENT, world

pytestmark = pytest.mark.django_db(transaction=False)


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


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
    assert RESIDENT not in text
    assert not report.public_pdf  # made when the report is published, not at every build

    workbook = load_workbook(report.xlsx.path, read_only=True)
    assert "Prosjekter etter status" in workbook.sheetnames
    assert "Verdier bak diagrammene" in workbook.sheetnames
    assert len(workbook.sheetnames) >= 15
    assert mail.outbox[-1].to == [people["programme_leader"].email]
    assert "er klar" in mail.outbox[-1].subject


def _structure(node, found: dict) -> dict:
    """Every structure element of the tagged PDF, by its role (`/S`)."""
    node = node.get_object()
    if "/S" in node:
        found.setdefault(str(node["/S"]), []).append(node)
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            _structure(kid, found)
    return found


def test_the_pdf_is_tagged_for_accessibility(people, django_capture_on_commit_callbacks):
    """The machine-checkable part of PDF/UA-1 that a Python library can read (veraPDF, a
    Java program, is not run in CI; docs/reports.md gives its verdict and the checkers run
    by hand): tagged, language, title shown, headings, tables with scoped headers and
    cells linked to them, every chart a Figure with alternate text, links described."""
    world(people, 2)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    report.pdf.open("rb")
    reader = PdfReader(io.BytesIO(report.pdf.read()))
    report.pdf.close()
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nb"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Årsrapport 2027, versjon 1"
    xmp = reader.xmp_metadata.stream.get_data()
    assert b'pdfuaid:part="1"' in xmp
    assert "Årsrapport 2027, versjon 1".encode() in xmp  # dc:title

    tags = _structure(root["/StructTreeRoot"], {})
    assert len(tags["/H1"]) == 1  # the cover's title
    assert len(tags["/H2"]) >= len(sections.ANNUAL) + 1  # the contents and each section
    assert "/H3" in tags
    figures = tags["/Figure"]
    assert len(tags["/Table"]) == len(tags["/THead"])
    assert len(tags["/Caption"]) == len(tags["/Table"]) + len(figures)  # + each figcaption
    scopes = {str(th["/A"]["/Scope"]) for th in tags["/TH"]}
    assert scopes == {"/Column", "/Row"}  # every header cell has its scope
    assert all(th["/A"].get("/Scope") for th in tags["/TH"])
    assert all(td["/A"].get("/Headers") for td in tags["/TD"] if td.get("/K"))
    assert len(figures) == 2  # the two indicators' charts
    assert all(str(figure["/Alt"]).startswith("Utvikling for «") for figure in figures)

    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    ]
    assert links and len(tags["/Link"]) == len(links)
    go_to = nb("Go to «%(section)s»")
    described = {go_to % {"section": nb(str(section.title))} for section in sections.ANNUAL}
    for link in links:
        assert link["/F"] == 4  # printed as shown
        assert str(link["/Contents"]) in described  # not the anchor's name


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
    from nabolagspotten.models import Application, Decision
    from tests.nabolagspotten.factories import ApplicationFactory

    world(people, 1)
    first_application = Application.objects.get()
    earlier = ApplicationFactory(round=first_application.round, status=first_application.status)
    for application, day, amount in (
        (earlier, datetime.date(2027, 2, 1), 9_000),
        (first_application, datetime.date(2027, 4, 2), 15_000),
    ):
        Decision.objects.create(  # one before the previous meeting, one since it
            application=application,
            outcome=Decision.Outcome.GRANTED,
            amount=amount,
            reasons="Godt forankret i nabolaget.",
            decided_by=people["programme_leader"],
            decided_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
        )
    with django_capture_on_commit_callbacks(execute=True):
        first = _order(people, kind=Report.Kind.BOARD, meeting_date=datetime.date(2027, 3, 1))
        pack = _order(people, kind=Report.Kind.BOARD, meeting_date=datetime.date(2027, 6, 1))
    pack.refresh_from_db()
    # The grants decided since the previous meeting (not the one before it), counted.
    decided = pack.snapshot["grants"]["decided"]
    assert [(row["count"], row["amount"]) for row in decided] == [(1, 15_000)]
    assert RESIDENT not in str(pack.snapshot)
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
    assert nb("Grant decisions in the period") in text
    assert not pack.public_pdf


def test_publishing_makes_the_public_pdf_without_exempt_risks_or_personal_data(
    people, django_capture_on_commit_callbacks
):
    world(people, 2)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    assert not report.public_pdf
    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(report=report, by=people["programme_leader"])
    report.refresh_from_db()
    assert report.is_published and report.public_pdf
    public = _text(report.public_pdf)
    assert "Innhold" in public and "Lærdommer så langt" in public
    assert EXEMPT_TITLE not in public
    assert RESIDENT not in public
    assert "Linja tar ikke over" in public  # the public risk is there
    assert list(services.published_reports()) == [report]
    name = report.public_pdf.name
    services.report_public_pdf(report_id=report.pk)  # a repeated task keeps the file
    report.refresh_from_db()
    assert report.public_pdf.name == name


def test_a_version_just_published_is_listed_publicly_only_when_its_public_pdf_exists(
    people, django_capture_on_commit_callbacks
):
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    services.report_publish(report=report, by=people["programme_leader"])  # task not run yet
    report.refresh_from_db()
    assert report.is_published and not report.public_pdf
    assert list(services.published_reports()) == []
    assert services.current_published_ids() == set()
    services.report_public_pdf(report_id=report.pk)
    assert list(services.published_reports()) == [report]


def test_the_pdf_shows_long_lists_by_totals_and_first_rows_and_the_workbook_has_every_row(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    from reports.outputs import report_sections, shown

    monkeypatch.setattr(shown, "PDF_ROWS", 1)
    monkeypatch.setattr(shown, "PDF_CHARTS_PER_GOAL", 1)
    monkeypatch.setattr(shown, "PDF_LESSONS", 1)
    world(people, 3)
    with django_capture_on_commit_callbacks(execute=True):
        report = _order(people)
    report.refresh_from_db()
    page = {s.key: s for s in report_sections(report)}
    pdf = {s.key: s for s in report_sections(report, pdf=True)}
    assert len(page["benefits"].charts) == 3 and len(pdf["benefits"].charts) == 1
    listed = {t.key: t for t in pdf["benefits"].tables}
    assert listed["indicators"].omitted == 2 and len(listed["indicators"].rows) == 1
    assert listed["benefits_goal"].rows[0][-1] == 3  # the goal's three benefits, counted
    assert listed["indicators_goal"].rows[0][-1] == 3
    assert len(pdf["lessons"].blocks) == 1 and len(page["lessons"].blocks) == 3

    text = _text(report.pdf)
    assert "Innhold" in text and "Lærdommer så langt" in text
    for section in sections.ANNUAL:
        assert str(section.title) in text or section.key == "lessons"
    assert "Verdier i diagrammet" in text
    assert "Gevinster per mål og status" in text
    assert "og 2 rader til" in text
    assert "Andel som føler seg trygge 0" in text
    assert "Andel som føler seg trygge 2" not in text  # only on the page and in the workbook

    workbook = load_workbook(report.xlsx.path, read_only=True)
    indicators = [row for row in workbook["Indikatorer mot nullpunktene 20"].iter_rows()]
    assert len(indicators) == 1 + 3  # the headers and every indicator


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
    with django_capture_on_commit_callbacks(execute=True):
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
