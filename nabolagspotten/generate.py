"""Plausible Nabolagspotten data for the demo and the benchmark.

`generate_applications(years=5, per_year=4000, handler=...)` makes rounds with a budget per
area and applications spread over the years and over every status, with everything a case
of that status has gathered on its way: budget lines summing to the amount applied for,
the handler's habilitet and assessment, the decision (with its appeal deadline), messages,
payments, the final report and repayments, and the timeline (`CaseEvent`). Rows are written
with `bulk_create` (`bulk_create_with_history` for audited models, so every row has its
history), not through the services, so 20,000 applications take well under a minute.

`generate_demo(handler=..., leader=...)` makes the demo: an open round this year with at
least one application in every status, and last year's round with closed cases and
published grants. It does nothing when rounds exist already.

The rules the services keep hold here too: a decided case has one current `Decision` and
`amount_granted`; a paid case has payments summing to the grant; a reported case a
`FinalReport` (and a `Repayment` for money not used); every submitted case `submitted_at`
and `first_time`; and no round and area ever has more committed (as `services/ledger.py`
counts it) than its budget: a grant the budget cannot carry becomes a smaller grant or a
refusal. The same seed (and day) gives the same data.
"""

import math
import random
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.formatting import kroner
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
from portfolio.models import Area

S = Application.Status
O = Decision.Outcome  # noqa: E741
BATCH = 2_000
MIN_AMOUNT, MAX_AMOUNT = 2_000, 50_000
MAX_GRANT = 50_000
APPLICANT_DOMAINS = ["nabo.example", "post.example", "epost.example"]
DEMO_BUDGETS = {"lademoen": 150_000, "mollenberg": 150_000, "tempe-sorgenfri": 120_000}

# --- Words -------------------------------------------------------------------------------

PLACES = {
    "lademoen": [
        ("i Lademoparken", "Lademoparken"),
        ("på Lademoen bydelshus", "Lademoen bydelshus"),
        ("ved Lademoen kirke", "Plassen ved Lademoen kirke"),
        ("i Biskop Darres gate", "Bakgården i Biskop Darres gate {n}"),
        ("i Mellomveien", "Mellomveien {n}"),
        ("i Kirkegata", "Bakgården i Kirkegata {n}"),
        ("i Rønningsbakken", "Rønningsbakken {n}"),
        ("på Lademoen", "Lademoen skole, gymsalen"),
    ],
    "mollenberg": [
        ("på Møllenberg", "Møllenberg, ballbingen"),
        ("i Nedre Møllenberg gate", "Bakgården i Nedre Møllenberg gate {n}"),
        ("i Øvre Møllenberg gate", "Øvre Møllenberg gate {n}"),
        ("i Nonnegata", "Bakgården i Nonnegata {n}"),
        ("i Rosenborggata", "Rosenborggata {n}"),
        ("ved Nidelva", "Elvepromenaden ved Nidelva"),
        ("i Innherredsveien", "Innherredsveien {n}, første etasje"),
    ],
    "tempe-sorgenfri": [
        ("i Tempe", "Tempe, fellesarealet"),
        ("på Sorgenfri", "Sorgenfri, grøntområdet"),
        ("ved Tempe kirke", "Menighetssalen i Tempe kirke"),
        ("i Sorgenfriveien", "Sorgenfriveien {n}"),
        ("i Tempevegen", "Tempevegen {n}"),
        ("i Valøyvegen", "Valøyvegen {n}"),
        ("i Holtermanns veg", "Holtermanns veg {n}"),
    ],
}
PLACES_ANYWHERE = [("i nabolaget", "I nabolaget"), ("i bydelen", "Flere steder i bydelen")]
STREETS = {
    "lademoen": ["Biskop Darres gate", "Mellomveien", "Kirkegata", "Rønningsbakken"],
    "mollenberg": ["Nedre Møllenberg gate", "Øvre Møllenberg gate", "Nonnegata", "Rosenborggata"],
    "tempe-sorgenfri": ["Sorgenfriveien", "Tempevegen", "Valøyvegen", "Holtermanns veg"],
}
AREA_WORD = {"lademoen": "Lademoen", "mollenberg": "Møllenberg", "tempe-sorgenfri": "Tempe"}

