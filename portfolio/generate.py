"""A realistic, deterministic portfolio for demos and benchmarks.

`generate_portfolio(scale=1)` makes about 150 projects across the three areas with plausible
Norwegian titles, about 1,500 status reports, 600 lessons learned and budget lines for
2026–2028 from several funding sources, plus the action plan for 2026 (approved by the
board) and a draft for 2027. `scale=10` makes ten times as much; `projects=25` makes a small
portfolio of 25 projects with everything else in proportion. The same seed (and day) gives
the same portfolio.

Everything is written through code that keeps the history (simple-history): projects and
plans by `save()` and the plan services; the many budget lines, status reports and lessons
with `bulk_create_with_history`.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import Unit
from accounts.roles import Role
from portfolio.models import (
    ActionPlan,
    Area,
    BoardComment,
    BudgetLine,
    CriterionAssessment,
    FocusArea,
    Goal,
    Lesson,
    Level,
    Project,
    ProjectEvent,
    SelectionCriterion,
    StatusReport,
    Strategy,
)
from portfolio.services import plans as plan_services

PROJECTS_PER_SCALE = 150
REPORTS_PER_PROJECT = 10  # on average
LESSONS_PER_PROJECT = 4  # 600 at scale 1
BUDGET_YEARS = (2026, 2027, 2028)
GENERATED_DOMAIN = "generert.example"

UNITS = [
    "Byplankontoret",
    "Helse- og velferdssenter Østbyen",
    "Lademoen skole",
    "Møllenberg barnehage",
    "Ungdomstjenesten",
    "Biblioteket",
    "Kulturenheten",
    "Idrett og friluftsliv",
    "NAV Falkenborg",
    "Trondheim eiendom",
    "Bydrift",
    "Helsestasjon og skolehelsetjeneste",
]

WHAT = [
    "Nabolagskafé",
    "Leksehjelp",
    "Møteplass for seniorer",
    "Aktivitetspark",
    "Ungdomsklubb",
    "Språkkafé",
    "Gatetun",
    "Parsellhage",
    "Jobbsjansen",
    "Familieveiledning",
    "Tryggere skolevei",
    "Kulturkveld",
    "Bydelsfestival",
    "Frivillighetsbørs",
    "Lavterskel trening",
    "Boligsosialt team",
    "Naboskapsverter",
    "Delingsbod",
    "Gjenbruksverksted",
    "Sommerjobb for ungdom",
    "Mentorordning",
    "Matfellesskap",
    "Innbyggerpanel",
    "Digital hjelp",
    "Utstyrssentral",
    "Grønn møteplass",
    "Lekeplass for alle",
    "Fritidsguide",
    "Nabohjelp",
    "Strikkekafé",
]
WHERE = {
    "lademoen": [
        "på Lademoen",
        "ved Lademoen skole",
        "i Lademoparken",
        "på Lademoen bydelshus",
        "ved Lademoen kirke",
    ],
    "mollenberg": [
        "på Møllenberg",
        "i Nedre Møllenberg",
        "ved Rosenborg skole",
        "i Møllenberg-kvartalene",
        "ved Nidelva",
    ],
    "tempe-sorgenfri": [
        "i Tempe",
        "på Sorgenfri",
        "ved Tempe kirke",
        "ved Sorgenfri skole",
        "i Tempeparken",
    ],
}
WHERE_ANYWHERE = ["i biblioteket", "i nabolaget", "for hele bydelen", "på skolen"]
ASPECTS = ["", "", "", " – pilot", " – fase 2", " for barnefamilier", " for eldre", " for unge"]

SUMMARIES = [
    "Et tilbud som samler naboer på tvers av alder og bakgrunn, drevet sammen med frivillige.",
    "Tjenestene prøver ut en ny måte å møte innbyggerne på, der de bor.",
    "En fysisk oppgradering som skal gi trygge og inviterende uterom.",
    "Et samarbeid mellom skole, bibliotek og frivillighet om et fast ukentlig tilbud.",
]
CHANGES = [
    "Enheten viderefører arbeidsformen i ordinær drift etter programperioden.",
    "Beboerne driver tilbudet selv med støtte fra kommunen.",
    "Nye rutiner for samarbeid på tvers av tjenestene er tatt i bruk.",
]
REPORT_SUMMARIES = [
    "Arbeidet går etter planen.",
    "God oppslutning, rundt 40 deltakere hver uke.",
    "Forsinket oppstart på grunn av lokaler; ny plan er avtalt.",
    "Frivillige er rekruttert og tilbudet er i gang.",
    "Samarbeidet med skolen fungerer godt.",
    "Usikker finansiering fra neste år; saken er meldt til programleder.",
]
NEXT_STEPS = ["", "Evaluering i prosjektforum.", "Møte med enheten om videre drift."]
LESSON_TITLES = [
    "Faste tider gir flere deltakere på møteplassen",
    "Beboerne vil være med å bestemme",
    "Tolk må bestilles tidlig",
    "Møteplassen fungerer best med en fast vert",
    "Kort vei mellom tjenestene gir raskere hjelp",
    "Ungdommene kom når de fikk ansvar",
    "Uterom trenger lys for å bli brukt om vinteren",
    "Frivillige trenger en fast kontaktperson",
    "Informasjon på flere språk nådde flere",
    "Samarbeid med idrettslaget åpnet nye dører",
]
LESSON_HAPPENED = [
    "Vi prøvde en ny møteplass i parken hver torsdag gjennom høsten.",
    "Tilbudet ble flyttet fra skolen til bydelshuset.",
    "Vi inviterte beboerne til å planlegge aktivitetene selv.",
    "Tjenestene møttes i bydelsforum for å samordne innsatsen.",
]
LESSON_LEARNED = [
    "Beboerne kom når aktiviteten var fast hver uke og på samme sted.",
    "Det tar tid å bygge tillit; kontinuitet i bemanningen er avgjørende.",
    "Samarbeid på tvers krever en tydelig eier i linja.",
    "Små tilskudd utløser mye frivillig innsats i nabolaget.",
]
LESSON_RECOMMENDATIONS = [
    "",
    "Sett av midler til en fast vert på møteplassene.",
    "Bruk erfaringene i neste års handlingsplan.",
]
TAGS = ["møteplasser", "frivillighet", "ungdom", "eldre", "tillit", "språk", "uterom", "samarbeid"]
FUNDERS = ["ClimaGen (EU)", "Sparebankstiftelsen DNB", "Gjensidigestiftelsen"]
JUSTIFICATIONS = {
    "oppfylt": "Drøftet i prosjektforum: kriteriet er oppfylt, og eierenheten stiller seg bak.",
    "ikke_oppfylt": "Tiltaket er i hovedsak ordinær drift for enheten og bygger ikke varig "
    "samarbeid på tvers.",
}
ENDINGS = {
    Project.Status.HANDED_OVER: "Arbeidsformen er tatt inn i enhetens ordinære drift (HØP).",
    Project.Status.CLOSED: "Prosjektet er gjennomført og evaluert i prosjektforum.",
    Project.Status.STOPPED: "Stanset fordi den eksterne finansieringen falt bort.",
    Project.Status.REJECTED: "Avvist: dekkes av enhetens ordinære drift.",
}

# Weighted choices: (value, weight)
STATUSES = [
    (Project.Status.IN_PORTFOLIO, 55),
    (Project.Status.PROPOSAL, 10),
    (Project.Status.ASSESSED, 8),
    (Project.Status.HANDED_OVER, 8),
    (Project.Status.CLOSED, 8),
    (Project.Status.REJECTED, 5),
    (Project.Status.STOPPED, 6),
]
KINDS = [
    (Project.Kind.PROJECT, 50),
    (Project.Kind.MEASURE, 25),
    (Project.Kind.PROCESS, 15),
    (Project.Kind.PARTNER, 6),
    (Project.Kind.EXTERNALLY_FUNDED, 4),
]
RAGS = [
    (StatusReport.Rag.ON_TRACK, 60),
    (StatusReport.Rag.AT_RISK, 30),
    (StatusReport.Rag.OFF_TRACK, 10),
]
LESSON_STATUSES = [
    (Lesson.Status.NEW, 50),
    (Lesson.Status.CONSIDERED, 35),
    (Lesson.Status.ADOPTED, 15),
]
SOURCES = [
    (BudgetLine.Source.KDD, 45),
    (BudgetLine.Source.HUSBANKEN, 20),
    (BudgetLine.Source.MUNICIPAL, 25),
    (BudgetLine.Source.EXTERNAL, 10),
]
CATEGORIES = [
    (BudgetLine.Category.SERVICE_INNOVATION, 40),
    (BudgetLine.Category.PHYSICAL, 25),
    (BudgetLine.Category.PROCESS, 30),
    (BudgetLine.Category.OTHER, 5),
]
WITHOUT_MONEY = {Project.Status.PROPOSAL, Project.Status.REJECTED}
# Planned but not admitted yet: money is planned, none is spent.
NOT_ADMITTED = {Project.Status.ASSESSED}


@dataclass
class Generated:
    projects: int
    status_reports: int
    lessons: int
    budget_lines: int
    plans: int


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _units() -> list[Unit]:
    return [Unit.objects.get_or_create(name=name)[0] for name in UNITS]


def _generated_users(units: list[Unit]) -> list:
    """A programme leader, a board member, and a change and a project leader per unit."""
    User = get_user_model()
    groups = {role: Group.objects.get(name=role.value) for role in Role}

    def user(local: str, full_name: str, role, unit):
        person, created = User.objects.get_or_create(
            email=f"{local}@{GENERATED_DOMAIN}", defaults={"full_name": full_name, "unit": unit}
        )
        if created:
            person.set_unusable_password()
            person.save()
            person.groups.set([groups[role]])
        return person

    people = [
        user("programleder", "Generert Programleder", Role.PROGRAMME_LEADER, units[0]),
        user("styremedlem", "Generert Styremedlem", Role.BOARD, None),
    ]
    for number, unit in enumerate(units, start=1):
        people.append(
            user(f"endringsleder{number}", f"Endringsleder {number}", Role.CHANGE_LEADER, unit)
        )
        people.append(
            user(f"prosjektleder{number}", f"Prosjektleder {number}", Role.PROJECT_LEADER, unit)
        )
    return people


def _title(rng: random.Random, area_slug: str, used: set) -> str:
    where = rng.choice(WHERE.get(area_slug, []) + WHERE_ANYWHERE)
    title = f"{rng.choice(WHAT)} {where}{rng.choice(ASPECTS)}"
    candidate, number = title, 2
    while candidate in used:
        candidate, number = f"{title} ({number})", number + 1
    used.add(candidate)
    return candidate


@transaction.atomic
def generate_portfolio(
    *,
    scale: float = 1,
    seed: int = 1,
    users=None,
    projects: int | None = None,
    today: date | None = None,
) -> Generated:
    """Make a portfolio of about `150 × scale` projects (or exactly `projects`), with about
    ten status reports and four lessons per project, budget lines for 2026–2028 and the
    action plans for 2026 (approved) and 2027 (draft). `users` are the people to use as
    leaders and authors; without them, generated users (no password) are made."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    count = projects if projects is not None else max(1, round(PROJECTS_PER_SCALE * scale))
    units = _units()
    users = list(users) if users else _generated_users(units)
    leader = next((u for u in users if u.is_programme_leader), users[0])
    by_unit = {}
    for person in users:
        by_unit.setdefault(person.unit_id, []).append(person)

    areas = list(Area.objects.order_by("name"))
    goals = list(Goal.objects.order_by("number"))
    strategies = list(Strategy.objects.order_by("goal__number", "number"))
    focus_areas = list(FocusArea.objects.order_by("number"))
    levels = list(Level.objects.order_by("code"))

    criteria = list(SelectionCriterion.objects.order_by("number"))
    made, used_titles = [], set(Project.objects.values_list("title", flat=True))
    stories = {}
    for _number in range(count):
        project_areas = rng.sample(areas, 1 if rng.random() < 0.8 else 2)
        project_goals = rng.sample(goals, 1 if rng.random() < 0.7 else 2)
        owner = rng.choice(units)
        colleagues = by_unit.get(owner.pk) or users
        status = _pick(rng, STATUSES)
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 900))
        end = min(start + timedelta(days=rng.randrange(365, 4 * 365)), date(2031, 12, 31))
        story = _story(rng, status, start, end, today)
        project = Project(
            title=_title(rng, project_areas[0].slug, used_titles),
            summary=rng.choice(SUMMARIES),
            lasting_change=rng.choice(CHANGES),
            kind=_pick(rng, KINDS),
            owner_unit=owner,
            change_leader=rng.choice(colleagues),
            project_leader=rng.choice(colleagues),
            start_date=start,
            end_date=end,
            status=status,
            created_by=leader,
            created_at=_moment(story["created"]),
        )
        if story.get("ownership"):
            project.ownership_accepted_by = project.change_leader
            project.ownership_accepted_at = _moment(story["ownership"])
        project._history_user = leader
        project.save()
        project.areas.set(project_areas)
        project.goals.set(project_goals)
        candidates = [s for s in strategies if s.goal_id in {g.pk for g in project_goals}]
        project.strategies.set(rng.sample(candidates, min(len(candidates), rng.randint(1, 2))))
        project.focus_areas.set(rng.sample(focus_areas, rng.randint(1, 2)))
        project.levels.set(rng.sample(levels, rng.randint(1, 2)))
        if rng.random() < 0.4:
            others = [u for u in units if u != owner]
            project.participating_units.set(rng.sample(others, rng.randint(1, 2)))
        made.append(project)
        stories[project.pk] = story

    assessments, events = _histories(rng, made, stories, leader, criteria)
    bulk_create_with_history(assessments, CriterionAssessment, batch_size=1000, default_user=leader)
    ProjectEvent.objects.bulk_create(events, batch_size=1000)  # the timeline, itself a log
    lines = _budget_lines(rng, made, today)
    reports = _status_reports(rng, made, users, today)
    lessons = _lessons(rng, made, users, areas, goals, levels, today, count * LESSONS_PER_PROJECT)
    bulk_create_with_history(lines, BudgetLine, batch_size=1000, default_user=leader)
    bulk_create_with_history(reports, StatusReport, batch_size=1000, default_user=leader)
    bulk_create_with_history(lessons, Lesson, batch_size=1000, default_user=leader)
    plans = _action_plans(rng, made, users, leader, goals, today)
    return Generated(
        projects=len(made),
        status_reports=len(reports),
        lessons=len(lessons),
        budget_lines=len(lines),
        plans=plans,
    )


