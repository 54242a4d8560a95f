"""Nabolagspotten's whole map, mounted at /nabolagspotten/ (namespace `nabolagspotten`):
the public pages, the applicant's own pages under their case number (reached through the
personal link), and the staff's pages, with everything about one case under
`behandling/<case number>/`."""

from django.urls import include, path

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

# The applicant's own application: /soknad/<case number>/...
applicant_urls = [
    path("", applicant.applicant_page, name="applicant_page"),
    path("steg/<int:step>/", applicant.apply_step, name="apply_step"),
    path("send/", applicant.applicant_submit, name="applicant_submit"),
    path("trekk/", applicant.applicant_withdraw, name="applicant_withdraw"),
    path("melding/", applicant.applicant_message, name="applicant_message"),
    path("forlat/", applicant.applicant_leave, name="applicant_leave"),
    path("vedlegg/<str:token>/", applicant.applicant_attachment, name="applicant_attachment"),
    path(
        "vedlegg/<str:token>/slett/",
        applicant.applicant_attachment_delete,
        name="applicant_attachment_delete",
    ),
    path("vedtaksbrev.pdf", applicant_decision.applicant_letter, name="applicant_letter"),
    path("svar/", applicant_decision.applicant_respond, name="applicant_respond"),
    path("klage/", applicant_decision.applicant_appeal, name="applicant_appeal"),
    path("sluttrapport/", applicant_report.applicant_report, name="applicant_report"),
]

# One case, for the staff: /behandling/<case number>/...
case_urls = [
    path("", cases.case_detail, name="case"),
    path("habilitet/", cases.case_impartiality, name="case_impartiality"),
    path("ta-til-behandling/", cases.case_start, name="case_start"),
    path("vurdering/", cases.case_assess, name="case_assess"),
    path("kommentar/", cases.case_comment, name="case_comment"),
    path("be-om-informasjon/", cases.case_request_info, name="case_request_info"),
    path("vedtak/", cases.case_decide, name="case_decide"),
    path("vedtaksbrev.pdf", cases.case_letter, name="case_letter"),
    path("klage/ny/", cases.case_appeal_register, name="case_appeal_register"),
    path("klage/<int:pk>/", cases.case_appeal, name="case_appeal"),
    path("vedlegg/<str:token>/", cases.case_attachment, name="case_attachment"),
    path("trekk-tilbake-lenker/", cases.case_revoke_links, name="case_revoke_links"),
    path("utbetaling/", followup.case_payment, name="case_payment"),
    path("tilbakebetaling/<int:pk>/", followup.repayment_settle, name="repayment_settle"),
    path("avslutt/", followup.case_close, name="case_close"),
]

# Rounds and statistics, for every staff member: /runder/...
round_urls = [
    path("", rounds.round_list, name="rounds"),
    path("ny/", rounds.round_create_view, name="round_create"),
    path("<int:pk>/", rounds.round_detail, name="round"),
    path("<int:pk>/endre/", rounds.round_edit, name="round_edit"),
]

urlpatterns = [
    # Public: no login.
    path("", public.public_home, name="public_home"),
    path("kan-vi-soke/", public.eligibility, name="eligibility"),
    path("sok/", public.apply_start, name="apply_start"),
    # The personal link is lenke/#<token>: the token never reaches the server in a URL.
    path("lenke/", public.open_link, name="open_link"),
    path("ny-lenke/", public.request_link, name="request_link"),
    path("bekreft-epost/", public.confirm_email, name="confirm_email"),
    path("personvern/", public.privacy_notice, name="privacy_notice"),
    path("tildelinger/", public.grants, name="grants"),
    path("soknad/<str:reference>/", include(applicant_urls)),
    # Staff.
    path("oversikt/", cases.staff_home, name="staff_home"),
    path("behandling/", cases.case_list, name="cases"),
    path("behandling/klager/", cases.appeal_list, name="appeals"),
    path("behandling/<str:reference>/", include(case_urls)),
    path("utbetalinger/", followup.payment_list, name="payments"),
    path("utbetalinger/eksport.<str:fmt>", followup.payments_export, name="payments_export"),
    path(
        "utbetalinger/eksport/<str:export_id>/",
        followup.payments_export_file,
        name="payments_export_file",
    ),
    path("runder/", include(round_urls)),
    path("statistikk/", rounds.statistics_view, name="statistics"),
]
