from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

import benefits.project
import risk.benefits
from core.permissions import is_programme_staff

# (URL name, label, the prefixes of the namespaced URL names that belong to the section,
# for aria-current)
STAFF_SECTIONS = [
    ("programme_overview", _("Programme overview"), ("programme_overview",)),
    ("portfolio:overview", _("Portfolio"), ("portfolio:overview", "portfolio:project")),
    ("portfolio:plans", _("Action plans"), ("portfolio:plan", "portfolio:submission")),
    ("portfolio:lessons", _("Lessons learned"), ("portfolio:lesson",)),
    ("benefits:register", _("Benefits"), ("benefits:",)),
    ("risk:registers", _("Risks"), ("risk:",)),
    ("reports:list", _("Reports"), ("reports:list", "reports:order", "reports:report")),
    ("portfolio:structure", _("The programme"), ("portfolio:structure",)),
    ("nabolagspotten:staff_home", _("Nabolagspotten"), ("nabolagspotten:",)),
]


def navigation(request):
    """The header's links for this user: only what their role may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    match = getattr(request, "resolver_match", None)
    current = getattr(match, "url_name", None) or ""
    if getattr(match, "namespace", ""):
        current = f"{match.namespace}:{current}"
    items = [{"url": reverse("home"), "label": _("My page"), "current": current == "home"}]
    if is_programme_staff(user):
        for name, label, section in STAFF_SECTIONS:
            items.append(
                {"url": reverse(name), "label": label, "current": current.startswith(section)}
            )
    if user.is_staff:
        items.append(
            {"url": reverse("admin:index"), "label": _("Administration"), "current": False}
        )
    return {"navigation": items}


# The sections apps above the portfolio add to its pages, by the page's URL name: each
# function is an app's small public module, called by name (as home.py), and returns a list
# of core.panels.Section. The portfolio's template includes them; it imports nothing above.
PAGE_SECTIONS = {
    "portfolio:project": [benefits.project.project_sections],
    "benefits:benefit": [risk.benefits.benefit_sections],
}


def page_sections(request):
    """`page_sections` for a page of a lower floor that has sections from above, computed
    only if the template uses it."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    makers = PAGE_SECTIONS.get(getattr(match, "view_name", None) or "")
    if not makers or user is None or not user.is_authenticated:
        return {}
    pk = match.kwargs.get("pk")
    return {
        "page_sections": SimpleLazyObject(
            lambda: [section for make in makers for section in make(pk, user)]
        )
    }
