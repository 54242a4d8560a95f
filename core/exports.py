"""The one way a list leaves the app as a spreadsheet: CSV or XLSX, the same rules for both.

- Headers are whatever the caller passes (translated, so Norwegian for a Norwegian user).
- CSV is UTF-8 with a byte order mark and `;` between fields, as Excel in Norway expects.
- Numbers stay numbers and dates stay dates (ISO dates in CSV, date cells in XLSX).
- No text can run as a formula: in CSV a text starting with = + - @ or a tab or carriage
  return gets a leading apostrophe (OWASP's advice); in XLSX every text is stored as a
  string cell, which a spreadsheet never evaluates.
- XLSX is written with XlsxWriter in constant-memory mode (fast, and flat in memory for
  tens of thousands of rows); pass plain values (e.g. from `values_list`), not model
  instances, for speed.

    return export_response(
        fmt="xlsx", filename="portefolje-2026", sheet=_("Portfolio"), headers=[...], rows=rows
    )
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import Http404, HttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard_text(value) -> str:
    """A text a spreadsheet must not run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_value(value):
    if isinstance(value, bool):
        return guard_text(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return guard_text(value)


def csv_content(headers: Sequence, rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([guard_text(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue()


def xlsx_content(headers: Sequence, rows: Iterable[Sequence], *, sheet: str) -> bytes:
    """XlsxWriter in constant-memory mode: each row is written to disk as it comes, so a
    large export uses little memory; text is written as text (`write_string`), never
    parsed as a formula or a number."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    _write_sheet(workbook.add_worksheet(str(sheet)[:31]), headers, rows, bold, day, moment)
    workbook.close()
    return buffer.getvalue()


def xlsx_workbook(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """A workbook of several sheets, each (name, headers, rows), by the same rules as
    `xlsx_content`: text stays text, numbers numbers, dates dates. Names must be unique
    and at most 31 characters (Excel's limit)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, headers, rows in sheets:
        _write_sheet(workbook.add_worksheet(str(name)[:31]), headers, rows, bold, day, moment)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(worksheet, headers, rows, bold, day, moment) -> None:
    for column, header in enumerate(headers):
        worksheet.write_string(0, column, str(header), bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                worksheet.write_string(number, column, str(value))
            elif isinstance(value, int | float):
                worksheet.write_number(number, column, value)
            elif isinstance(value, datetime.datetime):
                worksheet.write_datetime(
                    number, column, timezone.localtime(value).replace(tzinfo=None), moment
                )
            elif isinstance(value, datetime.date):
                worksheet.write_datetime(number, column, value, day)
            else:
                worksheet.write_string(number, column, str(value))


def export_response(
    *, fmt: str, filename: str, sheet: str, headers: Sequence, rows: Iterable[Sequence]
) -> HttpResponse:
    """The rows as a file download: `filename` without its extension; `sheet` names the
    XLSX worksheet. An unknown format is a 404."""
    if fmt == "csv":
        response = HttpResponse(csv_content(headers, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_content(headers, rows, sheet=sheet), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
