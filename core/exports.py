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

An export too big for a request (more than `BACKGROUND_ROWS` rows) is built in the
background instead, by a Celery task of the app that owns the rows, and stored under
MEDIA_ROOT (`exports/<user id>/<export id>/`, which only its user can fetch):

    return export_answer(request, fmt=fmt, total=rows.count(), filename=..., sheet=...,
                         headers=..., rows=..., task=build_measurements_export,
                         waiting="benefits:measurements_export_file", query=...)

(`export_answer` answers with the file up to `BACKGROUND_ROWS` rows, else queues the task
with `export_queue` and redirects to the waiting page; the view for `…/<export_id>/` is
`export_file(request, export_id, back_url=..., back_text=...)` after the app's permission
check.) The task calls `export_store(...)` inside `export_build(language=..., build=...)`
with the same headers and rows as `export_response`; the
waiting page (`export_waiting`, templates/export_pending.html) shows how far it has come and
offers the download when the file is stored (htmx polling; without JavaScript, reload);
`export_state` finds the user's own export or raises 404, and `export_download` serves it.
Stored exports are deleted after `KEEP` (by the next export's task).
"""

import csv
import datetime
import functools
import io
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import xlsxwriter
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from core.files import file_download

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


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of a spreadsheet's dates


def xlsx_content(headers: Sequence, rows: Iterable[Sequence], *, sheet: str) -> bytes:
    """XlsxWriter in constant-memory mode: each row is written to disk as it comes, so a
    large export uses little memory; text is written as text (`write_string`), never
    parsed as a formula or a number. The cell type is chosen by `type()` (the common
    types first) and a date is written as its day number with a date format, which is
    what a date cell is: together about a tenth faster than `write()` at 20,000 rows."""
    return xlsx_workbook([(sheet, headers, rows)])


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
    write_string, write_number = worksheet.write_string, worksheet.write_number
    for column, header in enumerate(headers):
        write_string(0, column, str(header), bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            kind = type(value)
            if kind is str:
                write_string(number, column, value)
            elif kind is int or kind is float:  # not bool, which is written as text
                write_number(number, column, value)
            elif kind is datetime.date:
                write_number(number, column, (value - EXCEL_EPOCH).days, day)
            elif value is None:
                continue
            elif kind is datetime.datetime:
                worksheet.write_datetime(
                    number, column, timezone.localtime(value).replace(tzinfo=None), moment
                )
            elif isinstance(value, int | float) and not isinstance(value, bool):
                write_number(number, column, value)  # e.g. an IntegerChoices member
            else:
                write_string(number, column, str(value))


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


def content_type(fmt: str) -> str:
    return "text/csv; charset=utf-8" if fmt == "csv" else XLSX_TYPE


# --- Exports built in the background -------------------------------------------------------

BACKGROUND_ROWS = 5_000  # more rows than this are built by a task, not in the request
KEEP = datetime.timedelta(hours=24)  # a stored export is deleted after this
ROOT = "exports"
PROGRESS_EVERY = 1_000  # rows between two progress notes
EXPORT_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex


@dataclass(frozen=True)
class ExportState:
    """How far the user's export has come: `ready` once the file is stored."""

    export_id: str
    user_id: int
    fmt: str
    filename: str
    ready: bool
    failed: bool
    done: int
    total: int | None

    @property
    def path(self) -> str:
        return _folder(self.user_id, self.export_id) + "data"

    @property
    def percent(self) -> int | None:
        if self.ready:
            return 100
        if not self.total:
            return None
        return min(99, self.done * 100 // self.total)


def _folder(user_id: int, export_id: str) -> str:
    return f"{ROOT}/{int(user_id)}/{export_id}/"


def _progress_key(user_id: int, export_id: str) -> str:
    return f"export:{int(user_id)}:{export_id}"


def _note(user_id: int, export_id: str, **progress) -> None:
    key = _progress_key(user_id, export_id)
    cache.set(key, {**(cache.get(key) or {}), **progress}, int(KEEP.total_seconds()))


def export_queue(*, task, user, fmt: str, filename: str, total: int | None = None, **kwargs) -> str:
    """Queue `task` (a Celery task of the app that owns the rows) to build the export once
    this transaction commits; return the export's id for the waiting page. The task gets
    `export_id`, `user_id`, `fmt`, `filename` (without extension), `language` (the
    user's, for the headers) and `kwargs` (plain values: ids, the query string)."""
    if fmt not in FORMATS:
        raise Http404
    export_id = uuid.uuid4().hex
    _note(user.pk, export_id, fmt=fmt, filename=filename, done=0, total=total, failed=False)
    transaction.on_commit(
        functools.partial(
            task.delay,
            export_id=export_id,
            user_id=user.pk,
            fmt=fmt,
            filename=filename,
            language=translation.get_language(),
            **kwargs,
        )
    )
    return export_id


def _counted(rows: Iterable[Sequence], *, user_id: int, export_id: str) -> Iterator[Sequence]:
    for number, row in enumerate(rows, start=1):
        if number % PROGRESS_EVERY == 0:
            _note(user_id, export_id, done=number)
        yield row


def export_store(
    *,
    export_id: str,
    user_id: int,
    fmt: str,
    filename: str,
    sheet: str,
    headers: Sequence,
    rows: Iterable[Sequence],
    total: int | None = None,
) -> str:
    """Build the export (in a task) and store it for its user; return the stored path.
    The description is written after the file, so a file is offered only once complete.
    A failure is noted for the waiting page before it is raised again."""
    exports_delete_old()
    folder = _folder(user_id, export_id)
    _note(user_id, export_id, fmt=fmt, filename=filename, total=total, done=0, failed=False)
    try:
        counted = _counted(rows, user_id=user_id, export_id=export_id)
        if fmt == "csv":
            content = csv_content(headers, counted).encode("utf-8")
        elif fmt == "xlsx":
            content = xlsx_content(headers, counted, sheet=sheet)
        else:
            raise ValueError(f"Unknown export format {fmt!r}")
        path = default_storage.save(folder + "data", ContentFile(content))
        description = {"fmt": fmt, "filename": filename}
        default_storage.save(folder + "meta.json", ContentFile(json.dumps(description)))
    except Exception:
        _note(user_id, export_id, failed=True)
        raise
    _note(user_id, export_id, done=total or 0)
    return path


def export_state(user, export_id: str) -> ExportState:
    """This user's export `export_id` (ready or on its way), or 404: another user's
    export, an unknown one or one deleted after `KEEP` are all simply not found."""
    if not EXPORT_ID.fullmatch(export_id):
        raise Http404
    folder = _folder(user.pk, export_id)
    progress = cache.get(_progress_key(user.pk, export_id)) or {}
    meta = None
    if default_storage.exists(folder + "meta.json"):
        with default_storage.open(folder + "meta.json", "rb") as handle:
            meta = json.loads(handle.read())
    if meta is None and not progress:
        raise Http404
    described = meta or progress
    return ExportState(
        export_id=export_id,
        user_id=user.pk,
        fmt=described["fmt"],
        filename=described["filename"],
        ready=meta is not None,
        failed=meta is None and bool(progress.get("failed")),
        done=progress.get("done") or 0,
        total=progress.get("total"),
    )


def export_download(state: ExportState):
    """The stored export as a download (the caller has checked who asks)."""
    return file_download(
        default_storage.open(state.path),
        filename=f"{state.filename}.{state.fmt}",
        content_type=content_type(state.fmt),
    )


def export_waiting(
    request: HttpRequest, state: ExportState, *, back_url: str, back_text: str
) -> HttpResponse:
    """The page that says the export is being made and how far it has come; htmx asks it
    again every two seconds (the status part only) until the download is ready."""
    context = {
        "state": state,
        "back_url": back_url,
        "back_text": back_text,
        "download_url": request.path,
    }
    if request.htmx:
        return render(request, "export_pending.html#status", context)
    return render(request, "export_pending.html", context, status=200 if state.ready else 202)


def export_answer(
    request: HttpRequest,
    *,
    fmt: str,
    total: int,
    filename: str,
    sheet: str,
    headers: Sequence,
    rows: Iterable[Sequence],
    task,
    waiting: str,
    waiting_args: Sequence = (),
    limit: int | None = None,
    **kwargs,
) -> HttpResponse:
    """The one choice every big export makes: up to `limit` rows (`BACKGROUND_ROWS` unless
    an export's rows are much dearer; `total` is counted by the caller) the file in this
    answer (`rows` is lazy: not read on the other path); above that `task` is queued with
    `kwargs` (plain values, e.g. `query=` the address's filters) and the user is sent to
    the waiting page, the URL named `waiting` with `waiting_args` and the export's id."""
    if fmt not in FORMATS:
        raise Http404
    if total > (BACKGROUND_ROWS if limit is None else limit):
        export_id = export_queue(
            task=task, user=request.user, fmt=fmt, filename=filename, total=total, **kwargs
        )
        return redirect(waiting, *waiting_args, export_id)
    return export_response(fmt=fmt, filename=filename, sheet=sheet, headers=headers, rows=rows)


def export_file(
    request: HttpRequest, export_id: str, *, back_url: str, back_text: str, on_download=None
) -> HttpResponse:
    """The view body for `…/<export_id>/` after the caller's own permission check: the
    waiting page until the file is stored, then the file; another user's export is a 404.
    `on_download()` runs when the file is handed out (e.g. to log access to personal
    data)."""
    state = export_state(request.user, export_id)
    if state.ready and not request.htmx:
        if on_download is not None:
            on_download()
        return export_download(state)
    return export_waiting(request, state, back_url=back_url, back_text=back_text)


def export_build(*, language: str, build) -> str:
    """Run `build()` (which calls `export_store`) in the language of the user who asked,
    so the headers and labels a task writes are the ones they would get at once."""
    with translation.override(language):
        return build()


def exports_delete_old(now: datetime.datetime | None = None) -> int:
    """Delete stored exports older than `KEEP` (they hold personal data); return how
    many. Run by each export's task, so no schedule is needed."""
    limit = (now or timezone.now()) - KEEP
    deleted = 0
    try:
        users, _files = default_storage.listdir(ROOT)
    except FileNotFoundError:
        return 0
    for user_folder in users:
        exports, _files = default_storage.listdir(f"{ROOT}/{user_folder}")
        for export_id in exports:
            folder = f"{ROOT}/{user_folder}/{export_id}/"
            _subfolders, names = default_storage.listdir(folder)
            if not names:  # still being made
                continue
            stamps = [default_storage.get_modified_time(folder + name) for name in names]
            if stamps and max(stamps) >= limit:
                continue
            for name in names:
                default_storage.delete(folder + name)
            deleted += 1
    return deleted