def _moment(day: date) -> datetime:
    """A working-day moment on `day` in Oslo time."""
    return timezone.make_aware(datetime.combine(day, time(10, 30)))


def _story(rng, status, start: date, end: date, today: date) -> dict:
    """The dates of a project's life so far, all in the past and in order: proposed,
    assessed, ownership accepted, admitted, and its final step if it has one."""
    latest = today - timedelta(days=2)
    created = min(max(start - timedelta(days=rng.randrange(30, 150)), date(2024, 6, 1)), latest)
    story = {"created": created}

    def after(day: date, low: int, high: int) -> date:
        return min(day + timedelta(days=rng.randrange(low, high)), latest)

    if status == Project.Status.PROPOSAL:
        return story
    story["assessed"] = after(created, 10, 45)
    if status in (Project.Status.ASSESSED, Project.Status.REJECTED):
        if status == Project.Status.ASSESSED:
            story["ownership"] = after(story["assessed"], 2, 20)
        else:
            story["final"] = after(story["assessed"], 5, 30)
        return story
    story["ownership"] = after(story["assessed"], 2, 20)
    story["admitted"] = after(story["ownership"], 3, 25)
    if status in (Project.Status.HANDED_OVER, Project.Status.CLOSED, Project.Status.STOPPED):
        finish = min(end, latest) if status != Project.Status.STOPPED else None
        story["final"] = finish or after(story["admitted"], 60, 400)
        story["final"] = max(story["final"], story["admitted"])
    return story


