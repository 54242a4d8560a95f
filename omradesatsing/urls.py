"""The URL root: the home and help pages, and each app's own map under its prefix."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from omradesatsing import views

handler500 = "omradesatsing.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    path("personvern/", views.privacy, name="privacy"),
    path("helse/", views.health, name="health"),
    path("sprak/", set_language, name="set_language"),
    path("programoversikt/", views.programme_overview, name="programme_overview"),
    path("", include("reports.urls")),  # /rapporter/ and /program/arsrapporter/
    path("program/", include("portfolio.urls")),
    path("nabolagspotten/", include("nabolagspotten.urls")),
    path("gevinster/", include("benefits.urls")),
    path("risiko/", include("risk.urls")),
    path("admin/", admin.site.urls),
]
