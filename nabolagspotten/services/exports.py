"""The payments export for the finance system: the filtered payments as plain values, in
the request for a small list or built by a background task for a large one
(core.exports; `BACKGROUND_ROWS`)."""

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import export_build, export_store
from nabolagspotten.forms.followup import PaymentFilterForm
from nabolagspotten.models import Payment


def payments_filtered(query: QueryDict):
    """(form, filters, payments): the payments the filters in the address ask for (the
    caller checks who may see them), newest first."""
    form = PaymentFilterForm(query)
    filters = form.filters()
    payments = (
        Payment.objects.filter(**filters)
        .select_related("application__round", "application__area")
        .order_by("-paid_on", "-pk")
    )
    return form, filters, payments


def payments_export_headers() -> list[str]:
    return [
        _("Date"),
        _("Amount"),
        _("Reference"),
        _("Case number"),
        _("Recipient"),
        _("Organisation number"),
        _("Area"),
        _("Round name"),  # «Runde» (the finance system's column); «Round» is «Søknadsrunde»
    ]


def payments_export_rows(payments):
    """Plain values, one query and no model instances."""
    return payments.values_list(
        "paid_on",
        "amount",
        "reference",
        "application__reference",
        "application__applicant_name",
        "application__organisation_number",
        Coalesce("application__area__name", Value("")),
        "application__round__name",
    ).iterator(chunk_size=2000)


def payments_export_filename() -> str:
    return f"utbetalinger-{timezone.localdate().isoformat()}"


def payments_export_build(
    *, export_id: str, user_id: int, fmt: str, filename: str, language: str, query: str
) -> str:
    """Build and store a large export in the background (nabolagspotten.tasks), with the
    headers in the language of the user who asked for it."""

    def build():
        _form, _filters, payments = payments_filtered(QueryDict(query))
        return export_store(
            export_id=export_id,
            user_id=user_id,
            fmt=fmt,
            filename=filename,
            sheet=_("Payments"),
            headers=payments_export_headers(),
            rows=payments_export_rows(payments),
            total=payments.count(),
        )

    return export_build(language=language, build=build)
