"""Permissions for the annual action plans: every member of programme staff reads them; the
programme leader writes and sends them; the board (and the programme leader) comment; the
board decides."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.permission_table.base import LOGIN, NOT_FOUND  # noqa: F401

READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
PROGRAMME_LEADER_ONLY = {"anonymous": LOGIN, "programme_leader": 302, "default": 403}


def _plan(people, year=2027):
    from tests.factories import ActionPlanFactory

    return ActionPlanFactory(year=year, created_by=people["programme_leader"])


def _submission(people, **decision):
    from portfolio.models import PlanSubmission

    plan = _plan(people)
    submission = PlanSubmission.objects.create(
        plan=plan,
        number=1,
        content={
            "year": 2027,
            "introduction": "Innledning",
            "priorities": [],
            "projects": [],
            "totals": {"by_source": {}, "by_area": [], "total": 0},
        },
        submitted_by=people["programme_leader"],
        **decision,
    )
    plan.status = decision.get("decision") or "sendt"
    plan.save()
    return submission


def _plan_year(people):
    return {"year": _plan(people).year}


def _submission_kwargs(people):
    submission = _submission(people)
    return {"year": submission.plan.year, "number": submission.number}


def _approved_submission_kwargs(people):
    submission = _submission(
        people,
        decision="godkjent",
        meeting_date=datetime.date(2026, 1, 10),
        decision_text="Planen er godkjent.",
        decided_by=people["board_member"],
    )
    # The PDF as the background task stores it (its making is tested in test_plans_pdf).
    submission.pdf.save("handlingsplan.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"year": submission.plan.year, "number": submission.number}


def _decision(people):
    return {
        "decision": "godkjent",
        "meeting_date": timezone.localdate().isoformat(),
        "decision_text": "Programstyret godkjenner planen.",
    }


# name: (kwargs, method, data, {person: expected status or LOGIN})
TABLE = {
    "portfolio:plans": ({}, "get", None, READ),
    "portfolio:plan_create": (
        {},
        "post",
        {"year": 2028, "introduction": "Innledning"},
        PROGRAMME_LEADER_ONLY,
    ),
    "portfolio:plan": (_plan_year, "get", None, READ),
    "portfolio:plan_edit": (
        _plan_year,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "default": 403},
    ),
    # An empty plan is refused with a message; the programme leader is sent back to the plan.
    "portfolio:plan_submit": (_plan_year, "post", None, PROGRAMME_LEADER_ONLY),
    "portfolio:plan_diff": (_plan_year, "get", None, READ),
    "portfolio:submission": (_submission_kwargs, "get", None, READ),
    "portfolio:submission_comment": (
        _submission_kwargs,
        "post",
        {"text": "En kommentar."},
        {"anonymous": LOGIN, "programme_leader": 302, "board_member": 302, "default": 403},
    ),
    "portfolio:submission_decide": (
        _submission_kwargs,
        "post",
        _decision,
        {"anonymous": LOGIN, "board_member": 302, "default": 403},
    ),
    "portfolio:submission_pdf": (_approved_submission_kwargs, "get", None, READ),
}
