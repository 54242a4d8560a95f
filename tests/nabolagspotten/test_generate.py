"""The Nabolagspotten generator: the demo has a case in every status and is made once; the
bulk generator spreads cases over the years and statuses; and whatever it makes keeps the
model's rules (decisions, money, timeline, budget) the services keep."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from nabolagspotten.demo import (
    DEMO_BUDGETS,
    generate_applications,
    generate_demo,
    organisation_number,
)
from nabolagspotten.models import (
    Appeal,
    Application,
    ApplicationBudgetLine,
    Assessment,
    CaseEvent,
    Decision,
    FinalReport,
    ImpartialityDeclaration,
    Message,
    Payment,
    Repayment,
    Round,
    RoundArea,
)
from nabolagspotten.services import ledger
from nabolagspotten.services.workflow import ALLOWED, new_reference

pytestmark = pytest.mark.django_db

S = Application.Status
DECIDED = {S.GRANTED, S.PARTLY_GRANTED, S.REFUSED}
GRANTS = {S.GRANTED, S.PARTLY_GRANTED}


class _Undo(Exception):
    pass


def _visited(application) -> list[str]:
    return [e.to_status for e in application.events.all() if e.kind == CaseEvent.Kind.STATUS]


def assert_consistent(handler) -> None:
    """Every rule a case of its status must keep, for every generated application."""
    now = timezone.now()
    applications = Application.objects.select_related("round").prefetch_related(
        "budget_lines", "events", "decisions", "payments", "messages", "declarations",
        "assessments", "repayments", "appeals",
    )  # fmt: skip
    assert applications.exists()
    for app in applications:
        path = _visited(app)
        where = f"{app.reference} ({app.status}, path {path})"
        # The timeline: each move allowed by the workflow, ending in the case's status.
        previous = S.DRAFT
        for event in (e for e in app.events.all() if e.kind == CaseEvent.Kind.STATUS):
            assert event.from_status == previous, where
            assert event.to_status in ALLOWED[previous], where
            assert event.at <= now, where
            previous = event.to_status
        assert previous == app.status, where
        assert app.version == 1 + len(path), where
        # Budget lines sum to the amount applied for, between 2 000 and 50 000 kr.
        assert sum(line.amount for line in app.budget_lines.all()) == app.amount_requested, where
        assert 2_000 <= app.amount_requested <= 50_000, where
        # Submitted cases: when, and whether the applicant is new.
        if S.SUBMITTED in path:
            assert app.submitted_at is not None and app.first_time is not None, where
            assert app.read_privacy_notice and app.understands_public, where
            assert app.created_at <= app.submitted_at <= now, where
            if app.round.closes_on:
                assert timezone.localtime(app.submitted_at).date() <= app.round.closes_on, where
        else:
            assert app.submitted_at is None and app.first_time is None, where
        # Habilitet before the case was handled, by the handler.
        reviewed = S.IN_REVIEW in path
        declarations = list(app.declarations.all())
        assert bool(declarations) == reviewed, where
        assert all(d.handler_id == handler.pk and d.impartial for d in declarations), where
        # Decisions: one current, matching the case; an assessment for each decided case.
        current = [d for d in app.decisions.all() if d.superseded_at is None]
        decided = DECIDED & set(path)
        assert len(current) == (1 if decided else 0), where
        assert bool(app.assessments.all()) == bool(decided), where
        if decided:
            decision = current[0]
            assert decision.outcome == decided.pop(), where
            # A declined grant keeps its offer on the decision and 0 kr on the case.
            expected = 0 if S.DECLINED in path else decision.amount
            assert app.amount_granted == expected, where
            assert app.decided_at == decision.decided_at, where
            assert decision.decided_by_id == handler.pk, where
            if decision.letter_sent_at:
                day = timezone.localtime(decision.decided_at).date()
                assert decision.appeal_deadline >= day + timedelta(days=21), where
            if decision.outcome == Decision.Outcome.REFUSED:
                assert decision.amount == 0, where
            else:
                assert 0 < decision.amount <= min(app.amount_requested, app.round.max_grant)
                if decision.outcome == Decision.Outcome.GRANTED:
                    assert decision.amount == app.amount_requested, where
                else:
                    assert decision.amount < app.amount_requested, where
                assert decision.accept_deadline is not None, where
            answered = bool({S.ACCEPTED, S.DECLINED} & set(path))
            assert (decision.responded_at is not None) == answered, where
        else:
            assert app.amount_granted is None, where
        # Money out, and the final report.
        paid = sum(p.amount for p in app.payments.all())
        if S.PAID in path:
            assert paid == app.amount_granted, where
        else:
            assert paid == 0, where
        report = FinalReport.objects.filter(application=app).first()
        assert (report is not None) == (S.REPORTED in path), where
        repaid = sum(r.amount for r in app.repayments.all())
        if report:
            assert report.money_used <= paid, where
            assert repaid == paid - report.money_used, where
            assert app.starts_on <= app.ends_on <= timezone.localtime(report.submitted_at).date()
        else:
            assert repaid == 0, where
        # Messages: a request for information, and the answer.
        directions = [m.direction for m in app.messages.all()]
        asked = directions.count(Message.Direction.TO_APPLICANT)
        assert asked == path.count(S.INFO_REQUESTED), where
        answers = path.count(S.RESUBMITTED) + path.count(S.ANSWERED)
        assert directions.count(Message.Direction.FROM_APPLICANT) == answers, where
        # Closed and withdrawn cases say when.
        assert (app.closed_at is not None) == (app.status in (S.CLOSED, S.WITHDRAWN)), where
        assert all(a.decision.application_id == app.pk for a in app.appeals.all()), where
    # No round and area has more committed than its budget.
    for round_ in Round.objects.all():
        for area in ledger.round_ledger(round_):
            assert area.remaining >= 0, f"{round_} {area.round_area.area}: {area.remaining}"
    # Every row has its history.
    for model in (Application, ApplicationBudgetLine, Decision, Payment, Round, RoundArea):
        assert model.history.count() == model.objects.count(), model


# --- The demo -------------------------------------------------------------------------


@pytest.fixture
def demo(people):
    made = generate_demo(handler=people["case_handler"], leader=people["programme_leader"])
    return made


def test_the_demo_has_an_open_round_with_a_case_in_every_status(demo):
    today = timezone.localdate()
    open_round = Round.objects.get(year=today.year)
    assert open_round.is_open(today)
    statuses = set(open_round.applications.values_list("status", flat=True))
    assert statuses == set(S.values)
    budgets = {ra.area.slug: ra.budget for ra in open_round.areas.select_related("area")}
    assert budgets == {"lademoen": 150_000, "mollenberg": 150_000, "tempe-sorgenfri": 120_000}
    assert budgets == DEMO_BUDGETS
    assert demo.applications == Application.objects.count()


def test_the_demo_has_last_years_round_closed_with_published_grants(demo):
    today = timezone.localdate()
    last_year = Round.objects.get(year=today.year - 1)
    assert not last_year.is_open(today)
    assert set(last_year.applications.values_list("status", flat=True)) <= {S.CLOSED, S.WITHDRAWN}
    grants = last_year.applications.filter(status=S.CLOSED, amount_granted__gt=0)
    assert grants.filter(final_report__isnull=False).count() >= 5
    assert {a.area.slug for a in grants} == set(DEMO_BUDGETS)


def test_the_demo_handler_has_declared_impartiality_on_every_case_under_review(demo, people):
    handler = people["case_handler"]
    under_review = Application.objects.filter(
        status__in=[S.IN_REVIEW, S.INFO_REQUESTED, S.RESUBMITTED, *DECIDED]
    )
    assert under_review.count() >= 6
    for application in under_review:
        assert ImpartialityDeclaration.objects.filter(
            application=application, handler=handler, impartial=True
        ).exists(), application.reference
    # A case just sent in waits for the handler's declaration.
    submitted = Application.objects.filter(status=S.SUBMITTED)
    assert not ImpartialityDeclaration.objects.filter(application__in=submitted).exists()


def test_the_demo_keeps_every_rule(demo, people):
    assert_consistent(people["case_handler"])
    for model in (Application, Decision, Payment, FinalReport, Repayment, Assessment, Appeal):
        for instance in model.objects.all():
            instance.full_clean()


def test_the_demo_data_is_plausible_and_safe(demo):
    texts = " ".join(
        f"{a.applicant_name} {a.title} {a.location} {a.description} {a.contact_name} {a.email}"
        for a in Application.objects.all()
    )
    assert "<" not in texts and ">" not in texts
    assert "Lademoparken" in texts and "Møllenberg" in texts
    assert all(e.endswith(".example") for e in Application.objects.values_list("email", flat=True))
    # One area is nearly spent, so the handler sees the warning before the last kroner go.
    tempe = next(
        area
        for area in ledger.round_ledger(Round.objects.get(year=timezone.localdate().year))
        if area.round_area.area.slug == "tempe-sorgenfri"
    )
    assert tempe.is_low and tempe.remaining > 0
    # The refused case has an appeal waiting; the first-time share is neither 0 nor 1.
    assert Appeal.objects.filter(status=Appeal.Status.RECEIVED).exists()
    first_time = set(
        Application.objects.exclude(first_time=None).values_list("first_time", flat=True)
    )
    assert first_time == {True, False}


def test_the_demo_is_made_once(demo, people):
    counts = [m.objects.count() for m in (Round, Application, CaseEvent, Payment)]
    again = generate_demo(handler=people["case_handler"], leader=people["programme_leader"])
    assert again is None
    assert [m.objects.count() for m in (Round, Application, CaseEvent, Payment)] == counts


# --- The bulk generator ------------------------------------------------------------------


def test_it_spreads_applications_over_the_years_and_every_status(people):
    handler = people["case_handler"]
    made = generate_applications(applications=300, seed=3, handler=handler)
    assert made.applications == Application.objects.count() == 300
    assert set(made.by_status) == set(S.values)
    assert sum(made.by_status.values()) == 300
    years = set(Round.objects.values_list("year", flat=True))
    this_year = timezone.localdate().year
    assert set(range(this_year - 4, this_year)) <= years <= set(range(this_year - 4, this_year + 1))
    assert RoundArea.objects.count() == 3 * Round.objects.count()
    # Old rounds are finished; open work is in the newest rounds.
    long_ago = timezone.localdate() - timedelta(days=120)
    open_work = Application.objects.filter(status__in=Application.OPEN_STATUSES)
    assert open_work.exists()
    assert not open_work.filter(round__closes_on__lt=long_ago).exists()
    assert made.decisions == Decision.objects.count()
    assert made.payments == Payment.objects.count() > 0
    assert made.final_reports == FinalReport.objects.count() > 0


def test_what_it_makes_keeps_every_rule(people):
    handler = people["case_handler"]
    generate_applications(applications=400, seed=5, handler=handler, rounds_per_year=1)
    assert_consistent(handler)
    for model in (Application, Decision, Payment, FinalReport, Repayment, Round):
        for instance in model.objects.order_by("pk")[:60]:
            instance.full_clean()


def test_a_tight_budget_refuses_or_shrinks_grants_rather_than_over_commit(people):
    handler = people["case_handler"]
    generate_applications(applications=600, seed=8, handler=handler, years=2)
    for round_ in Round.objects.all():
        for area in ledger.round_ledger(round_):
            assert 0 <= area.committed <= area.budget
    # Somewhere the money ran out: a refusal says so.
    assert Decision.objects.filter(reasons__contains="brukt opp").exists()


def test_references_come_from_the_sequence_and_later_ones_do_not_collide(people):
    generate_applications(applications=50, seed=2, handler=people["case_handler"])
    references = list(Application.objects.values_list("reference", "round__year"))
    assert all(re.fullmatch(rf"NP-{year}-\d{{5,}}", ref) for ref, year in references)
    assert len({ref for ref, _year in references}) == 50
    assert new_reference(2026) not in {ref for ref, _year in references}


def test_organisation_numbers_have_a_valid_control_digit():
    import random

    rng = random.Random(4)
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    for _i in range(200):
        number = organisation_number(rng)
        digits = [int(d) for d in number]
        remainder = sum(d * w for d, w in zip(digits[:8], weights, strict=True)) % 11
        assert digits[8] == (0 if remainder == 0 else 11 - remainder)
    assert Application.objects.count() == 0


def _fingerprint() -> list:
    return list(
        Application.objects.order_by("pk").values_list(
            "title", "status", "applicant_name", "amount_requested", "amount_granted", "area__slug"
        )
    )


def _generate_and_undo(**kwargs) -> list:
    try:
        with transaction.atomic():
            generate_applications(**kwargs)
            fingerprint = _fingerprint()
            raise _Undo
    except _Undo:
        return fingerprint


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(people):
    handler = people["case_handler"]
    first = _generate_and_undo(applications=40, seed=11, handler=handler)
    again = _generate_and_undo(applications=40, seed=11, handler=handler)
    other = _generate_and_undo(applications=40, seed=12, handler=handler)
    assert first == again
    assert first != other


def test_the_totals_add_up_per_round(people):
    generate_applications(applications=200, seed=6, handler=people["case_handler"])
    for round_ in Round.objects.all():
        areas = ledger.round_ledger(round_)
        granted = (
            round_.applications.filter(status__in=Application.COMMITTED_STATUSES).aggregate(
                total=Sum("amount_granted")
            )["total"]
            or 0
        )
        assert sum(area.granted for area in areas) == granted
        assert sum(area.paid for area in areas) == (
            Payment.objects.filter(application__round=round_).aggregate(t=Sum("amount"))["t"] or 0
        )