# (activity, what, for whom, how residents take part, budget lines as (what, share))
ACTIVITIES = [
    (
        "Sommerfest",
        "En fest for alle i kvartalet med grilling, musikk og leker for barna.",
        "Alle som bor i kvartalet, store og små.",
        "Beboerne planlegger, rigger, lager mat og rydder etterpå.",
        [("Mat og drikke", 5), ("Leie av telt og benker", 3), ("Leker og premier", 2)],
    ),
    (
        "Leksehjelp for barn og unge",
        "Frivillige gir leksehjelp to ettermiddager i uka, med et enkelt måltid.",
        "Barn og unge i 5.–10. klasse som bor i området.",
        "Foreldre, studenter og pensjonister i nabolaget er leksehjelpere.",
        [("Mat", 4), ("Skolemateriell", 3), ("Leie av lokale", 3)],
    ),
    (
        "Språkkafé",
        "Et ukentlig treff der vi øver på norsk over en kopp kaffe.",
        "Voksne som vil øve på norsk, og naboer som vil bli kjent.",
        "Frivillige naboer leder samtalegrupper og baker til kaffen.",
        [("Kaffe og bakst", 5), ("Kursmateriell", 2), ("Leie av lokale", 3)],
    ),
    (
        "Vårdugnad og plantedag",
        "Vi rydder, planter blomster og setter opp benker i fellesområdet.",
        "Alle beboere, med egne oppgaver for barna.",
        "Beboerne gjør jobben selv på dugnad; vi spanderer mat etterpå.",
        [("Planter og jord", 5), ("Verktøy", 3), ("Mat til dugnaden", 2)],
    ),
    (
        "Juletrefest",
        "Juletrefest med gang rundt treet, nisse og grøt.",
        "Familier i nabolaget, særlig dem som ikke har andre å feire med.",
        "Naboer pynter, lager grøt og spiller musikk.",
        [("Mat", 4), ("Leie av lokale", 4), ("Gaver til barna", 2)],
    ),
    (
        "Strikkekafé for alle generasjoner",
        "Strikking og prat hver tirsdag, der eldre lærer bort og unge lærer.",
        "Eldre og unge som vil lære av hverandre.",
        "Erfarne strikkere i nabolaget holder kurset.",
        [("Garn og pinner", 5), ("Kaffe og bakst", 3), ("Leie av lokale", 2)],
    ),
    (
        "Fotballturnering for ungdom",
        "En turnering over to dager med lag fra hele bydelen.",
        "Ungdom mellom 12 og 18 år.",
        "Ungdommene organiserer lagene, foreldrene tar dommer- og kioskvakter.",
        [("Baller og utstyr", 4), ("Premier", 2), ("Mat og drikke", 4)],
    ),
    (
        "Filmkveld",
        "Utekino på storskjerm en sensommerkveld, med popkorn.",
        "Alle i nabolaget.",
        "Naboene velger film, rigger og rydder.",
        [("Leie av storskjerm og lyd", 6), ("Visningsrett", 2), ("Popkorn og drikke", 2)],
    ),
    (
        "Felles middag for naboer",
        "En middag i måneden der alle tar med noe og vi lager resten sammen.",
        "Naboer som vil bli kjent, særlig nyinnflyttede.",
        "Beboerne lager maten sammen og inviterer hverandre.",
        [("Råvarer", 6), ("Leie av kjøkken", 4)],
    ),
    (
        "Sykkelverksted på dugnad",
        "Et gratis sykkelverksted på lørdager der vi lærer hverandre å reparere.",
        "Barn, unge og voksne som sykler.",
        "Naboer med verktøy og kunnskap holder verkstedet åpent.",
        [("Verktøy", 5), ("Reservedeler", 4), ("Skilt og plakater", 1)],
    ),
    (
        "Parsellhage i bakgården",
        "Pallekarmer og dyrking av grønnsaker i felles bakgård.",
        "Beboerne i gården, og skolebarna i nærheten.",
        "Beboerne bygger karmene, dyrker og deler avlingen.",
        [("Materialer til pallekarmer", 5), ("Jord og frø", 3), ("Vanningsutstyr", 2)],
    ),
    (
        "Seniortreff med kaffe og kultur",
        "Et treff annenhver uke med kaffe, foredrag og musikk.",
        "Eldre i nabolaget som bor alene.",
        "Pensjonister i nabolaget lager programmet og henter dem som trenger skyss.",
        [("Honorar til foredragsholdere", 4), ("Kaffe og mat", 4), ("Transport", 2)],
    ),
    (
        "Loppemarked",
        "Et loppemarked der naboene selger og bytter ting de ikke trenger.",
        "Alle i nabolaget; overskuddet går til lekeplassen.",
        "Naboene rigger bodene og står i kiosken.",
        [("Leie av bord og telt", 5), ("Plakater", 2), ("Kiosk", 3)],
    ),
    (
        "17. mai-frokost for naboene",
        "Felles frokost på nasjonaldagen, med langbord i gata.",
        "Alle som bor i gata.",
        "Naboene dekker bord, steker vafler og pynter.",
        [("Mat", 6), ("Pynt og flagg", 2), ("Leie av bord", 2)],
    ),
    (
        "Aktivitetsdag for familier",
        "En dag med aktiviteter, ansiktsmaling og leker for barn og foreldre.",
        "Barnefamilier i området.",
        "Foreldre driver postene og lager mat.",
        [("Utstyr til aktiviteter", 5), ("Mat og drikke", 3), ("Plakater", 2)],
    ),
    (
        "Konsert",
        "En gratis konsert med lokale musikere og kor.",
        "Alle i bydelen.",
        "Lokale musikere spiller; naboer rigger og selger kaffe.",
        [("Honorar til musikere", 5), ("Leie av lydanlegg", 4), ("Plakater", 1)],
    ),
    (
        "Matkurs med mat fra hele verden",
        "Naboer lærer hverandre å lage retter fra hjemlandet sitt.",
        "Voksne og ungdom som liker å lage mat.",
        "Naboene er kursholdere og deler oppskriftene sine.",
        [("Råvarer", 6), ("Leie av kjøkken", 3), ("Trykking av oppskrifter", 1)],
    ),
    (
        "Bydelsvandring med lokalhistorie",
        "Guidede vandringer der eldre beboere forteller om stedet.",
        "Nye og gamle beboere og skoleklasser.",
        "Beboere med lang fartstid er guider.",
        [("Trykking av kart", 4), ("Honorar til guider", 4), ("Kaffe underveis", 2)],
    ),
    (
        "Benker og blomster i gatetunet",
        "Vi setter ut benker og blomsterkasser så gatetunet blir et sted å møtes.",
        "Alle som bor og går i gata.",
        "Naboene bygger og steller kassene selv.",
        [("Materialer", 6), ("Planter og jord", 4)],
    ),
]

