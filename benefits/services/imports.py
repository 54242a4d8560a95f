"""Import of measurements from CSV or XLSX: a template, a dry run that reports every row's
result and every error by row and column, and the import itself once the user confirms.

Why no import library: django-import-export (and tablib under it) is built around model
resources and the admin's own confirm step; here each row must pass the indicator's own
checks (`Indicator.check_value`: the scale 1–5, 0–100 for a percentage, text for a
qualitative indicator), the person's right to record on that indicator, and the rule that a
project leader's measurements await approval. That is what this module does, so the only
readers needed are the standard library's `csv` and openpyxl (already a dependency, read in
read-only mode); the template is written with core.exports (formula-guarded).

Nothing is saved during the dry run. The uploaded file is kept on the server
(`MEDIA_ROOT/benefits/imports/<random token>`, never on a public URL) until the user
confirms or starts again; the confirm step reads it again and checks every row again.
Row values are never logged.
"""

import csv
import datetime
import io
import secrets
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from benefits import permissions as perms
from benefits.models import BenefitEvent, Indicator, Measurement
from benefits.models.benefits import LONG_TEXT

# The template's columns, in Norwegian as the users see them in the file.
ID, NAME, PERIOD, VALUE, TEXT, COMMENT = (
    "indikator_id",
    "indikator",
    "periode_slutt",
    "verdi",
    "tekst",
    "kommentar",
)
COLUMNS = [ID, NAME, PERIOD, VALUE, TEXT, COMMENT]
REQUIRED = [ID, PERIOD]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
STORE = "benefits/imports/"


class ImportFileError(ValidationError):
    """The file as a whole cannot be read: wrong type, wrong columns, too large."""


@dataclass
class Row:
    number: int  # the row's number in the file, the header being row 1
    values: dict
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)
    indicator: Indicator | None = None
    period_end: datetime.date | None = None
    value: Decimal | None = None
    text: str = ""
    comment: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class DryRun:
    rows: list[Row]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if not row.ok)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.error_count


