"""The two entry points: `generate_applications` (the benchmark's years of data) and
`generate_demo` (the demo's two rounds)."""

import math
import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from nabolagspotten.demo.plans import (
    DECISIONS,
    FOLLOW_UP,
    OLD,
    RECENT,
    Applicant,
    Generated,
    Plan,
    amounts_and_lines,
    ascii_name,
    fit_to_budget,
    make_applicants,
    make_plan,
    organisation_number,
    pick,
    timeline,
)
from nabolagspotten.demo.words import ACTIVITIES, APPLICANT_DOMAINS, CRITERIA, PLACES
from nabolagspotten.demo.writer import Writer, times_as_given, write_rounds
from nabolagspotten.models import Appeal, Application, Decision, Round, RoundArea
from portfolio.models import Area

S = Application.Status
Outcome = Decision.Outcome
MAX_GRANT = 50_000
DEMO_BUDGETS = {"lademoen": 150_000, "mollenberg": 150_000, "tempe-sorgenfri": 120_000}


def _round_windows(years: list[int], per_year: int, today: date):
    """(name, year, opens, closes) for each round that has opened by today."""
    period = 365 // per_year
    names = {1: ["Nabolagspotten {year}"], 2: ["Vårrunden {year}", "Høstrunden {year}"]}
    windows = []
    for year in years:
        for index in range(per_year):
            opens = date(year, 1, 10) + timedelta(days=index * period)
            closes = opens + timedelta(days=period - 40)
            if opens > today:
                continue
            template = names.get(per_year, [f"Runde {i + 1} {{year}}" for i in range(per_year)])
            windows.append((template[index].format(year=year), year, opens, closes))
    return windows


def _stage(closes: date | None, today: date, newest: bool):
    if newest or closes is None or (today - closes).days <= 120:
        return RECENT
    if (today - closes).days <= 500:
        return FOLLOW_UP
    return OLD


