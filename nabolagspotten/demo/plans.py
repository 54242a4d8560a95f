"""Planning the generated cases before anything is written: who applies, for what, the
statuses each case passes through with their times, and the money, kept within each area's
budget as `services/ledger.py` counts it."""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from nabolagspotten.demo.words import (
    ACTIVITIES,
    APPLICANT_DOMAINS,
    AREA_WORD,
    FIRST_NAMES,
    GROUPS,
    LAST_NAMES,
    ORGANISATIONS,
    PLACES,
    PLACES_ANYWHERE,
    STREETS,
)
from nabolagspotten.models import Application, Decision, Round
from portfolio.models import Area

S = Application.Status
Outcome = Decision.Outcome
MIN_AMOUNT, MAX_AMOUNT = 2_000, 50_000

# --- Which statuses a round's cases are in, by the round's age ---------------------------

RECENT = [
    (S.DRAFT, 6),
    (S.SUBMITTED, 10),
    (S.IN_REVIEW, 10),
    (S.INFO_REQUESTED, 5),
    (S.RESUBMITTED, 4),
    (S.ANSWERED, 3),
    (S.GRANTED, 8),
    (S.PARTLY_GRANTED, 5),
    (S.REFUSED, 10),
    (S.ACCEPTED, 10),
    (S.DECLINED, 2),
    (S.PAID, 12),
    (S.REPORTED, 6),
    (S.CLOSED, 6),
    (S.WITHDRAWN, 4),
]
FOLLOW_UP = [
    (S.DRAFT, 3),
    (S.REFUSED, 4),
    (S.ACCEPTED, 2),
    (S.DECLINED, 1),
    (S.PAID, 15),
    (S.REPORTED, 15),
    (S.CLOSED, 55),
    (S.WITHDRAWN, 5),
]
OLD = [(S.DRAFT, 3), (S.CLOSED, 90), (S.WITHDRAWN, 7)]
CLOSED_AFTER = [("reported", 65), ("refused", 28), ("declined", 7)]

# Days between the steps of a case (low, high).
GAPS = {
    S.SUBMITTED: (0, 6),
    S.IN_REVIEW: (2, 20),
    S.INFO_REQUESTED: (1, 7),
    S.RESUBMITTED: (1, 10),
    S.ANSWERED: (1, 10),
    S.GRANTED: (5, 30),
    S.PARTLY_GRANTED: (5, 30),
    S.REFUSED: (5, 30),
    S.ACCEPTED: (1, 14),
    S.DECLINED: (1, 14),
    S.PAID: (3, 20),
    S.REPORTED: (30, 150),
    S.CLOSED: (3, 30),
    S.WITHDRAWN: (1, 20),
}
BY_APPLICANT = {
    S.SUBMITTED,
    S.RESUBMITTED,
    S.ANSWERED,
    S.ACCEPTED,
    S.DECLINED,
    S.REPORTED,
    S.WITHDRAWN,
}
DECISIONS = {
    S.GRANTED: Outcome.GRANTED,
    S.PARTLY_GRANTED: Outcome.PARTLY_GRANTED,
    S.REFUSED: Outcome.REFUSED,
}


@dataclass
class Generated:
    rounds: int = 0
    applications: int = 0
    by_status: dict = field(default_factory=dict)
    decisions: int = 0
    payments: int = 0
    final_reports: int = 0
    events: int = 0


@dataclass
class Applicant:
    kind: str
    name: str
    organisation_number: str
    contact_name: str
    email: str
    phone: str
    area_slug: str


@dataclass
class Plan:
    """One application before it is written: where, who, what, and the statuses it passes
    through (`path`, after the draft)."""

    round: Round
    area: Area
    applicant: Applicant
    path: list
    requested: int = 0
    granted: int | None = None
    lines: list = field(default_factory=list)
    times: list = field(default_factory=list)
    created: datetime | None = None
    activity: tuple = ()
    place: tuple = ()
    money_used: int | None = None
    appeal: bool = False
    comment: bool = False
    refused_for_money: bool = False
    first_time: bool | None = None

    @property
    def status(self) -> str:
        return self.path[-1] if self.path else S.DRAFT

    @property
    def outcome(self) -> str | None:
        for status in self.path:
            if status in DECISIONS:
                return DECISIONS[status]
        return None