# --- Reading the file -----------------------------------------------------------------------


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def _check_header(header) -> list[str]:
    names = [str(_cell(name)).lower() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    unknown = [name for name in names if name and name not in COLUMNS]
    if missing or unknown or (VALUE not in names and TEXT not in names):
        raise ImportFileError(
            {
                "file": _(
                    "The file's columns are not the template's. Expected: %(expected)s. "
                    "Missing: %(missing)s. Not known: %(unknown)s."
                )
                % {
                    "expected": ", ".join(COLUMNS),
                    "missing": ", ".join(missing + ([] if VALUE in names else [VALUE])) or "–",
                    "unknown": ", ".join(unknown) or "–",
                }
            }
        )
    return names


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(
            {"file": _("The file cannot be read as an Excel workbook (XLSX).")}
        ) from error
    return rows


def _read_csv(content: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise ImportFileError({"file": _("The file cannot be read as a CSV text file.")})
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_rows(name: str, content: bytes) -> list[Row]:
    """The file's data rows, each with its values by column name. Raises ImportFileError."""
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in ("csv", "xlsx"):
        raise ImportFileError(
            {
                "file": _("Upload a CSV or XLSX file (the template's format), not «.%(kind)s».")
                % {"kind": kind or "?"}
            }
        )
    if len(content) > MAX_BYTES:
        raise ImportFileError({"file": _("The file is larger than 5 MB.")})
    if kind == "xlsx" and not content.startswith(b"PK"):
        raise ImportFileError({"file": _("The file cannot be read as an Excel workbook (XLSX).")})
    raw = _read_xlsx(content) if kind == "xlsx" else _read_csv(content)
    if not raw:
        raise ImportFileError({"file": _("The file is empty.")})
    names = _check_header(raw[0])
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        values = {name: _cell(cell) for name, cell in zip(names, cells, strict=False) if name}
        if not any(value not in ("", None) for value in values.values()):
            continue  # an empty line
        rows.append(Row(number=number, values=values))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            {"file": _("The file has more than %(n)s rows; split it.") % {"n": MAX_ROWS}}
        )
    if not rows:
        raise ImportFileError({"file": _("The file has no rows with measurements.")})
    return rows


# --- Checking the rows ------------------------------------------------------------------------


def _date(value):
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _decimal(value):
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def dry_run(rows: list[Row], user) -> DryRun:
    """Check every row without saving anything, in a fixed number of queries."""
    ids = set()
    for row in rows:
        raw = str(row.values.get(ID, "")).strip()
        if raw.isdigit():
            ids.add(int(raw))
    indicators = Indicator.objects.filter(
        pk__in=ids, benefit__in=perms.benefits_recordable_by(user)
    ).select_related("benefit")
    indicators = {indicator.pk: indicator for indicator in indicators}
    taken = set(
        Measurement.objects.filter(indicator_id__in=list(indicators)).values_list(
            "indicator_id", "period_end"
        )
    )
    seen = {}
    today = timezone.localdate()
    for row in rows:
        _check_row(row, indicators, taken, seen, today)
    return DryRun(rows=rows)


def _check_row(row, indicators, taken, seen, today):
    values, errors = row.values, row.errors
    raw_id = str(values.get(ID, "")).strip()
    if not raw_id:
        errors.append((ID, _("The indicator's number is missing.")))
    elif not raw_id.isdigit():
        errors.append((ID, _("«%(value)s» is not an indicator number.") % {"value": raw_id[:50]}))
    elif int(raw_id) not in indicators:
        errors.append(
            (
                ID,
                _("No indicator number %(value)s that you can record measurements on.")
                % {"value": raw_id},
            )
        )
    else:
        row.indicator = indicators[int(raw_id)]
    raw_period = values.get(PERIOD, "")
    if raw_period in ("", None):
        errors.append((PERIOD, _("The period's last day is missing.")))
    else:
        row.period_end = _date(raw_period)
        if row.period_end is None:
            errors.append((PERIOD, _("Write the date as 2025-12-31 or 31.12.2025.")))
        elif row.period_end > today:
            errors.append((PERIOD, _("The period cannot end in the future.")))
    for column in (TEXT, COMMENT):
        if len(str(values.get(column, ""))) > LONG_TEXT:
            errors.append(
                (column, _("At most %(n)s characters.") % {"n": f"{LONG_TEXT:,}".replace(",", " ")})
            )
    row.text = str(values.get(TEXT, ""))[:LONG_TEXT]
    row.comment = str(values.get(COMMENT, ""))[:LONG_TEXT]
    indicator = row.indicator
    if indicator is None:
        return
    raw_value = values.get(VALUE, "")
    if not indicator.is_qualitative and raw_value not in ("", None):
        row.value = _decimal(raw_value)
        if row.value is None or abs(row.value) >= Decimal(10) ** 12:
            errors.append(
                (
                    VALUE,
                    _("«%(value)s» is not a number; this indicator is measured in %(unit)s.")
                    % {"value": str(raw_value)[:50], "unit": indicator.get_unit_display().lower()},
                )
            )
            return
    try:
        indicator.check_value(row.value, row.text, field=VALUE)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                errors.append((VALUE if name == VALUE else TEXT, message))
    if row.period_end and row.period_end <= today:
        key = (indicator.pk, row.period_end)
        if key in taken:
            errors.append((PERIOD, _("This indicator already has a measurement for this period.")))
        elif key in seen:
            errors.append(
                (
                    PERIOD,
                    _("Row %(row)s of the file has the same indicator and period.")
                    % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.number


# --- Keeping the file between the dry run and the confirmation ---------------------------------


def store_upload(name: str, content: bytes) -> str:
    """Keep the file until the user confirms; returns its token."""
    kind = name.rsplit(".", 1)[-1].lower()
    token = f"{secrets.token_urlsafe(24)}.{kind}"
    default_storage.save(STORE + token, ContentFile(content))
    return token


def load_upload(token: str) -> bytes | None:
    if not token or "/" in token or ".." in token:
        return None
    path = STORE + token
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def discard_upload(token: str) -> None:
    if token and "/" not in token and ".." not in token:
        default_storage.delete(STORE + token)


# --- The import -----------------------------------------------------------------------------


@transaction.atomic
def import_rows(run: DryRun, user) -> int:
    """Save the measurements of a dry run without errors. A measurement awaits approval
    when its author may not approve on that benefit (a project leader), as in the form."""
    if not run.ok:
        raise ValidationError(_("Fix the rows with errors before you import."))
    approvable = set(perms.benefits_approvable_by(user).values_list("pk", flat=True))
    now = timezone.now()
    measurements = []
    for row in run.rows:
        approved = row.indicator.benefit_id in approvable
        measurements.append(
            Measurement(
                indicator=row.indicator,
                period_end=row.period_end,
                value=row.value,
                text=row.text,
                comment=row.comment,
                recorded_by=user,
                recorded_at=now,
                state=Measurement.State.APPROVED if approved else Measurement.State.AWAITING,
                approved_by=user if approved else None,
                approved_at=now if approved else None,
            )
        )
    bulk_create_with_history(measurements, Measurement, default_user=user)
    per_benefit = {}
    for row in run.rows:
        per_benefit[row.indicator.benefit_id] = per_benefit.get(row.indicator.benefit_id, 0) + 1
    events = [
        BenefitEvent(
            benefit_id=benefit_id,
            kind=BenefitEvent.Kind.MEASUREMENT,
            actor=user,
            note=_("%(n)s measurements imported from a file") % {"n": count},
        )
        for benefit_id, count in sorted(per_benefit.items())
    ]
    bulk_create_with_history(events, BenefitEvent, default_user=user)
    return len(measurements)


def template_rows(user):
    """The template's example rows: the indicators this person may record on."""
    indicators = (
        Indicator.objects.filter(benefit__in=perms.benefits_recordable_by(user))
        .select_related("benefit")
        .order_by("benefit__title", "name", "pk")
    )
    return [
        [indicator.pk, f"{indicator.benefit.title}: {indicator.name}", None, None, None, None]
        for indicator in indicators
    ]
