"""The risk registers' addresses, mounted at /risiko/ (namespace `risk`)."""

from django.urls import include, path

from risk.views import registers, risks, snapshots

app_name = "risk"

risk_patterns = [
    path("", risks.risk_detail, name="risk"),
    path("endre/", risks.risk_edit, name="risk_edit"),
    path("gjennomgang/", risks.risk_review_view, name="risk_review"),
    path("aksepter/", risks.risk_accept_view, name="risk_accept"),
    path("lukk/", risks.risk_close_view, name="risk_close"),
    path("eskaler/", risks.risk_escalate_view, name="risk_escalate"),
    path("deleger/", risks.risk_delegate_view, name="risk_delegate"),
    path("tiltak/ny/", risks.action_create_view, name="action_create"),
]

urlpatterns = [
    path("", registers.register_list, name="registers"),
    path("nivaer.css", registers.level_styles, name="level_styles"),
    path("register/<int:pk>/", registers.register_detail, name="register"),
    path("register/<int:pk>/eksport.<slug:fmt>", registers.register_export, name="register_export"),
    path(
        "register/<int:pk>/eksport/<str:export_id>/",
        registers.register_export_file,
        name="register_export_file",
    ),
    path("register/<int:pk>/pdf/", registers.register_pdf_create, name="register_pdf_create"),
    path("pdf/<int:pk>/", registers.register_pdf, name="register_pdf"),
    path("register/<int:pk>/ny/", risks.risk_create_view, name="risk_create"),
    path("prosjekt/<int:project_pk>/ny/", risks.project_risk_create, name="project_risk_create"),
    path("<int:pk>/", include(risk_patterns)),
    path("styret/", snapshots.snapshot_list, name="snapshots"),
    path("styret/ny/", snapshots.snapshot_create, name="snapshot_create"),
    path("styret/<int:number>/", snapshots.snapshot_detail, name="snapshot"),
]