def _histories(rng, projects, stories, leader, criteria):
    """Every assessed project has all five criteria assessed, and every project a timeline
    that tells its life: created, assessed, ownership, admitted and how it ended."""
    S, Kind = Project.Status, ProjectEvent.Kind
    assessments, events = [], []
    for project in projects:
        story = stories[project.pk]
        events.append(
            ProjectEvent(
                project=project, kind=Kind.CREATED, actor=leader, at=_moment(story["created"])
            )
        )
        if "assessed" not in story:
            continue
        rejected = project.status == S.REJECTED
        failing = {rng.choice(criteria).pk} if rejected else set()
        for criterion in criteria:
            result = (
                CriterionAssessment.Result.NOT_MET
                if criterion.pk in failing
                else CriterionAssessment.Result.MET
            )
            assessments.append(
                CriterionAssessment(
                    project=project,
                    criterion=criterion,
                    result=result,
                    justification=JUSTIFICATIONS[result],
                    assessed_by=leader,
                    assessed_on=story["assessed"],
                )
            )
            events.append(
                ProjectEvent(
                    project=project,
                    kind=Kind.ASSESSED,
                    actor=leader,
                    note=f"{criterion.number}. {criterion.text}: {result.label}",
                    at=_moment(story["assessed"]),
                )
            )
        events.append(_status_event(project, S.PROPOSAL, S.ASSESSED, leader, story["assessed"]))
        if story.get("ownership"):
            events.append(
                ProjectEvent(
                    project=project,
                    kind=Kind.OWNERSHIP,
                    actor=project.change_leader or leader,
                    at=_moment(story["ownership"]),
                )
            )
        if story.get("admitted"):
            events.append(
                _status_event(project, S.ASSESSED, S.IN_PORTFOLIO, leader, story["admitted"])
            )
        if story.get("final"):
            before = S.ASSESSED if rejected else S.IN_PORTFOLIO
            events.append(
                _status_event(
                    project,
                    before,
                    project.status,
                    leader,
                    story["final"],
                    note=ENDINGS.get(project.status, ""),
                )
            )
    return assessments, events


