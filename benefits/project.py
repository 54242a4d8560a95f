"""What the benefits register adds to the project page (`project_sections`), called by
name from the top floor (`omradesatsing.context_processors.page_sections`), since the
portfolio, one floor below, cannot import the benefits.

The section lists the benefits the project contributes to, each with its contribution
(direct or indirect), owning unit, status and how its indicators stand. A fixed number of
queries whatever the number of benefits. Under the table: the project's
benefit-realisation plan (`project.benefit_plan`) with its state and a link to it, or that
it has none yet (one query more, whatever the number of benefits).
"""

from collections import Counter

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from benefits import permissions as perms
from benefits.models import BenefitContribution, BenefitPlan, Indicator
from benefits.services.status import indicator_status
from core.panels import Section


def project_sections(project_id: int, user) -> list[Section]:
    if not perms.can_view_benefits(user):
        return []
    contributions = list(
        BenefitContribution.objects.filter(project_id=project_id)
        .select_related("benefit__owner_unit")
        .prefetch_related(
            Prefetch(
                "benefit__indicators",
                queryset=Indicator.objects.prefetch_related("baselines", "targets", "measurements"),
            )
        )
        .order_by("benefit__title", "benefit_id")
    )
    rows = []
    for contribution in contributions:
        benefit = contribution.benefit
        counts = Counter(indicator_status(i) for i in benefit.indicators.all())
        rows.append(
            {
                "benefit": benefit,
                "contribution": contribution.get_kind_display(),
                "indicators": [
                    (Indicator.Judgement(status).label, counts[status])
                    for status in Indicator.Judgement.values
                    if counts[status]
                ],
                "without_status": counts[None],
            }
        )
    plan = BenefitPlan.objects.filter(project_id=project_id).only("pk", "status", "version").first()
    return [
        Section(
            heading=_("Benefits"),
            template="benefits/includes/project_benefits.html",
            key="benefits",
            context={
                "rows": rows,
                "register_url": reverse("benefits:register"),
                "can_create": perms.can_create_benefit(user),
                "create_url": reverse("benefits:benefit_create"),
                "plan": plan,
                "plans_url": reverse("benefits:plans"),
                "can_create_plan": plan is None and perms.can_create_plan(user),
            },
        )
    ]
