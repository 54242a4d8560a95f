"""The measurements export (all measurements of the register's filtered benefits): plain
values in a fixed number of queries, in the request for a small register or built by a
background task for a large one (core.exports; `BACKGROUND_ROWS`)."""

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits.forms import RegisterFilterForm
from benefits.models import Benefit, Indicator, Measurement
from core.exports import export_build, export_store


def benefits_filtered(query: QueryDict) -> QuerySet:
    """The benefits the register's filters in the address ask for (the caller checks who
    may see them)."""
    form = RegisterFilterForm(query)
    return Benefit.objects.filter(**form.filters()).distinct()


def label(choices):
    labels = dict(choices)
    return lambda value: str(labels.get(value, value or ""))


def measurements_filtered(query: QueryDict) -> QuerySet:
    return Measurement.objects.filter(
        indicator__benefit__in=benefits_filtered(query).values("pk")
    ).order_by("indicator__benefit__title", "indicator__name", "indicator_id", "period_end")


def measurements_export_headers() -> list[str]:
    return [
        _("Benefit no."),
        _("Benefit"),
        _("Indicator"),
        _("Unit of measure"),
        _("Period (last day)"),
        _("Value"),
        _("Qualitative text"),
        _("Comment"),
        _("State"),
        _("Recorded by"),
        _("Recorded"),
    ]


def measurements_export_rows(measurements: QuerySet):
    """Plain values, one query and no model instances; labels in the active language."""
    unit = label(Indicator.Unit.choices)
    state = label(Measurement.State.choices)
    rows = measurements.values_list(
        "indicator__benefit_id",
        "indicator__benefit__title",
        "indicator__name",
        "indicator__unit",
        "period_end",
        "value",
        "text",
        "comment",
        "state",
        "recorded_by__full_name",
        "recorded_at",
    ).iterator(chunk_size=2000)
    for benefit_pk, benefit, indicator, u, period, value, text, comment, st, by, at in rows:
        yield (
            benefit_pk,
            benefit,
            indicator,
            unit(u),
            period,
            float(value) if value is not None else None,
            text,
            comment,
            state(st),
            by,
            at,
        )


def measurements_export_filename() -> str:
    return f"gevinster-malinger-{timezone.localdate().isoformat()}"


def measurements_export_build(
    *, export_id: str, user_id: int, fmt: str, filename: str, language: str, query: str
) -> str:
    """Build and store a large measurements export in the background (benefits.tasks)."""

    def build():
        measurements = measurements_filtered(QueryDict(query))
        return export_store(
            export_id=export_id,
            user_id=user_id,
            fmt=fmt,
            filename=filename,
            sheet=_("Measurements"),
            headers=measurements_export_headers(),
            rows=measurements_export_rows(measurements),
            total=measurements.count(),
        )

    return export_build(language=language, build=build)
