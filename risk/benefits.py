"""What the risk registers show on a benefit's page: the risks that threaten or serve the
benefit or one of its indicators, and those that use one of its indicators as an early
warning. The benefits app cannot import risk (it sits below it); the top floor registers
`benefit_page_section` with `benefits.page_sections` by name. One query."""

from django.db.models import Q
from django.utils.translation import gettext as _

from benefits.page_sections import Link, Section
from risk.models import Risk
from risk.permissions import can_view_risks


def benefit_page_section(benefit, user) -> Section | None:
    if not can_view_risks(user):
        return None
    risks = (
        Risk.objects.filter(
            Q(benefit=benefit)
            | Q(indicator__benefit=benefit)
            | Q(warning_indicator__benefit=benefit)
        )
        .select_related("register__area", "register__project")
        .distinct()
        .order_by("status", "register_id", "number")
    )
    links = [
        Link(
            text=str(risk),
            url=risk.get_absolute_url(),
            note=f"{risk.get_kind_display()}, {risk.register}, {risk.get_status_display().lower()}",
        )
        for risk in risks
    ]
    return Section(
        heading=_("Risks"),
        key="risks",
        links=links,
        empty_text=_("No risk in the risk registers threatens or serves this benefit."),
    )
