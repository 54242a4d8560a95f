"""The reports' addresses (namespace `reports`): the staff pages under /rapporter/, and the
public page of published annual reports under /program/arsrapporter/."""

from django.urls import include, path

from reports import views

app_name = "reports"

report_patterns = [
    path("", views.report_detail, name="report"),
    path("sammendrag/", views.report_summary, name="report_summary"),
    path("prov-igjen/", views.report_retry, name="report_retry"),
    path("publiser/", views.report_publish, name="report_publish"),
    path("offentlig.pdf", views.report_public_pdf, name="report_public_pdf"),
    path(
        "offentlig-pdf/prov-igjen/",
        views.report_public_pdf_retry,
        name="report_public_pdf_retry",
    ),
    path("fil/<slug:fmt>/", views.report_file, name="report_file"),
]

urlpatterns = [
    path("rapporter/", views.report_list, name="list"),
    path("rapporter/bestill/<slug:kind>/", views.report_order, name="order"),
    path("rapporter/<int:pk>/", include(report_patterns)),
    path("program/arsrapporter/", views.public_reports, name="public_list"),
    path(
        "program/arsrapporter/<int:year>/versjon-<int:number>.pdf",
        views.public_report_pdf,
        name="public_pdf",
    ),
]