def _status_event(project, before, after, by, day, note=""):
    return ProjectEvent(
        project=project,
        kind=ProjectEvent.Kind.STATUS,
        from_status=before,
        to_status=after,
        actor=by,
        note=note,
        at=_moment(day),
    )


def _approve_in_the_past(plan, leader, board, today) -> None:
    """The 2026 plan as the board really handled it: sent in early January, a comment, and
    approved at the January meeting, so «lærdommer så langt» has the lessons since then."""
    meeting = min(date(plan.year, 1, 22), today - timedelta(days=14))
    sent = meeting - timedelta(days=14)
    submission = plan_services.plan_submit(plan=plan, by=leader)
    submission.submitted_at = _moment(sent)
    submission._history_user = leader
    submission.save()
    comment = BoardComment(
        submission=submission,
        author=board,
        text="Bra at lærdommene fra bydelsforum er tatt inn. Vi ønsker en statusrapport "
        "om Nabolagspotten til sommeren.",
        created_at=_moment(sent + timedelta(days=5)),
    )
    comment._history_user = board
    comment.save()
    plan_services.submission_decide(
        submission=submission,
        by=board,
        decision="godkjent",
        meeting_date=meeting,
        decision_text="Programstyret godkjenner handlingsplanen.",
    )
    submission.refresh_from_db()
    submission.decided_at = _moment(meeting)
    submission._history_user = board
    submission.save()


