"""The annual action plan (årlig handlingsplan): writing it, sending it to the programme
board (programstyret), and recording the board's comments and decision.

Each submission freezes the plan as it is into a numbered JSON snapshot (`PlanSubmission.
content`), so the board decides on exactly what it saw, even when the plan or a project's
budget changes afterwards. Everything shown of a submission (its page, its PDF, the changes
between two versions) is read from the snapshots, never from live data.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.conflicts import Change, EditConflict, save_checked
from core.exceptions import TransitionRefused
from core.formatting import kroner
from portfolio.models import (
    ActionPlan,
    ActionPlanPriority,
    Area,
    BoardComment,
    BudgetLine,
    Goal,
    PlanSubmission,
    Project,
)
from portfolio.services import board

SOURCES = BudgetLine.Source
EDITABLE = board.EDITABLE


# --- Money: the plan's budget -------------------------------------------------------------


@dataclass
class BudgetRow:
    project_id: int
    title: str
    areas: list[str]
    planned: dict[str, int]  # funding source code -> kroner planned for the plan's year
    total: int

    @property
    def amounts(self) -> list[int]:
        """The planned kroner in the order of the funding sources."""
        return [self.planned.get(code, 0) for code in SOURCES.values]


@dataclass
class Budget:
    """A plan's money for its year: one row per project, totals per source and per area.

    A project in several areas has its total split evenly across them in whole kroner; the
    remainder goes to the first of its areas by name.
    """

    rows: list[BudgetRow]
    source_totals: dict[str, int]
    area_totals: list[tuple[str, int]]
    total: int
    sources: list[tuple[str, str]] = field(default_factory=lambda: list(SOURCES.choices))

    @property
    def source_amounts(self) -> list[int]:
        return [self.source_totals.get(code, 0) for code in SOURCES.values]

    @property
    def source_total_rows(self) -> list[tuple[str, int]]:
        return [(label, self.source_totals.get(code, 0)) for code, label in SOURCES.choices]

    def as_json(self) -> dict:
        return {
            "projects": [
                {
                    "id": row.project_id,
                    "title": row.title,
                    "areas": row.areas,
                    "planned": row.planned,
                    "total": row.total,
                }
                for row in self.rows
            ],
            "totals": {
                "by_source": self.source_totals,
                "by_area": [{"area": name, "amount": amount} for name, amount in self.area_totals],
                "total": self.total,
            },
        }


def split_evenly(amount: int, parts: int) -> list[int]:
    """`amount` kroner over `parts` shares in whole kroner; the first share takes the rest."""
    share, rest = divmod(amount, parts)
    return [share + rest, *[share] * (parts - 1)]


def _budget(projects, year: int) -> Budget:
    """The budget of these projects (a queryset) for `year`, in three queries."""
    projects = projects.order_by("title", "pk").prefetch_related(
        Prefetch("areas", queryset=Area.objects.order_by("name")),
        Prefetch(
            "budget_lines",
            queryset=BudgetLine.objects.filter(year=year).only("project_id", "source", "planned"),
            to_attr="lines_for_year",
        ),
    )
    rows = []
    source_totals = dict.fromkeys(SOURCES.values, 0)
    area_totals: dict[str, int] = {}
    for project in projects:
        planned = dict.fromkeys(SOURCES.values, 0)
        for line in project.lines_for_year:
            planned[line.source] += line.planned
            source_totals[line.source] += line.planned
        total = sum(planned.values())
        areas = [area.name for area in project.areas.all()]
        for name, share in zip(
            areas, split_evenly(total, len(areas)) if areas else [], strict=True
        ):
            area_totals[name] = area_totals.get(name, 0) + share
        rows.append(
            BudgetRow(
                project_id=project.pk,
                title=project.title,
                areas=areas,
                planned=planned,
                total=total,
            )
        )
    return Budget(
        rows=rows,
        source_totals=source_totals,
        area_totals=sorted(area_totals.items()),
        total=sum(source_totals.values()),
    )


def plan_budget(plan: ActionPlan) -> Budget:
    """The plan's projects with their planned money for the plan's year, and the totals."""
    return _budget(plan.projects.all(), plan.year)


def budget_from_snapshot(content: dict) -> Budget:
    """The budget as it was frozen in a submission's snapshot."""
    totals = content["totals"]
    return Budget(
        rows=[
            BudgetRow(
                project_id=project["id"],
                title=project["title"],
                areas=project["areas"],
                planned=project["planned"],
                total=project["total"],
            )
            for project in content["projects"]
        ],
        source_totals=totals["by_source"],
        area_totals=[(row["area"], row["amount"]) for row in totals["by_area"]],
        total=totals["total"],
    )