FIRST_NAMES = [
    "Kari", "Ola", "Ingrid", "Ahmed", "Fatima", "Lars", "Sigrid", "Mohammed", "Anne", "Jonas",
    "Nora", "Amina", "Erik", "Marte", "Yusuf", "Hanne", "Tor", "Leila", "Silje", "Magnus",
    "Aisha", "Per", "Ida", "Omar", "Astrid", "Tuan", "Maria", "Bjørn", "Hawa", "Øystein",
]  # fmt: skip
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Ali", "Hassan", "Nguyen", "Ahmed",
    "Bakken", "Moen", "Solberg", "Aune", "Lund", "Strand", "Eriksen", "Sæther", "Røe",
]  # fmt: skip
ORGANISATIONS = [
    "{area} velforening",
    "Borettslaget {street}",
    "{area} idrettslag",
    "FAU ved {area} skole",
    "{area} seniorforening",
    "{area} historielag",
    "Bydelskoret i {area}",
    "Kvinnenettverket i {area}",
    "Foreldreforeningen for somaliske familier i Trondheim",
    "Trondheim internasjonale kulturforening",
    "Sjakklubben Springeren",
    "Frivilligsentralen i Østbyen",
]
GROUPS = [
    "Naboene i {street}",
    "Beboerne i {street} {n}",
    "Foreldregruppa på {area}",
    "Strikkegjengen på {area}",
    "Dugnadsgjengen i {street}",
    "Hagegruppa i {street}",
    "Ungdomsrådet på {area}",
]
PARTNERS = [
    "",
    "Frivilligsentralen",
    "Biblioteket",
    "Skolen og FAU",
    "Menigheten",
    "Borettslaget",
    "Ungdomstjenesten",
]
REASONS = {
    O.GRANTED: "Tiltaket samler naboer, har bred medvirkning og oppfyller kriteriene for runden.",
    O.PARTLY_GRANTED: (
        "Tiltaket oppfyller kriteriene. Potten er begrenset, så vi innvilger deler av "
        "beløpet; vi dekker ikke utstyr som kan lånes i bydelen."
    ),
    O.REFUSED: ("Søknaden gjelder ordinær drift av foreningen, og det dekker ikke Nabolagspotten."),
}
REFUSED_NO_MONEY = (
    "Tiltaket oppfyller kriteriene, men potten for området i denne runden er brukt opp."
)
CONDITIONS = "Tilskuddet brukes som beskrevet i søknaden. Sluttrapport sendes innen fristen."
INFO_REQUEST = "Kan dere si litt mer om hvem som deltar, og sende et oppdatert budsjett?"
INFO_ANSWER = "Vi regner med rundt 60 deltakere, og budsjettet er oppdatert i søknaden."
ASSESSMENT = {
    O.GRANTED: ("innvilge", "Godt forankret i nabolaget, mye egeninnsats og et rimelig budsjett."),
    O.PARTLY_GRANTED: ("delvis", "Oppfyller kriteriene, men deler av budsjettet er utstyr."),
    O.REFUSED: ("avslaa", "Gjelder ordinær drift; faller utenfor kriteriene."),
}
REPORTS = [
    "Arrangementet ble gjennomført som planlagt, med godt oppmøte og fint vær.",
    "Flere nye naboer kom, og mange vil være med å planlegge neste gang.",
    "Vi fikk færre deltakere enn ventet, men de som kom, vil gjerne ha det igjen.",
    "Tilbudet ble så populært at vi har fortsatt med egne midler.",
]
COMMENTS = [
    "Søkeren fikk tilskudd i fjor også; sluttrapporten da var god.",
    "Sjekket organisasjonsnummeret i Enhetsregisteret: stemmer.",
    "Budsjettet virker nøkternt.",
]
CRITERIA = (
    "Tiltaket skal skape aktivitet, trivsel og fellesskap i nabolaget, være åpent for alle "
    "og drives av beboerne selv. Vi støtter ikke ordinær drift eller aktiviteter med "
    "kommersiell fortjeneste."
)