@transaction.atomic
def generate_applications(
    *,
    years: int = 5,
    per_year: int = 4_000,
    seed: int = 1,
    handler,
    leader=None,
    rounds_per_year: int = 2,
    applications: int | None = None,
    today: date | None = None,
) -> Generated:
    """Rounds over the last `years` years (`rounds_per_year` each) and `per_year`
    applications a year (or `applications` in all), in every status. `handler` is the
    case handler on every case; `leader` (default the handler) made the rounds."""
    rng = random.Random(seed)
    leader = leader or handler
    now = timezone.now()
    today = today or timezone.localdate()
    if today != timezone.localdate():
        now = timezone.make_aware(datetime.combine(today, time(23)))
    total = applications if applications is not None else years * per_year
    year_list = list(range(today.year - years + 1, today.year + 1))
    windows = _round_windows(year_list, rounds_per_year, today)
    areas = list(Area.objects.filter(is_active=True).order_by("name"))
    weights = [4 if area.slug == "lademoen" else 3 for area in areas]
    applicants = make_applicants(rng, max(1, total // 3), [a.slug for a in areas])
    by_area = {}
    for applicant in applicants:
        by_area.setdefault(applicant.area_slug, []).append(applicant)

    rounds, plans_by_round_area = [], {}
    share, remainder = divmod(total, len(windows))
    for index, (name, year, opens, closes) in enumerate(windows):
        round_ = Round(
            name=name,
            year=year,
            opens_on=opens,
            closes_on=closes,
            max_grant=MAX_GRANT,
            criteria=CRITERIA,
            created_by=leader,
        )
        rounds.append(round_)
        newest = index == len(windows) - 1
        stage = _stage(closes, today, newest)
        count = share + (1 if index < remainder else 0)
        for number in range(count):
            if newest and number < len(S.values):  # every status, at any size
                status = S.values[number]
                area = areas[number % len(areas)]
            else:
                status = pick(rng, stage)
                area = rng.choices(areas, weights=weights)[0]
            local = by_area.get(area.slug) or applicants
            applicant = rng.choice(local if rng.random() < 0.85 else applicants)
            plan = make_plan(rng, round_, area, applicant, status, now)
            plans_by_round_area.setdefault((round_.name, round_.year, area.pk), []).append(plan)

    budgets = {}
    for round_ in rounds:
        newest = round_ is rounds[-1]
        by_area = {}
        for area in areas:
            plans = plans_by_round_area.get((round_.name, round_.year, area.pk), [])
            wanted = sum(
                p.granted or 0 for p in plans if p.status in Application.COMMITTED_STATUSES
            )
            factor = 1.25 if newest else rng.uniform(0.9, 1.05)
            budget = max(300_000, math.ceil(wanted * factor / 10_000) * 10_000)
            fit_to_budget(plans, budget)
            by_area[area] = budget
        budgets[round_.name, round_.year] = by_area

    writer = Writer(rng, handler, now)
    with times_as_given([Round, RoundArea, Application, *writer.MODELS, Appeal]):
        write_rounds(rounds, budgets, leader, now)
        plans = [plan for plans in plans_by_round_area.values() for plan in plans]
        plans.sort(key=lambda p: p.created)
        made = writer.write(plans)
    made.rounds = len(rounds)
    return made


# --- The demo ----------------------------------------------------------------------------

# (area slug, status, closed after, activity, place index, requested, granted, used)
DEMO_OPEN = [
    ("lademoen", S.DRAFT, None, 4, 1, 12_000, None, None),
    ("lademoen", S.SUBMITTED, None, 0, 3, 15_000, None, None),
    ("lademoen", S.IN_REVIEW, None, 1, 7, 20_000, None, None),
    ("lademoen", S.GRANTED, None, 5, 1, 8_000, 8_000, None),
    ("lademoen", S.ACCEPTED, None, 3, 0, 6_500, 6_500, None),
    ("lademoen", S.PAID, None, 6, 7, 25_000, 25_000, None),
    ("lademoen", S.REPORTED, None, 7, 0, 10_000, 10_000, 9_200),
    ("lademoen", S.WITHDRAWN, None, 12, 5, 5_000, None, None),
    ("mollenberg", S.SUBMITTED, None, 2, 6, 9_000, None, None),
    ("mollenberg", S.INFO_REQUESTED, None, 10, 1, 14_000, None, None),
    ("mollenberg", S.PARTLY_GRANTED, None, 15, 5, 30_000, 20_000, None),
    ("mollenberg", S.REFUSED, None, 14, 0, 22_000, 0, None),
    ("mollenberg", S.DECLINED, None, 13, 3, 12_000, 12_000, None),
    ("mollenberg", S.CLOSED, "reported", 8, 2, 18_000, 18_000, 18_000),
    ("mollenberg", S.PAID, None, 9, 4, 15_000, 15_000, None),
    ("tempe-sorgenfri", S.RESUBMITTED, None, 11, 2, 16_000, None, None),
    ("tempe-sorgenfri", S.IN_REVIEW, None, 16, 3, 14_000, None, None),
    ("tempe-sorgenfri", S.GRANTED, None, 17, 1, 45_000, 45_000, None),
    ("tempe-sorgenfri", S.ACCEPTED, None, 18, 0, 40_000, 40_000, None),
    ("tempe-sorgenfri", S.PAID, None, 0, 4, 25_000, 25_000, None),
    ("tempe-sorgenfri", S.CLOSED, "refused", 14, 5, 30_000, 0, None),
    ("tempe-sorgenfri", S.DRAFT, None, 3, 6, 7_500, None, None),
    ("mollenberg", S.ANSWERED, None, 4, 3, 11_000, None, None),
]
DEMO_LAST_YEAR = [
    ("lademoen", S.CLOSED, "reported", 0, 0, 20_000, 20_000, 20_000),
    ("lademoen", S.CLOSED, "reported", 13, 4, 8_000, 8_000, 7_400),
    ("lademoen", S.CLOSED, "refused", 14, 1, 35_000, 0, None),
    ("mollenberg", S.CLOSED, "reported", 2, 3, 12_000, 12_000, 12_000),
    ("mollenberg", S.CLOSED, "reported", 10, 1, 28_000, 20_000, 20_000),
    ("mollenberg", S.CLOSED, "declined", 9, 2, 6_000, 6_000, None),
    ("mollenberg", S.WITHDRAWN, None, 5, 0, 4_000, None, None),
    ("tempe-sorgenfri", S.CLOSED, "reported", 11, 3, 15_000, 15_000, 15_000),
    ("tempe-sorgenfri", S.CLOSED, "reported", 17, 0, 40_000, 40_000, 36_000),
    ("tempe-sorgenfri", S.CLOSED, "reported", 7, 2, 9_500, 9_500, 9_500),
]
# (area slug, kind, name, contact person); the third in each area is new this year.
ORG, GROUP = Application.ApplicantKind.ORGANISATION, Application.ApplicantKind.GROUP
DEMO_APPLICANTS = [
    ("lademoen", ORG, "Lademoen velforening", "Ingrid Aune"),
    ("lademoen", GROUP, "Naboene i Biskop Darres gate", "Ahmed Hassan"),
    ("lademoen", ORG, "FAU ved Lademoen skole", "Marte Solberg"),
    ("mollenberg", GROUP, "Strikkegjengen på Møllenberg", "Astrid Berg"),
    ("mollenberg", ORG, "Møllenberg historielag", "Bjørn Sæther"),
    ("mollenberg", GROUP, "Hagegruppa i Nonnegata", "Leila Ali"),
    ("tempe-sorgenfri", ORG, "Borettslaget Tempevegen", "Tuan Nguyen"),
    ("tempe-sorgenfri", ORG, "Trondheim internasjonale kulturforening", "Hawa Ali"),
    ("tempe-sorgenfri", GROUP, "Ungdomsrådet på Sorgenfri", "Omar Ahmed"),
]


NEW_THIS_YEAR = {"FAU ved Lademoen skole", "Hagegruppa i Nonnegata", "Ungdomsrådet på Sorgenfri"}


def _demo_applicants(rng: random.Random) -> list[Applicant]:
    made = []
    for number, (slug, kind, name, contact) in enumerate(DEMO_APPLICANTS):
        first, last = contact.split(" ", 1)
        made.append(
            Applicant(
                kind=kind,
                name=name,
                organisation_number=(
                    organisation_number(rng)
                    if kind == Application.ApplicantKind.ORGANISATION
                    else ""
                ),
                contact_name=contact,
                email=f"{ascii_name(first)}.{ascii_name(last)}@{APPLICANT_DOMAINS[number % 3]}",
                phone=f"+47 9{number}1 23 4{number}{number}",
                area_slug=slug,
            )
        )
    return made


def _demo_plans(rng, round_, rows, areas, applicants, now, spread_days) -> list[Plan]:
    """The demo's cases; each area's are from that area's applicants, in turn."""
    plans, turns = [], {}
    for number, (slug, status, after, activity, place, requested, granted, used) in enumerate(rows):
        area = areas[slug]
        pool = [a for a in applicants if a.area_slug == slug]
        turns[slug] = turns.get(slug, -1) + 1
        applicant = pool[turns[slug] % len(pool)]
        plan = make_plan(rng, round_, area, applicant, status, now, after)
        plan.activity = ACTIVITIES[activity]
        plan.place = PLACES[slug][place]
        plan.requested = requested
        _total, plan.lines = amounts_and_lines(random.Random(number), plan.activity)
        plan.lines = _scale_lines(plan.lines, requested)
        if plan.outcome:
            plan.granted = granted
            outcome = (
                Outcome.REFUSED
                if not granted
                else Outcome.GRANTED
                if granted == requested
                else Outcome.PARTLY_GRANTED
            )
            plan.path = [
                (
                    {
                        Outcome.GRANTED: S.GRANTED,
                        Outcome.PARTLY_GRANTED: S.PARTLY_GRANTED,
                        Outcome.REFUSED: S.REFUSED,
                    }[outcome]
                    if s in DECISIONS
                    else s
                )
                for s in plan.path
            ]
        plan.money_used = used
        plan.appeal = status == S.REFUSED
        plan.comment = number % 4 == 0
        # Spread the cases over the last weeks so the timeline reads naturally.
        start = now - timedelta(days=spread_days - number % spread_days, hours=number)
        opens = timezone.make_aware(datetime.combine(round_.opens_on, time(9)))
        plan.created = min(max(start, opens), now - timedelta(hours=3))
        plan.times = timeline(rng, plan, plan.created, now)
        plans.append(plan)
    return plans


def _scale_lines(lines, total) -> list:
    """The same lines, their amounts scaled to sum to `total`."""
    whole = sum(amount for _what, amount in lines)
    scaled, left = [], total
    for index, (what, amount) in enumerate(lines):
        part = left if index == len(lines) - 1 else total * amount // whole // 100 * 100
        scaled.append((what, part))
        left -= part
    return [(what, amount) for what, amount in scaled if amount > 0]


@transaction.atomic
def generate_demo(*, handler, leader, today: date | None = None) -> Generated | None:
    """The demo's Nabolagspotten: this year's open round (rolling intake; 150 000, 150 000
    and 120 000 kr for Lademoen, Møllenberg and Tempe-Sorgenfri) with applications in
    every status, and last year's round, closed, with its grants published. The demo
    handler has declared impartiality on every case under review. Does nothing (returns
    None) when there are rounds already."""
    if Round.objects.exists():
        return None
    rng = random.Random(2026)
    today = today or timezone.localdate()
    now = timezone.now()
    areas = {area.slug: area for area in Area.objects.filter(slug__in=DEMO_BUDGETS)}
    this_year = Round(
        name=f"Nabolagspotten {today.year}",
        year=today.year,
        opens_on=date(today.year, 1, 1),
        closes_on=None,
        max_grant=MAX_GRANT,
        criteria=CRITERIA,
        created_by=leader,
    )
    last_year = Round(
        name=f"Nabolagspotten {today.year - 1}",
        year=today.year - 1,
        opens_on=date(today.year - 1, 1, 2),
        closes_on=date(today.year - 1, 10, 31),
        max_grant=MAX_GRANT,
        criteria=CRITERIA,
        created_by=leader,
    )
    budgets = {
        (r.name, r.year): {areas[slug]: amount for slug, amount in DEMO_BUDGETS.items()}
        for r in (this_year, last_year)
    }
    applicants = _demo_applicants(rng)
    plans = _demo_plans(rng, this_year, DEMO_OPEN, areas, applicants, now, 60)
    before = timezone.make_aware(datetime.combine(last_year.closes_on, time(12)))
    regulars = [a for a in applicants if a.name not in NEW_THIS_YEAR]
    old = _demo_plans(rng, last_year, DEMO_LAST_YEAR, areas, regulars, before, 200)
    last_year_end = now - timedelta(days=20)
    for plan in old:  # the follow-up of last year's grants went on after the round closed
        plan.times = timeline(rng, plan, plan.created, last_year_end, before)
    for round_ in (this_year, last_year):
        for slug in DEMO_BUDGETS:
            fit_to_budget(
                [p for p in plans + old if p.round is round_ and p.area.slug == slug],
                DEMO_BUDGETS[slug],
            )
    writer = Writer(rng, handler, now)
    with times_as_given([Round, RoundArea, Application, *writer.MODELS, Appeal]):
        write_rounds([last_year, this_year], budgets, leader, now)
        everything = sorted(old + plans, key=lambda p: p.created)
        made = writer.write(everything)
    made.rounds = 2
    return made