# --- Writing the plan ---------------------------------------------------------------------


def _save(instance, by) -> None:
    instance._history_user = by  # simple-history records who saved, also outside a request
    instance.save()


@transaction.atomic
def plan_create(*, year: int, introduction: str, by) -> ActionPlan:
    plan = ActionPlan(year=year, introduction=introduction, created_by=by)
    plan.full_clean()
    _save(plan, by)
    return plan


def plan_not_editable_message(plan: ActionPlan) -> str:
    return _(
        "The plan is with the programme board or decided (status: %(status)s). It can be "
        "changed again only if the board sends it back."
    ) % {"status": plan.get_status_display()}


def _priority_changes(plan: ActionPlan, base_version: int) -> list[Change]:
    """Priorities someone else saved after the version the form was opened at."""
    # Priorities are saved just before the plan's own record of each version, so whatever
    # was saved after the last record of the base version belongs to a later save.
    base = plan.history.filter(version=base_version).order_by("-history_date", "-history_id")
    base = base.first()
    if base is None:
        return []
    newest = {}
    changed = ActionPlanPriority.history.filter(
        plan_id=plan.pk, history_date__gt=base.history_date
    ).order_by("history_date", "history_id")
    for record in changed:
        newest[record.goal_id] = "" if record.history_type == "-" else record.text
    goals = Goal.objects.in_bulk(list(newest))
    return [
        Change(field=str(_("Priorities: %(goal)s") % {"goal": goals[goal_id]}), theirs=text)
        for goal_id, text in sorted(newest.items(), key=lambda item: goals[item[0]].number)
        if goal_id in goals
    ]


@transaction.atomic
def plan_update(
    *,
    plan: ActionPlan,
    base_version: int,
    introduction: str,
    priorities: dict[int, str],
    project_ids,
    by,
) -> ActionPlan:
    """Save the plan's text, its priorities per goal and its projects.

    Raises EditConflict when someone else saved the plan since `base_version`, and
    ValidationError when the plan is with the board or a project is not in the portfolio.
    """
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise TransitionRefused(plan_not_editable_message(plan))
    project_ids = set(project_ids)
    projects = list(Project.objects.filter(pk__in=project_ids))
    outside = [p.title for p in projects if p.status != Project.Status.IN_PORTFOLIO]
    if outside or len(projects) != len(project_ids):
        raise ValidationError(
            {
                "projects": _(
                    "Only projects in the portfolio can be in the plan. Not in the portfolio: "
                    "%(projects)s."
                )
                % {"projects": ", ".join(sorted(outside)) or "?"}
            }
        )
    plan.introduction = introduction
    plan.full_clean()
    goals = Goal.objects.in_bulk(list(priorities))
    existing = {p.goal_id: p for p in plan.priorities.all()}
    to_save, to_delete = [], []
    for goal_id, text in priorities.items():
        if goal_id not in goals:
            continue
        text = (text or "").strip()
        priority = existing.get(goal_id)
        if not text:
            if priority is not None:
                to_delete.append(priority)
            continue
        if priority is None:
            priority = ActionPlanPriority(plan=plan, goal=goals[goal_id])
        elif priority.text == text:
            continue
        priority.text = text
        try:
            priority.full_clean()
        except ValidationError as error:
            raise ValidationError({f"priority_{goal_id}": error.messages}) from error
        to_save.append(priority)

    def save():
        for priority in to_save:
            _save(priority, by)
        for priority in to_delete:
            priority._history_user = by
            priority.delete()
        _save(plan, by)
        plan.projects.set(projects)

    try:
        save_checked(plan, base_version=base_version, save=save)
    except EditConflict as conflict:
        updated = str(ActionPlan._meta.get_field("updated_at").verbose_name)
        conflict.changes = [c for c in conflict.changes if c.field != updated]
        conflict.changes += _priority_changes(plan, base_version)
        raise
    return plan