# --- Which statuses a round's cases are in, by the round's age ---------------------------

RECENT = [
    (S.DRAFT, 6),
    (S.SUBMITTED, 10),
    (S.IN_REVIEW, 10),
    (S.INFO_REQUESTED, 5),
    (S.RESUBMITTED, 4),
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
BY_APPLICANT = {S.SUBMITTED, S.RESUBMITTED, S.ACCEPTED, S.DECLINED, S.REPORTED, S.WITHDRAWN}
DECISIONS = {S.GRANTED: O.GRANTED, S.PARTLY_GRANTED: O.PARTLY_GRANTED, S.REFUSED: O.REFUSED}


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


def _pick(rng: random.Random, weighted):
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


def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _applicants(rng: random.Random, count: int, area_slugs: list[str]) -> list[Applicant]:
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
                email=f"{_ascii(first)}.{_ascii(last)}{number}@{rng.choice(APPLICANT_DOMAINS)}",
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
        closed_after = closed_after or _pick(rng, CLOSED_AFTER)
        before = {
            "reported": paths[S.REPORTED],
            "refused": paths[S.REFUSED],
            "declined": paths[S.DECLINED],
        }[closed_after]
        return [*before, S.CLOSED]
    return paths[status]


def _amounts(rng: random.Random, activity) -> tuple[int, list]:
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


def _timeline(rng: random.Random, plan: Plan, start: datetime, now: datetime, deadline=None):
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


def _committed(plan: Plan) -> int:
    """What this case binds of the area's budget, as services/ledger.py counts it."""
    if S.DECLINED in plan.path:  # a declined grant has 0 kr granted on the application
        return 0
    if plan.status in Application.COMMITTED_STATUSES and plan.granted:
        return plan.granted
    return 0


def _refuse(plan: Plan) -> None:
    """The budget cannot carry the grant: the case is refused instead."""
    at = next(i for i, status in enumerate(plan.path) if status in (S.GRANTED, S.PARTLY_GRANTED))
    closed = plan.path[-1] == S.CLOSED
    plan.path = [*plan.path[:at], S.REFUSED] + ([S.CLOSED] if closed else [])
    plan.times = plan.times[: at + 1] + (plan.times[-1:] if closed else [])
    plan.granted = 0
    plan.money_used = None
    plan.refused_for_money = True


def _fit_to_budget(plans: list[Plan], budget: int) -> None:
    """Never more committed than the budget: shrink or refuse the grants that do not fit."""
    committed = 0
    for plan in plans:
        if plan.outcome not in (O.GRANTED, O.PARTLY_GRANTED):
            continue
        need = plan.granted if plan.status in Application.COMMITTED_STATUSES else 0
        left = budget - committed
        if need <= left:
            committed += need
            continue
        if plan.outcome == O.PARTLY_GRANTED and left >= MIN_AMOUNT:
            plan.granted = left // 100 * 100
            if plan.money_used is not None:
                plan.money_used = min(plan.money_used, plan.granted)
            committed += plan.granted
        else:
            _refuse(plan)


@contextmanager
def _times_as_given(models):
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


# --- Writing ---------------------------------------------------------------------------


class _Writer:
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
            consent_privacy=bool(submitted) or self.rng.random() < 0.5,
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
            elif status == S.RESUBMITTED:
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
            conditions=CONDITIONS if outcome != O.REFUSED else "",
            decided_by=self.handler,
            decided_at=at,
            letter_sent_at=sent if sent < self.now else None,
            appeal_deadline=appeal_deadline(day) if sent < self.now else None,
            accept_deadline=(
                day + timedelta(days=plan.round.accept_within_days)
                if outcome != O.REFUSED
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


# --- Planning ----------------------------------------------------------------------------


def _plan(rng, round_, area, applicant, status, now, closed_after=None) -> Plan:
    activity = rng.choice(ACTIVITIES)
    place = rng.choice(PLACES.get(area.slug, []) + PLACES_ANYWHERE)
    plan = Plan(round=round_, area=area, applicant=applicant, path=_path(rng, status, closed_after))
    plan.activity, plan.place = activity, place
    plan.requested, plan.lines = _amounts(rng, activity)
    outcome = plan.outcome
    if outcome == O.GRANTED:
        plan.granted = min(plan.requested, round_.max_grant)
        if plan.granted < plan.requested:  # over the round's largest grant: partly granted
            plan.path = [S.PARTLY_GRANTED if s == S.GRANTED else s for s in plan.path]
    elif outcome == O.PARTLY_GRANTED:
        share = rng.uniform(0.4, 0.9)
        plan.granted = max(MIN_AMOUNT // 2, int(round(plan.requested * share, -2)))
        plan.granted = min(plan.granted, round_.max_grant, plan.requested - 100)
    elif outcome == O.REFUSED:
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
    plan.times = _timeline(rng, plan, plan.created, now, deadline)
    return plan


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


def _write_rounds(rounds: list[Round], budgets: dict, leader, now) -> None:
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
    applicants = _applicants(rng, max(1, total // 3), [a.slug for a in areas])
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
                status = _pick(rng, stage)
                area = rng.choices(areas, weights=weights)[0]
            local = by_area.get(area.slug) or applicants
            applicant = rng.choice(local if rng.random() < 0.85 else applicants)
            plan = _plan(rng, round_, area, applicant, status, now)
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
            _fit_to_budget(plans, budget)
            by_area[area] = budget
        budgets[round_.name, round_.year] = by_area

    writer = _Writer(rng, handler, now)
    with _times_as_given([Round, RoundArea, Application, *writer.MODELS, Appeal]):
        _write_rounds(rounds, budgets, leader, now)
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
                email=f"{_ascii(first)}.{_ascii(last)}@{APPLICANT_DOMAINS[number % 3]}",
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
        plan = _plan(rng, round_, area, applicant, status, now, after)
        plan.activity = ACTIVITIES[activity]
        plan.place = PLACES[slug][place]
        plan.requested = requested
        _total, plan.lines = _amounts(random.Random(number), plan.activity)
        plan.lines = _scale_lines(plan.lines, requested)
        if plan.outcome:
            plan.granted = granted
            outcome = (
                O.REFUSED
                if not granted
                else O.GRANTED
                if granted == requested
                else O.PARTLY_GRANTED
            )
            plan.path = [
                (
                    {
                        O.GRANTED: S.GRANTED,
                        O.PARTLY_GRANTED: S.PARTLY_GRANTED,
                        O.REFUSED: S.REFUSED,
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
        plan.times = _timeline(rng, plan, plan.created, now)
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
        plan.times = _timeline(rng, plan, plan.created, last_year_end, before)
    for round_ in (this_year, last_year):
        for slug in DEMO_BUDGETS:
            _fit_to_budget(
                [p for p in plans + old if p.round is round_ and p.area.slug == slug],
                DEMO_BUDGETS[slug],
            )
    writer = _Writer(rng, handler, now)
    with _times_as_given([Round, RoundArea, Application, *writer.MODELS, Appeal]):
        _write_rounds([last_year, this_year], budgets, leader, now)
        everything = sorted(old + plans, key=lambda p: p.created)
        made = writer.write(everything)
    made.rounds = 2
    return made
