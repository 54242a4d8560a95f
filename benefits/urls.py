"""The benefits register's addresses, mounted at /gevinster/ (namespace `benefits`)."""

from django.urls import path

from benefits.views import benefits, exports, imports, maps, plans

app_name = "benefits"

urlpatterns = [
    path("", benefits.register, name="register"),
    path("eksport.<str:fmt>", exports.register_export, name="register_export"),
    path("malinger/eksport.<str:fmt>", exports.measurements_export, name="measurements_export"),
    path(
        "malinger/eksport/<str:export_id>/",
        exports.measurements_export_file,
        name="measurements_export_file",
    ),
    path("ny/", benefits.benefit_create, name="benefit_create"),
    path("<int:pk>/", benefits.benefit_detail, name="benefit"),
    path("<int:pk>/endre/", benefits.benefit_edit, name="benefit_edit"),
    path("<int:pk>/prioritet/", benefits.benefit_priority, name="benefit_priority"),
    path("<int:pk>/status/<slug:action>/", benefits.benefit_transition, name="benefit_transition"),
    path("<int:pk>/indikatorer/ny/", benefits.indicator_create, name="indicator_create"),
    path(
        "<int:pk>/indikatorer/<int:indicator_pk>/maling/",
        benefits.measurement_create,
        name="measurement_create",
    ),
    path(
        "<int:pk>/malinger/<int:measurement_pk>/godkjenn/",
        benefits.measurement_approve,
        name="measurement_approve",
    ),
    path(
        "<int:pk>/malinger/<int:measurement_pk>/dokumentasjon/",
        benefits.measurement_evidence,
        name="measurement_evidence",
    ),
    path("planer/", plans.plans, name="plans"),
    path("planer/ny/", plans.plan_create, name="plan_create"),
    path("planer/<int:pk>/", plans.plan_detail, name="plan"),
    path("planer/<int:pk>/endre/", plans.plan_edit, name="plan_edit"),
    path("planer/<int:pk>/send/", plans.plan_submit, name="plan_submit"),
    path(
        "planer/<int:pk>/versjoner/<int:number>/",
        plans.plan_submission,
        name="plan_submission",
    ),
    path(
        "planer/<int:pk>/versjoner/<int:number>/kommentar/",
        plans.plan_submission_comment,
        name="plan_submission_comment",
    ),
    path(
        "planer/<int:pk>/versjoner/<int:number>/vedtak/",
        plans.plan_submission_decide,
        name="plan_submission_decide",
    ),
    path(
        "planer/<int:pk>/versjoner/<int:number>/pdf/",
        plans.plan_submission_pdf,
        name="plan_submission_pdf",
    ),
    path("import/", imports.import_measurements, name="import"),
    path("import/bekreft/", imports.import_confirm, name="import_confirm"),
    path("import/mal.<slug:fmt>", imports.import_template, name="import_template"),
    path("kart/", maps.benefits_map_page, name="map"),
    path("laering/", maps.learning, name="learning"),
]
