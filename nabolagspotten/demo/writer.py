"""Writing the planned cases: every row a case of that status has gathered, in bulk
(`bulk_create_with_history` for the audited models, so every row has its history)."""

import random
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.formatting import kroner
from nabolagspotten.demo.plans import BY_APPLICANT, DECISIONS, Generated, Plan
from nabolagspotten.demo.words import (
    ASSESSMENT,
    COMMENTS,
    CONDITIONS,
    INFO_ANSWER,
    INFO_REQUEST,
    PARTNERS,
    REASONS,
    REFUSED_NO_MONEY,
    REPORTS,
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
    InternalComment,
    Message,
    Payment,
    Repayment,
    Round,
    RoundArea,
)
from nabolagspotten.services.deadlines import appeal_deadline

S = Application.Status
Outcome = Decision.Outcome
BATCH = 2_000


@contextmanager
def times_as_given(models):
    """Let `created_at`-style fields keep the times the generator gives them (they are set
    to now on save otherwise). Only while generating, in this process."""
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _references(years: list[int]) -> list[str]:
    """Case numbers from the same sequence as `workflow.new_reference`, so later
    applications never collide with these."""
    if not years:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval('nabolagspotten_reference_seq') FROM generate_series(1, %s)",
            [len(years)],
        )
        numbers = sorted(row[0] for row in cursor.fetchall())
    return [f"NP-{year}-{number:05d}" for year, number in zip(years, numbers, strict=True)]


def write_rounds(rounds: list[Round], budgets: dict, leader, now) -> None:
    for round_ in rounds:
        round_.created_at = timezone.make_aware(
            datetime.combine(round_.opens_on - timedelta(days=20), time(9))
        )
        round_._history_date = min(round_.created_at, now)
        round_._history_user = leader
    bulk_create_with_history(rounds, Round, batch_size=BATCH)
    areas = []
    for round_ in rounds:
        for area, budget in budgets[round_.name, round_.year].items():
            row = RoundArea(round=round_, area=area, budget=budget)
            row._history_date = round_._history_date
            row._history_user = leader
            areas.append(row)
    bulk_create_with_history(areas, RoundArea, batch_size=BATCH)