def _budget_lines(rng, projects, today) -> list[BudgetLine]:
    lines = []
    for project in projects:
        if project.status in WITHOUT_MONEY:
            continue
        sources = {_pick(rng, SOURCES) for _i in range(rng.randint(1, 3))}
        for year in BUDGET_YEARS:
            for source in sorted(sources):
                planned = rng.randrange(5, 200) * 10_000
                if project.status in NOT_ADMITTED:
                    spent = 0
                elif year < today.year:
                    spent = round(planned * rng.uniform(0.7, 1.05))
                elif year == today.year:
                    spent = round(planned * rng.uniform(0.3, 0.95))
                else:
                    spent = 0
                lines.append(
                    BudgetLine(
                        project=project,
                        year=year,
                        source=source,
                        funder=rng.choice(FUNDERS) if source == BudgetLine.Source.EXTERNAL else "",
                        category=_pick(rng, CATEGORIES),
                        planned=planned,
                        spent=spent,
                    )
                )
    return lines


def _status_reports(rng, projects, users, today) -> list[StatusReport]:
    """About ten per project; most running projects report monthly, some have gone quiet."""
    reports = []
    for project in projects:
        count = rng.randint(0, 2 * REPORTS_PER_PROJECT)
        quiet = rng.random() < 0.15 or project.is_final
        day = today - timedelta(days=rng.randrange(100, 400) if quiet else rng.randrange(0, 60))
        for _i in range(count):
            reports.append(
                StatusReport(
                    project=project,
                    date=day,
                    rag=_pick(rng, RAGS),
                    summary=rng.choice(REPORT_SUMMARIES),
                    next_steps=rng.choice(NEXT_STEPS),
                    author=project.project_leader or rng.choice(users),
                )
            )
            day -= timedelta(days=rng.randrange(20, 45))
    return reports


