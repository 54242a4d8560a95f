"""Permissions for the reports: programme staff read them and download their files; the
programme leader orders, writes the summary, tries again (the build, and the public PDF
when the publish task gave up) and publishes; anyone reads the
public page of published annual reports and their public PDFs."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.permission_table.base import LOGIN

READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
PROGRAMME_LEADER_ONLY = {"anonymous": LOGIN, "programme_leader": 302, "default": 403}
PUBLIC = {"default": 200}


def _report(people, **fields):
    from reports.models import Report

    fields.setdefault("status", Report.Status.DONE)
    report = Report.objects.create(
        kind=Report.Kind.ANNUAL,
        year=2026,
        number=Report.objects.filter(year=2026).count() + 1,
        since=datetime.date(2026, 1, 1),
        until=datetime.date(2026, 12, 31),
        ordered_by=people["programme_leader"],
        **fields,
    )
    # The files as the background task stores them (their making is tested in tests/reports).
    report.pdf.save("arsrapport.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    report.public_pdf.save("arsrapport-offentlig.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    report.xlsx.save("arsrapport.xlsx", ContentFile(b"PK test"), save=False)
    report.save()
    return report


def _pk(people):
    return {"pk": _report(people).pk}


def _failed_pk(people):
    return {"pk": _report(people, status="feilet", failure_reason="Feil").pk}


def _published_pk(people):
    report = _report(people, published_at=timezone.now(), published_by=people["programme_leader"])
    return {"pk": report.pk}


def _public_pdf_failed_pk(people):
    report = _report(
        people,
        published_at=timezone.now(),
        published_by=people["programme_leader"],
        public_pdf_failure="Den offentlige PDF-en kunne ikke lages.",
    )
    report.public_pdf.delete(save=True)  # the publish task gave up before making it
    return {"pk": report.pk}


def _published(people):
    report = _report(people, published_at=timezone.now(), published_by=people["programme_leader"])
    return {"year": report.year, "number": report.number}


TABLE = {
    "reports:list": ({}, "get", None, READ),
    "reports:order": (
        {"kind": "arsrapport"},
        "post",
        {"year": 2026},
        PROGRAMME_LEADER_ONLY,
    ),
    "reports:report": (_pk, "get", None, READ),
    "reports:report_summary": (
        _pk,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "default": 403},
    ),
    "reports:report_retry": (_failed_pk, "post", None, PROGRAMME_LEADER_ONLY),
    "reports:report_publish": (_pk, "post", None, PROGRAMME_LEADER_ONLY),
    "reports:report_file": (lambda people: {**_pk(people), "fmt": "pdf"}, "get", None, READ),
    "reports:report_public_pdf": (_published_pk, "get", None, READ),
    "reports:report_public_pdf_retry": (
        _public_pdf_failed_pk,
        "post",
        None,
        PROGRAMME_LEADER_ONLY,
    ),
    "reports:public_list": ({}, "get", None, PUBLIC),
    "reports:public_pdf": (_published, "get", None, PUBLIC),
}
