"""The benefits register's addresses, mounted at /gevinster/ (namespace `benefits`)."""

from django.urls import path

from benefits.views import benefits, exports

app_name = "benefits"

urlpatterns = [
    path("", benefits.register, name="register"),
    path("eksport.<str:fmt>", exports.register_export, name="register_export"),
    path("malinger/eksport.<str:fmt>", exports.measurements_export, name="measurements_export"),
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
]