class Writer:
    """Turns plans into rows, and writes them in bulk."""

    def __init__(self, rng: random.Random, handler, now: datetime):
        self.rng, self.handler, self.now = rng, handler, now
        self.rows = {model: [] for model in self.MODELS}

    MODELS = [
        ApplicationBudgetLine,
        ImpartialityDeclaration,
        Assessment,
        Decision,
        Payment,
        FinalReport,
        Repayment,
        InternalComment,
        Message,
        CaseEvent,
    ]
    WITH_HISTORY = {
        ApplicationBudgetLine,
        ImpartialityDeclaration,
        Assessment,
        Decision,
        Payment,
        FinalReport,
        Repayment,
        InternalComment,
    }

    def write(self, plans: list[Plan]) -> Generated:
        self._first_time(plans)
        applications = [self._application(plan) for plan in plans]
        for application, reference in zip(
            applications, _references([plan.round.year for plan in plans]), strict=True
        ):
            application.reference = reference
        bulk_create_with_history(applications, Application, batch_size=BATCH)
        decisions = []
        for plan, application in zip(plans, applications, strict=True):
            decision = self._related(plan, application)
            if decision is not None:
                decisions.append((plan, application, decision))
        bulk_create_with_history(
            [d for _p, _a, d in decisions], Decision, batch_size=BATCH, default_user=self.handler
        )
        self.rows[Appeal] = [
            self._appeal(plan, application, decision)
            for plan, application, decision in decisions
            if plan.appeal
        ]
        for model in [*self.MODELS, Appeal]:
            if model is Decision:
                continue
            rows = self.rows.get(model, [])
            if model in self.WITH_HISTORY or model is Appeal:
                bulk_create_with_history(rows, model, batch_size=BATCH)
            else:
                model.objects.bulk_create(rows, batch_size=BATCH)
        counts = {}
        for plan in plans:
            status = str(S(plan.status).value)
            counts[status] = counts.get(status, 0) + 1
        return Generated(
            applications=len(applications),
            by_status=counts,
            decisions=len(decisions),
            payments=len(self.rows[Payment]),
            final_reports=len(self.rows[FinalReport]),
            events=len(self.rows[CaseEvent]),
        )

    def _first_time(self, plans: list[Plan]) -> None:
        submitted = sorted((p for p in plans if S.SUBMITTED in p.path), key=lambda p: p.times[0])
        seen = set(
            Application.objects.exclude(status=S.DRAFT)
            .exclude(submitted_at__isnull=True)
            .values_list("email", flat=True)
        ) | set(
            Application.objects.exclude(status=S.DRAFT)
            .exclude(organisation_number="")
            .values_list("organisation_number", flat=True)
        )
        for plan in submitted:
            keys = {plan.applicant.email, plan.applicant.organisation_number} - {""}
            plan.first_time = not (keys & seen)
            seen |= keys

    def _at(self, plan: Plan, status: str) -> datetime | None:
        for step, moment in zip(plan.path, plan.times, strict=True):
            if step == status:
                return moment
        return None

    def _application(self, plan: Plan) -> Application:
        who, activity = plan.applicant, plan.activity
        status = plan.status
        last = plan.times[-1] if plan.times else plan.created
        submitted = self._at(plan, S.SUBMITTED)
        decided = next(
            (t for s, t in zip(plan.path, plan.times, strict=True) if s in DECISIONS), None
        )
        starts, ends = self._activity_dates(plan)
        application = Application(
            round=plan.round,
            area=plan.area,
            status=status,
            applicant_kind=who.kind,
            organisation_number=who.organisation_number,
            applicant_name=who.name,
            contact_name=who.contact_name,
            email=who.email,
            phone=who.phone,
            title=f"{activity[0]} {plan.place[0]}",
            location=plan.place[1].format(n=self.rng.randint(1, 60)),
            description=activity[1],
            target_group=activity[2],
            starts_on=starts,
            ends_on=ends,
            expected_participants=self.rng.choice([15, 20, 30, 40, 60, 80, 120, 200]),
            resident_involvement=activity[3],
            volunteer_hours=self.rng.choice([10, 20, 30, 40, 60, 100, 150]),
            partners=self.rng.choice(PARTNERS),
            own_contribution=self.rng.choice([0, 0, 500, 1_000, 2_000, 5_000]),
            amount_requested=plan.requested,
            read_privacy_notice=bool(submitted) or self.rng.random() < 0.5,
            understands_public=bool(submitted) or self.rng.random() < 0.5,
            first_time=plan.first_time if submitted else None,
            amount_granted=(0 if S.DECLINED in plan.path else plan.granted)
            if plan.outcome
            else None,
            version=1 + len(plan.path),
            created_at=plan.created,
            updated_at=last,
            submitted_at=submitted,
            decided_at=decided,
            closed_at=plan.times[-1] if status in (S.CLOSED, S.WITHDRAWN) else None,
        )
        application._history_date = last
        application._history_user = None if status in BY_APPLICANT | {S.DRAFT} else self.handler
        return application

    def _activity_dates(self, plan: Plan):
        rng = self.rng
        paid, reported = self._at(plan, S.PAID), self._at(plan, S.REPORTED)
        if paid and reported:
            span = (reported.date() - paid.date()).days
            starts = paid.date() + timedelta(days=span * 3 // 10)
            return starts, starts + timedelta(days=span * 3 // 10)
        base = (paid or plan.times[0]) if plan.times else plan.created
        starts = timezone.localtime(base).date() + timedelta(days=rng.randint(14, 90))
        return starts, starts + timedelta(days=rng.choice([0, 0, 1, 2, 14, 30, 60]))

    def _event(self, application, kind, at, *, by=None, from_status="", to_status="", note=""):
        self.rows[CaseEvent].append(
            CaseEvent(
                application=application,
                kind=kind,
                actor=by,
                from_status=from_status,
                to_status=to_status,
                note=note,
                at=at,
            )
        )

    def _history(self, obj, at, user):
        obj._history_date = at
        obj._history_user = user
        return obj

    def _related(self, plan: Plan, application: Application):
        """Everything but the decision goes to self.rows; the decision is returned."""
        rng, handler = self.rng, self.handler
        for what, amount in plan.lines:
            self.rows[ApplicationBudgetLine].append(
                self._history(
                    ApplicationBudgetLine(application=application, description=what, amount=amount),
                    plan.created,
                    None,
                )
            )
        self._event(
            application,
            CaseEvent.Kind.LINK_SENT,
            plan.created + timedelta(seconds=5),
            note="Personlig lenke sendt på e-post.",
        )
        previous, decision = S.DRAFT, None
        for status, at in zip(plan.path, plan.times, strict=True):
            by = None if status in BY_APPLICANT else handler
            self._event(
                application,
                CaseEvent.Kind.STATUS,
                at,
                by=by,
                from_status=previous,
                to_status=status,
            )
            if status == S.IN_REVIEW and previous == S.SUBMITTED:
                self.rows[ImpartialityDeclaration].append(
                    self._history(
                        ImpartialityDeclaration(
                            application=application,
                            handler=handler,
                            impartial=True,
                            declared_at=at - timedelta(minutes=5),
                        ),
                        at,
                        handler,
                    )
                )
                if plan.comment:
                    self.rows[InternalComment].append(
                        self._history(
                            InternalComment(
                                application=application,
                                author=handler,
                                body=rng.choice(COMMENTS),
                                created_at=at + timedelta(minutes=10),
                            ),
                            at,
                            handler,
                        )
                    )
            elif status == S.INFO_REQUESTED:
                self._message(
                    application, Message.Direction.TO_APPLICANT, INFO_REQUEST, at, handler
                )
            elif status in (S.RESUBMITTED, S.ANSWERED):
                self._message(application, Message.Direction.FROM_APPLICANT, INFO_ANSWER, at, None)
            elif status in DECISIONS:
                decision = self._decision(plan, application, at)
            elif status in (S.ACCEPTED, S.DECLINED):
                decision.responded_at = at
                decision._history_date = at
            elif status == S.PAID:
                self._payments(plan, application, at)
            elif status == S.REPORTED:
                self._report(plan, application, at)
            previous = status
        return decision

    def _message(self, application, direction, body, at, author):
        self.rows[Message].append(
            Message(
                application=application, direction=direction, author=author, body=body, sent_at=at
            )
        )
        self._event(application, CaseEvent.Kind.MESSAGE, at, by=author, note=body)

    def _decision(self, plan: Plan, application: Application, at: datetime) -> Decision:
        outcome = plan.outcome
        recommendation, notes = ASSESSMENT[outcome]
        self.rows[Assessment].append(
            self._history(
                Assessment(
                    application=application,
                    handler=self.handler,
                    notes=notes,
                    recommendation=recommendation,
                    suggested_amount=plan.granted or None,
                    updated_at=at - timedelta(hours=2),
                ),
                at - timedelta(hours=2),
                self.handler,
            )
        )
        sent = at + timedelta(minutes=2)
        day = timezone.localtime(at).date()
        decision = Decision(
            application=application,
            outcome=outcome,
            amount=plan.granted or 0,
            reasons=REFUSED_NO_MONEY if plan.refused_for_money else REASONS[outcome],
            conditions=CONDITIONS if outcome != Outcome.REFUSED else "",
            decided_by=self.handler,
            decided_at=at,
            letter_sent_at=sent if sent < self.now else None,
            appeal_deadline=appeal_deadline(day) if sent < self.now else None,
            accept_deadline=(
                day + timedelta(days=plan.round.accept_within_days)
                if outcome != Outcome.REFUSED
                else None
            ),
        )
        decision._history_date = at
        if sent < self.now:
            self._event(
                application,
                CaseEvent.Kind.LETTER_SENT,
                sent,
                by=self.handler,
                note="Vedtaksbrevet er sendt på e-post.",
            )
        return decision

    def _appeal(self, plan, application, decision) -> Appeal:
        received = min(decision.decided_at + timedelta(days=10), self.now - timedelta(hours=2))
        appeal = Appeal(
            application=application,
            decision=decision,
            grounds="Vi mener tiltaket ikke er ordinær drift: det er et nytt tilbud for alle.",
            received_at=received,
            within_deadline=True,
        )
        if plan.status == S.CLOSED:
            appeal.status = Appeal.Status.DECIDED
            appeal.outcome = "Klageinstansen opprettholder vedtaket."
            appeal.handled_by = self.handler
            appeal.handled_at = received + timedelta(days=5)
        self._event(application, CaseEvent.Kind.APPEAL, received, note="Klage mottatt.")
        return self._history(appeal, received, None)

    def _payments(self, plan: Plan, application: Application, at: datetime) -> None:
        granted = plan.granted
        parts = [granted] if granted < 20_000 or self.rng.random() < 0.7 else None
        if parts is None:
            first = granted * 7 // 10 // 100 * 100
            parts = [first, granted - first]
        for index, amount in enumerate(parts):
            moment = at + timedelta(days=index * 3) if index else at
            moment = min(moment, self.now - timedelta(minutes=30))
            self.rows[Payment].append(
                self._history(
                    Payment(
                        application=application,
                        amount=amount,
                        paid_on=timezone.localtime(moment).date(),
                        reference=f"UTB-{application.reference}-{index + 1}",
                        registered_by=self.handler,
                        registered_at=moment,
                    ),
                    moment,
                    self.handler,
                )
            )
            self._event(
                application,
                CaseEvent.Kind.PAYMENT,
                moment,
                by=self.handler,
                note=f"{kroner(amount)} utbetalt.",
            )

    def _report(self, plan: Plan, application: Application, at: datetime) -> None:
        used = plan.money_used if plan.money_used is not None else plan.granted
        self.rows[FinalReport].append(
            self._history(
                FinalReport(
                    application=application,
                    what_happened=self.rng.choice(REPORTS),
                    participants=self.rng.choice([12, 25, 40, 55, 80, 150]),
                    volunteer_hours=self.rng.choice([None, 20, 40, 80]),
                    money_used=used,
                    submitted_at=at,
                    due_on=(
                        application.ends_on + timedelta(days=plan.round.report_within_days)
                        if application.ends_on
                        else None
                    ),
                ),
                at,
                None,
            )
        )
        unused = plan.granted - used
        if unused > 0:
            closed = plan.status == S.CLOSED
            settled = timezone.localtime(plan.times[-1]).date() if closed else None
            self.rows[Repayment].append(
                self._history(
                    Repayment(
                        application=application,
                        amount=unused,
                        status=Repayment.Status.PAID if closed else Repayment.Status.CLAIMED,
                        settled_on=settled,
                        created_at=at,
                    ),
                    at,
                    None,
                )
            )
            self._event(
                application,
                CaseEvent.Kind.REPAYMENT,
                at,
                note=f"{kroner(unused)} som ikke ble brukt, skal betales tilbake.",
            )
