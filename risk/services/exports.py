"""A register (with those beneath it for the roll-up) as a file: in the request for a
register of tens or hundreds of risks, built by a background task for a roll-up of
thousands (core.exports; `BACKGROUND_ROWS`; the programme's roll-up of 6,000 risks took
2.7 s)."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import export_build, export_store
from risk.models import Register, Risk
from risk.services import registers_beneath


def register_risks(register: Register, *, rolled_up: bool) -> QuerySet:
    """The register's risks (with those of the registers beneath it when `rolled_up`), in
    the export's order; the caller checks who may see them."""
    registers = registers_beneath(register) if rolled_up else [register]
    return (
        Risk.objects.select_related("register__area", "register__project", "ros_area", "owner")
        .filter(register__in=registers)
        .order_by("register_id", "number")
    )


def register_export_headers() -> list[str]:
    return [
        _("Reference"),
        _("Register"),
        _("Title"),
        _("Kind"),
        _("ROS area"),
        _("Cause"),
        _("Event"),
        _("Effect"),
        _("Owner"),
        _("Inherent"),
        _("Current"),
        _("After actions"),
        _("Target"),
        _("Response"),
        _("Status"),
        _("Next review"),
        _("Exempt from public access"),
    ]


def _pair(likelihood, consequence) -> str:
    return f"{likelihood}×{consequence}" if likelihood and consequence else ""


def register_export_rows(risks: QuerySet):
    """One row per risk (lazy: the risks are read when the first row is asked for)."""
    for risk in risks.iterator(chunk_size=2000):
        yield [
            risk.reference,
            str(risk.register),
            risk.title,
            risk.get_kind_display(),
            risk.ros_area.name,
            risk.cause,
            risk.event,
            risk.effect,
            str(risk.owner),
            _pair(risk.inherent_likelihood, risk.inherent_consequence),
            _pair(risk.current_likelihood, risk.current_consequence),
            _pair(risk.forecast_likelihood, risk.forecast_consequence),
            _pair(risk.target_likelihood, risk.target_consequence),
            risk.get_response_display(),
            risk.get_status_display(),
            risk.next_review_on,
            risk.exemption_basis if risk.exempt_from_public else "",
        ]


def register_export_filename(register: Register) -> str:
    return f"risiko-{register.pk}-{timezone.localdate().isoformat()}"


def register_export_build(
    *,
    export_id: str,
    user_id: int,
    fmt: str,
    filename: str,
    language: str,
    register_id: int,
    rolled_up: bool,
) -> str:
    """Build and store a large register export in the background (risk.tasks)."""

    def build():
        register = Register.objects.get(pk=register_id)
        risks = register_risks(register, rolled_up=rolled_up)
        return export_store(
            export_id=export_id,
            user_id=user_id,
            fmt=fmt,
            filename=filename,
            sheet=_("Risks"),
            headers=register_export_headers(),
            rows=register_export_rows(risks),
            total=risks.count(),
        )

    return export_build(language=language, build=build)
