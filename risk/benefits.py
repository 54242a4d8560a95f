"""What the risk registers show on a benefit's page: the risks that threaten or serve the
benefit or one of its indicators, and those that use one of its indicators as an early
warning. The benefits app cannot import risk (it sits below it): the top floor calls
`benefit_sections` by name from its table of page sections
(`omradesatsing.context_processors.PAGE_SECTIONS`), as it calls `benefits.project` for the
project page. One query."""

from django.db.models import Q
from django.utils.translation import gettext as _

from core.panels import Section
from risk.models import Risk
from risk.permissions import can_view_risks


def benefit_sections(benefit_id, user) -> list[Section]:
    if not can_view_risks(user):
        return []
    risks = (
        Risk.objects.filter(
            Q(benefit_id=benefit_id)
            | Q(indicator__benefit_id=benefit_id)
            | Q(warning_indicator__benefit_id=benefit_id)
        )
        .select_related("register__area", "register__project")
        .distinct()
        .order_by("status", "register_id", "number")
    )
    rows = [
        {
            "text": str(risk),
            "url": risk.get_absolute_url(),
            "note": (
                f"{risk.get_kind_display()}, {risk.register}, {risk.get_status_display().lower()}"
            ),
        }
        for risk in risks
    ]
    return [
        Section(
            heading=_("Risks"),
            template="risk/includes/benefit_section.html",
            key="risks",
            context={"risks": rows},
        )
    ]
