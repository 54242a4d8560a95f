from django.urls import path

from portfolio.views import lessons, overview, plans, projects, structure

app_name = "portfolio"

urlpatterns = [
    path("", structure.structure, name="structure"),
    *projects.urlpatterns,
    *overview.urlpatterns,
    *plans.urlpatterns,
    *lessons.urlpatterns,
]
