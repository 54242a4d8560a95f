"""What a report shows, made from its frozen snapshot alone: the sections with their texts,
tables and charts (`report_sections`), and the files: the PDF (WeasyPrint, PDF/UA), the
public PDF (without risks «unntatt offentlighet»; made only when the annual report is
published, `write_public_pdf`), and the workbook with one sheet per table.

The same view of the snapshot feeds the HTML page, both PDFs and the workbook, so they
cannot disagree. No person is named anywhere in a snapshot.
"""

import datetime
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.exports import xlsx_workbook
from core.files import store_once
from core.pdf import render_pdf
from reports import charts
from reports.outputs.shown import report_sections
from reports.outputs.tables import DATE, MONEY, NUMBER, Table
from reports.sections import sections_for

__all__ = [
    "DATE",
    "MONEY",
    "NUMBER",
    "Table",
    "filename",
    "report_sections",
    "write_outputs",
    "write_public_pdf",
]


# --- The files ---------------------------------------------------------------------------


def _slug(report) -> str:
    if report.kind == "styrerapport":
        return f"styrerapport-{report.meeting_date.isoformat()}-versjon-{report.number}"
    return f"arsrapport-{report.year}-versjon-{report.number}"


def filename(report, extension: str, *, public: bool = False) -> str:
    return f"{_slug(report)}{'-offentlig' if public else ''}.{extension}"


def report_html(report, *, public: bool = False, for_pdf: bool = True) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "reports/pdf.html",
            {
                "report": report,
                "sections": report_sections(report, public=public, pdf=for_pdf),
                "introduction": report.summaries.get("introduction", ""),
                "public": public,
            },
        )


def link_texts(report) -> dict[str, str]:
    """The alternate text of each table-of-contents link in the PDF, by its anchor (the
    PDF/UA link description; WeasyPrint would give the anchor's name)."""
    with translation.override(settings.LANGUAGE_CODE):
        texts = {
            f"del-{section.key}": _("Go to «%(section)s»") % {"section": section.title}
            for section in sections_for(report.kind)
        }
        texts["del-introduction"] = _("Go to «%(section)s»") % {"section": _("Introduction")}
    return texts


def _pdf(report, *, public: bool = False) -> bytes:
    return render_pdf(
        report_html(report, public=public), variant="pdf/ua-1", link_texts=link_texts(report)
    )


def _typed(table: Table) -> list[list]:
    """The rows for the workbook: dates as dates, everything else as stored."""
    dates = [i for i, kind in enumerate(table.kinds) if kind == DATE]
    rows = []
    for row in table.rows:
        row = list(row)
        for i in dates:
            if row[i]:
                row[i] = datetime.date.fromisoformat(row[i])
        rows.append([(_("yes") if v else _("no")) if isinstance(v, bool) else v for v in row])
    return rows


def report_workbook(report) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        sheets = []
        used = set()
        for section in report_sections(report):
            tables = list(section.tables)
            if section.charts:
                tables.append(charts.charts_table(section.charts))
            for table in tables:
                name = re.sub(r"[\[\]:*?/\\]", "", table.title)[:31]
                while name in used:
                    name = name[:28] + f"{len(used):03d}"
                used.add(name)
                sheets.append((name, table.headers, _typed(table)))
        return xlsx_workbook(sheets)


def write_outputs(report) -> None:
    """Make and store the files the report does not have yet (each once): the PDF and the
    workbook. The public PDF is made when the report is published (`write_public_pdf`)."""
    if not report.pdf:
        report = store_once(
            report,
            "pdf",
            filename=filename(report, "pdf"),
            content=_pdf(report),
        )
    if not report.xlsx:
        store_once(
            report, "xlsx", filename=filename(report, "xlsx"), content=report_workbook(report)
        )


def write_public_pdf(report):
    """Make and store the public PDF of a published annual report (once); returns the row."""
    if report.public_pdf:
        return report
    return store_once(
        report,
        "public_pdf",
        filename=filename(report, "pdf", public=True),
        content=_pdf(report, public=True),
    )