# --- Helpers -----------------------------------------------------------------------------


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def organisation_number(rng: random.Random) -> str:
    """A nine-digit number starting with 8 or 9 with a valid mod-11 control digit."""
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        digits = [rng.choice([8, 9])] + [rng.randrange(10) for _i in range(7)]
        control = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if control == 10:
            continue
        return "".join(map(str, digits)) + str(0 if control == 11 else control)


def ascii_name(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def make_applicants(rng: random.Random, count: int, area_slugs: list[str]) -> list[Applicant]:
    people = []
    for number in range(count):
        slug = rng.choice(area_slugs)
        area_word = AREA_WORD.get(slug, "bydelen")
        street = rng.choice(STREETS.get(slug, ["Storgata"]))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        is_org = rng.random() < 0.55
        template = rng.choice(ORGANISATIONS if is_org else GROUPS)
        name = template.format(area=area_word, street=street, n=rng.randint(1, 60))
        people.append(
            Applicant(
                kind=(
                    Application.ApplicantKind.ORGANISATION
                    if is_org
                    else Application.ApplicantKind.GROUP
                ),
                name=name,
                organisation_number=organisation_number(rng) if is_org else "",
                contact_name=f"{first} {last}",
                email=f"{ascii_name(first)}.{ascii_name(last)}{number}@{rng.choice(APPLICANT_DOMAINS)}",
                phone=f"+47 9{rng.randrange(10)}{rng.randrange(10)} {rng.randrange(10, 100)} "
                f"{rng.randrange(100, 1000)}",
                area_slug=slug,
            )
        )
    return people


def _review(rng: random.Random, info_loop: float) -> list:
    if rng.random() < info_loop:
        return [S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED, S.RESUBMITTED, S.IN_REVIEW]
    return [S.SUBMITTED, S.IN_REVIEW]


def _path(rng: random.Random, status: str, closed_after: str | None = None) -> list:
    """The statuses a case passes through (after the draft) to end in `status`."""
    grant = S.GRANTED if rng.random() < 0.65 else S.PARTLY_GRANTED
    review = _review(rng, 0.15)
    paths = {
        S.DRAFT: [],
        S.SUBMITTED: [S.SUBMITTED],
        S.IN_REVIEW: _review(rng, 0.2),
        S.INFO_REQUESTED: [S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED],
        S.RESUBMITTED: [S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED, S.RESUBMITTED],
        S.ANSWERED: [S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED, S.ANSWERED],
        S.GRANTED: [*review, S.GRANTED],
        S.PARTLY_GRANTED: [*review, S.PARTLY_GRANTED],
        S.REFUSED: [*review, S.REFUSED],
        S.ACCEPTED: [*review, grant, S.ACCEPTED],
        S.DECLINED: [*review, grant, S.DECLINED],
        S.PAID: [*review, grant, S.ACCEPTED, S.PAID],
        S.REPORTED: [*review, grant, S.ACCEPTED, S.PAID, S.REPORTED],
        S.WITHDRAWN: rng.choice(
            [
                [],
                [S.SUBMITTED],
                [S.SUBMITTED, S.IN_REVIEW],
                [S.SUBMITTED, S.IN_REVIEW, S.INFO_REQUESTED],
            ]
        )
        + [S.WITHDRAWN],
    }
    if status == S.CLOSED:
        closed_after = closed_after or pick(rng, CLOSED_AFTER)
        before = {
            "reported": paths[S.REPORTED],
            "refused": paths[S.REFUSED],
            "declined": paths[S.DECLINED],
        }[closed_after]
        return [*before, S.CLOSED]
    return paths[status]


def amounts_and_lines(rng: random.Random, activity) -> tuple[int, list]:
    total = rng.randrange(MIN_AMOUNT // 500, MAX_AMOUNT // 500 + 1) * 500
    shares = activity[4]
    weight = sum(share for _what, share in shares)
    lines, left = [], total
    for index, (what, share) in enumerate(shares):
        amount = left if index == len(shares) - 1 else total * share // weight // 100 * 100
        lines.append((what, amount))
        left -= amount
    return total, [(what, amount) for what, amount in lines if amount > 0]


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59))))