# --- Submitting and deciding ----------------------------------------------------------------


def plan_snapshot(plan: ActionPlan) -> dict:
    """The plan as it is now, as plain JSON: what the board will see of this version."""
    priorities = plan.priorities.select_related("goal").order_by("goal__number")
    return {
        "year": plan.year,
        "introduction": plan.introduction,
        "priorities": [
            {
                "goal_id": priority.goal_id,
                "goal_number": priority.goal.number,
                "goal_name": priority.goal.name,
                "text": priority.text,
            }
            for priority in priorities
        ],
        **plan_budget(plan).as_json(),
    }


@transaction.atomic
def plan_submit(*, plan: ActionPlan, by) -> PlanSubmission:
    """Send the plan to the board: freeze it as the next numbered submission."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    board.refuse_unless_editable(plan)
    problems = []
    if not plan.introduction.strip():
        problems.append(_("Write an introduction before you send the plan."))
    projects = list(plan.projects.all())
    if not projects:
        problems.append(
            _("The plan has no projects. Add at least one project before you send the plan.")
        )
    outside = sorted(p.title for p in projects if p.status != Project.Status.IN_PORTFOLIO)
    if outside:
        problems.append(
            _("These projects are no longer in the portfolio; take them out of the plan: %(p)s.")
            % {"p": ", ".join(outside)}
        )
    if problems:
        raise ValidationError(problems)
    submission = board.submission_freeze(plan=plan, content=plan_snapshot(plan), by=by)
    _tell_the_board(submission, by)
    return submission


board_members = board.board_members


def _tell_the_board(submission: PlanSubmission, by) -> None:
    content = submission.content
    board.tell_the_board(
        submission=submission,
        subject_template="portfolio/email/plan_submitted_subject.txt",
        body_template="portfolio/email/plan_submitted_body.txt",
        context={
            "by": by.full_name or by.email,
            "year": submission.plan.year,
            "number": submission.number,
            "projects": len(content["projects"]),
            "total": kroner(content["totals"]["total"]),
        },
    )


@transaction.atomic
def submission_comment(*, submission: PlanSubmission, by, text: str) -> BoardComment:
    return board.submission_comment(submission=submission, by=by, text=text)


@transaction.atomic
def submission_decide(
    *,
    submission: PlanSubmission,
    by,
    decision: str,
    meeting_date,
    decision_text: str,
    conditions: str = "",
) -> PlanSubmission:
    """Record the board's decision on the latest submission: approved, approved with
    conditions, or sent back (the plan can then be changed and sent again)."""
    submission = board.submission_decide(
        submission=submission,
        by=by,
        decision=decision,
        meeting_date=meeting_date,
        decision_text=decision_text,
        conditions=conditions,
    )
    if decision in APPROVED_DECISIONS:
        _queue_plan_pdf(submission.pk)
    return submission


# --- The approved plan as a PDF ----------------------------------------------------------

APPROVED_DECISIONS = board.APPROVED_DECISIONS


def _queue_plan_pdf(submission_id: int) -> None:
    from portfolio.tasks import render_plan_pdf

    board.queue_pdf(render_plan_pdf, submission_id)


def plan_pdf_filename(submission: PlanSubmission) -> str:
    return f"handlingsplan-{submission.plan.year}-versjon-{submission.number}.pdf"


def plan_pdf_render(*, submission_id: int) -> PlanSubmission | None:
    """Render the approved version's PDF (WeasyPrint, in a background task) and store it,
    unless it is stored already (`portfolio.services.board.pdf_render`).
    Raises core.pdf.PdfUnavailable on a server without WeasyPrint's libraries."""
    submission = (
        PlanSubmission.objects.select_related("plan", "decided_by")
        .filter(pk=submission_id, decision__in=APPROVED_DECISIONS)
        .first()
    )
    if submission is None or submission.pdf:
        return submission
    context = {
        "plan": submission.plan,
        "submission": submission,
        "content": submission.content,
        "budget": budget_from_snapshot(submission.content),
    }
    return board.pdf_render(
        submission,
        template="portfolio/plans/pdf.html",
        context=context,
        filename=plan_pdf_filename(submission),
    )


