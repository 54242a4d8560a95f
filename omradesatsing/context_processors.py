from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (URL name, label, the URL names that belong to the section, for aria-current)
STAFF_SECTIONS = [
    ("portfolio:overview", _("Portfolio"), ("overview", "project")),
    ("portfolio:plans", _("Action plans"), ("plan", "submission")),
    ("portfolio:lessons", _("Lessons learned"), ("lesson",)),
    ("portfolio:structure", _("The programme"), ("structure",)),
]


def navigation(request):
    """The header's links for this user: only what their role may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    current = getattr(getattr(request, "resolver_match", None), "url_name", None) or ""
    items = [{"url": reverse("home"), "label": _("My page"), "current": current == "home"}]
    if user.is_programme_staff or user.is_superuser:
        for name, label, section in STAFF_SECTIONS:
            items.append(
                {"url": reverse(name), "label": label, "current": current.startswith(section)}
            )
    if user.is_staff:
        items.append(
            {"url": reverse("admin:index"), "label": _("Administration"), "current": False}
        )
    return {"navigation": items}