def timeline(rng: random.Random, plan: Plan, start: datetime, now: datetime, deadline=None):
    """Times for the draft and each step, squeezed into [start, now] when needed; the
    first submission comes before the round closes."""
    gaps = [timedelta(days=rng.uniform(*GAPS[status])) for status in plan.path]
    if S.REFUSED in plan.path and plan.path[-1] == S.CLOSED:
        gaps[-1] = timedelta(days=rng.uniform(24, 40))  # after the appeal deadline
    total = sum(gaps, timedelta())
    room = now - timedelta(hours=1) - start
    if total > room:
        factor = max(room, timedelta()) / total if total else 0
        gaps = [gap * factor for gap in gaps]
    times, moment = [], start
    for index, gap in enumerate(gaps):
        moment = moment + gap
        if index == 0 and deadline is not None and plan.path[0] == S.SUBMITTED:
            moment = min(moment, deadline)
        times.append(moment)
    return times


def _refuse(plan: Plan) -> None:
    """The budget cannot carry the grant: the case is refused instead."""
    at = next(i for i, status in enumerate(plan.path) if status in (S.GRANTED, S.PARTLY_GRANTED))
    closed = plan.path[-1] == S.CLOSED
    plan.path = [*plan.path[:at], S.REFUSED] + ([S.CLOSED] if closed else [])
    plan.times = plan.times[: at + 1] + (plan.times[-1:] if closed else [])
    plan.granted = 0
    plan.money_used = None
    plan.refused_for_money = True


def fit_to_budget(plans: list[Plan], budget: int) -> None:
    """Never more committed than the budget: shrink or refuse the grants that do not fit."""
    committed = 0
    for plan in plans:
        if plan.outcome not in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
            continue
        need = plan.granted if plan.status in Application.COMMITTED_STATUSES else 0
        left = budget - committed
        if need <= left:
            committed += need
            continue
        if plan.outcome == Outcome.PARTLY_GRANTED and left >= MIN_AMOUNT:
            plan.granted = left // 100 * 100
            if plan.money_used is not None:
                plan.money_used = min(plan.money_used, plan.granted)
            committed += plan.granted
        else:
            _refuse(plan)


# --- One case ----------------------------------------------------------------------------


def make_plan(rng, round_, area, applicant, status, now, closed_after=None) -> Plan:
    activity = rng.choice(ACTIVITIES)
    place = rng.choice(PLACES.get(area.slug, []) + PLACES_ANYWHERE)
    plan = Plan(round=round_, area=area, applicant=applicant, path=_path(rng, status, closed_after))
    plan.activity, plan.place = activity, place
    plan.requested, plan.lines = amounts_and_lines(rng, activity)
    outcome = plan.outcome
    if outcome == Outcome.GRANTED:
        plan.granted = min(plan.requested, round_.max_grant)
        if plan.granted < plan.requested:  # over the round's largest grant: partly granted
            plan.path = [S.PARTLY_GRANTED if s == S.GRANTED else s for s in plan.path]
    elif outcome == Outcome.PARTLY_GRANTED:
        share = rng.uniform(0.4, 0.9)
        plan.granted = max(MIN_AMOUNT // 2, int(round(plan.requested * share, -2)))
        plan.granted = min(plan.granted, round_.max_grant, plan.requested - 100)
    elif outcome == Outcome.REFUSED:
        plan.granted = 0
    if S.REPORTED in plan.path:
        plan.money_used = (
            plan.granted if rng.random() < 0.7 else plan.granted * rng.randint(70, 99) // 100
        )
    plan.comment = rng.random() < 0.1
    plan.appeal = S.REFUSED in plan.path and rng.random() < 0.05 and plan.status != S.IN_REVIEW
    # When: a draft begun while the round was open, and the steps after it.
    opens = datetime.combine(round_.opens_on, time(8))
    today = timezone.localtime(now).date()
    last_day = min(round_.closes_on or today, today)
    span = max((last_day - round_.opens_on).days, 0)
    start_day = round_.opens_on + timedelta(days=rng.randint(0, max(span - 1, 0)))
    plan.created = max(_moment(start_day, rng), timezone.make_aware(opens))
    plan.created = min(plan.created, now - timedelta(hours=3))
    deadline = (
        timezone.make_aware(datetime.combine(round_.closes_on, time(23, 59)))
        if round_.closes_on
        else None
    )
    plan.times = timeline(rng, plan, plan.created, now, deadline)
    return plan
