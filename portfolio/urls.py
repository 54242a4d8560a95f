"""The portfolio's addresses, mounted at /program/ (namespace `portfolio`)."""

from django.urls import include, path

from portfolio.views import lessons, overview, plans, projects, structure

app_name = "portfolio"

project_patterns = [
    path("", projects.project_detail, name="project"),
    path("endre/", projects.project_edit, name="project_edit"),
    path("kriterier/<int:number>/", projects.project_assess, name="project_assess"),
    path("eierskap/", projects.project_accept_ownership, name="project_accept_ownership"),
    path("status/<slug:action>/", projects.project_transition, name="project_transition"),
    path("budsjett/ny/", projects.budget_line_create, name="budget_line_create"),
    path("budsjett/<int:line_pk>/", projects.budget_line_edit, name="budget_line_edit"),
    path("statusrapport/ny/", projects.status_report_create, name="status_report_create"),
    path("partnere/ny/", projects.partner_create, name="partner_create"),
    path("partnere/<int:partner_pk>/fjern/", projects.partner_delete, name="partner_delete"),
]

submission_patterns = [
    path("", plans.submission, name="submission"),
    path("kommentar/", plans.submission_comment, name="submission_comment"),
    path("vedtak/", plans.submission_decide, name="submission_decide"),
    path("pdf/", plans.submission_pdf, name="submission_pdf"),
]

plan_patterns = [
    path("", plans.plan, name="plan"),
    path("endre/", plans.plan_edit, name="plan_edit"),
    path("send/", plans.plan_submit, name="plan_submit"),
    path("endringer/", plans.plan_diff, name="plan_diff"),
    path("versjon/<int:number>/", include(submission_patterns)),
]

lesson_patterns = [
    path("", lessons.lesson_detail, name="lesson"),
    path("endre/", lessons.lesson_edit, name="lesson_edit"),
    path("status/", lessons.lesson_status, name="lesson_status"),
]

urlpatterns = [
    # The programme's structure: goals, strategies, focus areas, levels, criteria.
    path("", structure.structure, name="structure"),
    # The overview of the whole portfolio, and the same list as a file.
    path("portefolje/", overview.overview, name="overview"),
    path(
        "portefolje/eksport.xlsx", overview.overview_export, {"fmt": "xlsx"}, name="overview_xlsx"
    ),
    path("portefolje/eksport.csv", overview.overview_export, {"fmt": "csv"}, name="overview_csv"),
    path(
        "portefolje/eksport/<str:export_id>/",
        overview.overview_export_file,
        name="overview_export_file",
    ),
    # Projects: a proposal, then one project and everything on its page.
    path("prosjekter/ny/", projects.project_create, name="project_create"),
    path("prosjekter/<int:pk>/", include(project_patterns)),
    # Annual action plans, their versions as sent to the board, and the board's decisions.
    path("handlingsplaner/", plans.plans, name="plans"),
    path("handlingsplaner/ny/", plans.plan_create, name="plan_create"),
    path("handlingsplaner/<int:year>/", include(plan_patterns)),
    # Lessons learned, and «lærdommer så langt» for the board.
    path("laerdommer/", lessons.lesson_list, name="lessons"),
    path("laerdommer/ny/", lessons.lesson_create_view, name="lesson_create"),
    path("laerdommer/sa-langt/", lessons.lesson_so_far, name="lessons_so_far"),
    path("laerdommer/<int:pk>/", include(lesson_patterns)),
]