def plan_pdfs_missing():
    """Approved versions whose PDF is not made yet (for `manage.py render_missing_pdfs`)."""
    return board.pdfs_missing(PlanSubmission)


# --- What changed between two versions ------------------------------------------------------


@dataclass
class SourceChange:
    source: str  # label
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class ProjectChange:
    project_id: int
    title: str
    changes: list[SourceChange]
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class SubmissionDiff:
    added: list[BudgetRow]
    removed: list[BudgetRow]
    moved: list[ProjectChange]
    totals: list[SourceChange]
    total_before: int
    total_after: int
    introduction_changed: bool
    priorities_changed: list[str]  # the goals whose priorities changed, as «Goal 1 Name»

    @property
    def total_delta(self) -> int:
        return self.total_after - self.total_before

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.moved
            or self.introduction_changed
            or self.priorities_changed
        )


def _source_changes(before: dict, after: dict) -> list[SourceChange]:
    return [
        SourceChange(source=label, before=before.get(code, 0), after=after.get(code, 0))
        for code, label in SOURCES.choices
        if before.get(code, 0) != after.get(code, 0)
    ]


def submission_diff(older: PlanSubmission, newer: PlanSubmission) -> SubmissionDiff:
    """Projects in and out, and money moved per project and per source, between two
    submissions, read from their snapshots."""
    old, new = budget_from_snapshot(older.content), budget_from_snapshot(newer.content)
    old_rows = {row.project_id: row for row in old.rows}
    new_rows = {row.project_id: row for row in new.rows}
    moved = []
    for project_id, row in new_rows.items():
        before = old_rows.get(project_id)
        if before is None:
            continue
        changes = _source_changes(before.planned, row.planned)
        if changes:
            moved.append(
                ProjectChange(
                    project_id=project_id,
                    title=row.title,
                    changes=changes,
                    before=before.total,
                    after=row.total,
                )
            )

    def goal_texts(content):
        return {
            (p["goal_number"], p["goal_name"]): p["text"] for p in content.get("priorities", [])
        }

    old_goals, new_goals = goal_texts(older.content), goal_texts(newer.content)
    priorities_changed = [
        str(_("Goal %(number)s %(name)s") % {"number": number, "name": name})
        for number, name in sorted(set(old_goals) | set(new_goals))
        if old_goals.get((number, name), "") != new_goals.get((number, name), "")
    ]
    return SubmissionDiff(
        added=[row for pid, row in new_rows.items() if pid not in old_rows],
        removed=[row for pid, row in old_rows.items() if pid not in new_rows],
        moved=moved,
        totals=_source_changes(old.source_totals, new.source_totals),
        total_before=old.total,
        total_after=new.total,
        introduction_changed=older.content["introduction"] != newer.content["introduction"],
        priorities_changed=priorities_changed,
    )
