from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def navigation(request):
    """The header's links for this user: only what their role may open."""
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items.append({"url": reverse("home"), "label": _("My page"), "name": "home"})
        if user.is_programme_staff or user.is_superuser:
            items.append(
                {
                    "url": reverse("portfolio:structure"),
                    "label": _("The programme"),
                    "name": "structure",
                }
            )
        if user.is_staff:
            items.append(
                {"url": reverse("admin:index"), "label": _("Administration"), "name": "admin"}
            )
    current = getattr(getattr(request, "resolver_match", None), "url_name", None)
    for item in items:
        item["current"] = item["name"] == current
    return {"navigation": items}
