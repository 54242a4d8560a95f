"""Nabolagspotten's addresses, mounted at /nabolagspotten/ (namespace `nabolagspotten`).
Each views module exports its own `urlpatterns`."""

from nabolagspotten.views import (
    applicant,
    applicant_decision,
    applicant_report,
    cases,
    followup,
    public,
    rounds,
)

app_name = "nabolagspotten"

urlpatterns = [
    *public.urlpatterns,
    *applicant.urlpatterns,
    *applicant_decision.urlpatterns,
    *applicant_report.urlpatterns,
    *cases.urlpatterns,
    *followup.urlpatterns,
    *rounds.urlpatterns,
]