def _lessons(rng, projects, users, areas, goals, levels, today, count) -> list[Lesson]:
    lessons = []
    for _i in range(count):
        project = rng.choice(projects) if rng.random() < 0.7 else None
        lessons.append(
            Lesson(
                title=rng.choice(LESSON_TITLES),
                what_happened=rng.choice(LESSON_HAPPENED),
                learned=rng.choice(LESSON_LEARNED),
                recommendation=rng.choice(LESSON_RECOMMENDATIONS),
                project=project,
                area=rng.choice(areas),
                unit=project.owner_unit if project else None,
                goal=rng.choice(goals),
                level=rng.choice(levels) if rng.random() < 0.8 else None,
                arena=rng.choice(Lesson.Arena.values),
                tags=sorted(rng.sample(TAGS, rng.randint(0, 3))),
                author=rng.choice(users),
                date=today - timedelta(days=rng.randrange(0, 700)),
                status=_pick(rng, LESSON_STATUSES),
            )
        )
    return lessons


def _action_plans(rng, projects, users, leader, goals, today) -> int:
    """2026 approved by the board (one decided submission); 2027 a draft. Plans that exist
    already are left as they are."""
    running = [p for p in projects if p.status == Project.Status.IN_PORTFOLIO]
    board = next((u for u in users if u.is_board_member), leader)
    made = 0
    for year in (2026, 2027):
        if ActionPlan.objects.filter(year=year).exists() or not running:
            continue
        plan = plan_services.plan_create(
            year=year,
            introduction=f"Handlingsplanen for {year} bygger på erfaringene fra året før.",
            by=leader,
        )
        chosen = rng.sample(running, min(len(running), max(1, len(running) // 2)))
        plan_services.plan_update(
            plan=plan,
            base_version=plan.version,
            introduction=plan.introduction,
            priorities={
                goal.pk: f"Prioritert i {year}: {goal.name.lower()} i alle tre områdene."
                for goal in goals
            },
            project_ids=[p.pk for p in chosen],
            by=leader,
        )
        if year == 2026:
            _approve_in_the_past(plan, leader, board, today)
        made += 1
    return made
