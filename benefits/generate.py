"""Demo and benchmark data for the benefits register.

`generate_benefits(owners=..., leader=...)` makes 21 plausible benefits across the
programme's three goals, each with one to three indicators that carry both baselines (the
2022 and 2025 socio-cultural place analyses), a target for 2030 and three years of
measurements at the indicator's frequency, some waiting for approval; the benefits stand in
every status, with contributing projects of the portfolio. One is the programme's perceived
change (opplevd endring): the share of residents who feel safe, one indicator per area.
`benefits=300` (the benchmark's scale 1) repeats the profiles with numbered titles, three
indicators each and `years` of quarterly measurements. Deterministic for a seed. Does
nothing if there are benefits already.

Benefits go through the services (history, timeline); the many indicators, baselines,
targets and measurements are written with `bulk_create_with_history`. `after_benefits` adds
two approved benefit-realisation plans (one for a project, one for goal 1); one benefit is
handed over to ordinary operations with its HØP reference.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from benefits.services import benefits as services
from benefits.services.due import period_end_after
from portfolio.models import Area, Goal, Project

# (goal number, area slug or None for all, title, description, dfo class,
#  [(indicator name, unit, direction, frequency, source, 2022 value, 2025 value, target[,
#    area slug of a per-area indicator (perceived change)])])
PROFILES = [
    (
        1,
        "lademoen",
        "Økt opplevd trygghet i Lademoen",
        "Flere beboere føler seg trygge når de ferdes i nabolaget, også om kvelden.",
        "kvalitet",
        [
            (
                "Andel som føler seg trygge i nabolaget om kvelden",
                "prosent",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                54,
                58,
                70,
            ),
            (
                "Meldte hendelser i Lademoparken",
                "antall",
                "ned",
                "kvartal",
                "Politiets stedsstatistikk",
                38,
                31,
                20,
            ),
        ],
    ),
    (
        1,
        "mollenberg",
        "Flere trygge og inviterende uterom på Møllenberg",
        "Uterommene brukes av flere aldersgrupper gjennom hele året.",
        "kvalitet",
        [
            (
                "Brukere av uterommene en vanlig ettermiddag",
                "antall",
                "opp",
                "kvartal",
                "Tellinger, Byplankontoret",
                45,
                60,
                110,
            ),
            (
                "Tilfredshet med uterommene",
                "skala",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                2.8,
                3.1,
                4.0,
            ),
        ],
    ),
    (
        1,
        "tempe-sorgenfri",
        "Tryggere skolevei i Tempe-Sorgenfri",
        "Barn går og sykler til skolen uten å krysse farlige veier.",
        "kvalitet",
        [
            (
                "Andel elever som går eller sykler til skolen",
                "prosent",
                "opp",
                "aar",
                "Reisevaneundersøkelse, skolene",
                61,
                66,
                80,
            )
        ],
    ),
    (
        1,
        None,
        "Flere barnefamilier blir boende i områdene",
        "Barnefamilier finner boliger som passer og blir lenger i nabolaget.",
        "andre_aktorer",
        [
            (
                "Andel barnefamilier som flytter ut innen tre år",
                "prosent",
                "ned",
                "aar",
                "Folkeregisteret, SSB",
                34,
                31,
                24,
            )
        ],
    ),
    (
        1,
        "lademoen",
        "Sterkere tilhørighet og stolthet i Lademoen",
        "Flere beboere er stolte av nabolaget og forteller om det til andre.",
        "kvalitet",
        [
            (
                "Andel som er stolte av nabolaget",
                "prosent",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                47,
                52,
                65,
            ),
            (
                "Beboernes fortellinger om nabolaget",
                "tekst",
                "opp",
                "aar",
                "Fokusgrupper i stedsanalysen",
                None,
                None,
                None,
            ),
        ],
    ),
    (
        1,
        "mollenberg",
        "Færre klager på forsøpling og hærverk på Møllenberg",
        "Felles uterom holdes rene og hele.",
        "effektivisering",
        [("Klager til bydriften", "antall", "ned", "maaned", "Bydriftens meldesystem", 22, 18, 10)],
    ),
    (
        1,
        None,
        "Bedre bruk av sosial infrastruktur på kveldstid",
        "Skoler og fritidsklubber er åpne møteplasser etter skoletid.",
        "effektivisering",
        [
            (
                "Timer med åpne lokaler per uke",
                "antall",
                "opp",
                "kvartal",
                "Eiendomsenhetens bookingsystem",
                12,
                20,
                40,
            )
        ],
    ),
    (
        2,
        None,
        "Flere unge i arbeid eller utdanning",
        "Færre unge mellom 16 og 25 år står utenfor arbeid og skole.",
        "andre_aktorer",
        [
            (
                "Andel unge 16–25 år utenfor arbeid og utdanning",
                "prosent",
                "ned",
                "aar",
                "NAV og SSB",
                14,
                12.5,
                9,
            ),
            (
                "Unge som har fått sommerjobb gjennom tiltaket",
                "antall",
                "opp",
                "aar",
                "Ungdomstjenesten",
                25,
                48,
                90,
            ),
        ],
    ),
    (
        2,
        "lademoen",
        "Flere fullfører videregående skole fra Lademoen",
        "Flere elever fra nabolaget fullfører og består videregående opplæring.",
        "andre_aktorer",
        [
            (
                "Andel som fullfører videregående innen fem år",
                "prosent",
                "opp",
                "aar",
                "Trøndelag fylkeskommune",
                71,
                74,
                82,
            )
        ],
    ),
    (
        2,
        None,
        "Tidligere og mer samordnet hjelp til barnefamilier",
        "Familier med sammensatte behov får ett kontaktpunkt og hjelp tidlig.",
        "kvalitet",
        [
            (
                "Dager fra bekymring til første møte",
                "antall",
                "ned",
                "kvartal",
                "Helse- og velferdssenter Østbyen",
                28,
                21,
                10,
            ),
            (
                "Familienes opplevelse av hjelpen",
                "skala",
                "opp",
                "aar",
                "Brukerundersøkelse",
                3.0,
                3.4,
                4.2,
            ),
        ],
    ),
    (
        2,
        "tempe-sorgenfri",
        "Flere eldre deltar i aktiviteter i Tempe",
        "Eldre som bor alene har noe å gå til flere ganger i uken.",
        "kvalitet",
        [
            (
                "Deltakere over 67 år på seniortreffene",
                "antall",
                "opp",
                "kvartal",
                "Frivilligsentralen",
                35,
                52,
                90,
            )
        ],
    ),
    (
        2,
        None,
        "Mindre ensomhet blant innbyggerne",
        "Færre innbyggere kjenner seg ensomme.",
        "kvalitet",
        [
            (
                "Andel som ofte kjenner seg ensomme",
                "prosent",
                "ned",
                "aar",
                "Sosiokulturell stedsanalyse",
                21,
                19,
                14,
            )
        ],
    ),
    (
        2,
        "mollenberg",
        "Flere innvandrerkvinner i arbeid på Møllenberg",
        "Flere kvinner med innvandrerbakgrunn kommer i jobb gjennom språkpraksis.",
        "andre_aktorer",
        [
            (
                "Deltakere i språkpraksis som får jobb",
                "prosent",
                "opp",
                "aar",
                "NAV Falkenborg",
                22,
                30,
                45,
            )
        ],
    ),
    (
        2,
        None,
        "Tjenestene samarbeider på tvers som en fast arbeidsmåte",
        "Enhetene planlegger og følger opp tiltak sammen, også etter programslutt.",
        "effektivisering",
        [
            (
                "Tiltak med to eller flere deltakende enheter",
                "prosent",
                "opp",
                "aar",
                "Prosjektporteføljen",
                35,
                48,
                70,
            )
        ],
    ),
    (
        3,
        None,
        "Flere innbyggere deltar i nabolagsaktiviteter",
        "Flere tar del i dugnader, fester og aktiviteter i nabolaget.",
        "andre_aktorer",
        [
            (
                "Andel som har deltatt i en nabolagsaktivitet siste år",
                "prosent",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                29,
                35,
                50,
            ),
            (
                "Søknader til Nabolagspotten",
                "antall",
                "opp",
                "kvartal",
                "Nabolagspotten",
                8,
                19,
                40,
            ),
        ],
    ),
    (
        3,
        "lademoen",
        "Flere frivillige driver aktiviteter i Lademoen",
        "Frivillige og lag tar ansvar for faste aktiviteter.",
        "andre_aktorer",
        [
            (
                "Aktive frivillige i nabolagets lag og foreninger",
                "antall",
                "opp",
                "aar",
                "Frivilligsentralen",
                60,
                85,
                140,
            )
        ],
    ),
    (
        3,
        None,
        "Innbyggerne har reell innflytelse på tiltakene",
        "Beboerne er med og bestemmer hva som skal gjøres i nabolaget.",
        "kvalitet",
        [
            (
                "Andel som mener de kan påvirke nabolaget",
                "prosent",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                24,
                29,
                45,
            ),
            (
                "Medvirkningsprosessenes kvalitet",
                "tekst",
                "opp",
                "aar",
                "Følgeevaluering",
                None,
                None,
                None,
            ),
        ],
    ),
    (
        3,
        "tempe-sorgenfri",
        "Sterkere nabolagsnettverk i Tempe-Sorgenfri",
        "Naboer kjenner hverandre og hjelper hverandre i hverdagen.",
        "kvalitet",
        [
            (
                "Andel som kjenner minst fem naboer ved navn",
                "prosent",
                "opp",
                "aar",
                "Sosiokulturell stedsanalyse",
                38,
                41,
                55,
            )
        ],
    ),
    (
        3,
        "mollenberg",
        "Flere lokale næringsdrivende engasjerer seg",
        "Butikker og kafeer bidrar til arrangementer og møteplasser.",
        "andre_aktorer",
        [
            (
                "Næringsdrivende med i nabolagsnettverket",
                "antall",
                "opp",
                "aar",
                "Kultur og næring",
                6,
                11,
                25,
            )
        ],
    ),
    (
        3,
        None,
        "Økt kostnad til drift av nye møteplasser",
        "Nye møteplasser gir driftskostnader som må tas inn i HØP (en ulempe).",
        "effektivisering",
        [
            (
                "Driftskostnad per år for nye møteplasser",
                "kroner",
                "stabil",
                "aar",
                "Regnskap, Kultur og næring",
                400000,
                420000,
                420000,
            )
        ],
    ),
    (
        1,
        None,
        "Økt opplevd trygghet i nabolagene (opplevd endring)",
        "Programmets hovedmål for opplevd endring: flere beboere i hvert område føler seg "
        "trygge i nabolaget, målt i innbyggerundersøkelsen og stedsanalysene per område og år.",
        "kvalitet",
        [
            (
                "Andel beboere som føler seg trygge i nabolaget",
                "prosent",
                "opp",
                "aar",
                "Innbyggerundersøkelse og sosiokulturell stedsanalyse",
                first,
                second,
                target,
                slug,
            )
            for slug, first, second, target in (
                ("lademoen", 56, 60, 72),
                ("mollenberg", 61, 63, 72),
                ("tempe-sorgenfri", 58, 59, 70),
            )
        ],
    ),
]
STATUSES = [  # the demo's spread of statuses, in order of the profiles
    "under_realisering",
    "under_realisering",
    "planlagt",
    "identifisert",
    "realisert",
    "under_realisering",
    "planlagt",
    "under_realisering",
    "overfort_til_drift",
    "planlagt",
    "under_realisering",
    "identifisert",
    "under_realisering",
    "realisert",
    "under_realisering",
    "planlagt",
    "under_realisering",
    "identifisert",
    "ikke_realisert",
    "planlagt",
]
MOVES = {
    "planlagt": [services.benefit_plan],
    "under_realisering": [services.benefit_plan, services.benefit_start_realisation],
    "realisert": [
        services.benefit_plan,
        services.benefit_start_realisation,
        services.benefit_realise,
    ],
    "overfort_til_drift": [
        services.benefit_plan,
        services.benefit_start_realisation,
        services.benefit_realise,
        services.benefit_hand_over,
    ],
}
BASELINE_DAYS = (datetime.date(2022, 6, 1), datetime.date(2025, 6, 1))
TARGET_DAY = datetime.date(2030, 12, 31)


@dataclass
class Made:
    benefits: int = 0
    indicators: int = 0
    measurements: int = 0
    plans: int = 0


def generate_benefits(
    *,
    owners,
    leader,
    benefits: int = len(PROFILES),
    years: int = 3,
    seed: int = 2026,
    indicators_per_benefit: int | None = None,
    frequency: str | None = None,
) -> Made:
    """`owners` are change leaders (their units own the benefits) and project leaders (who
    entered the measurements waiting for approval); `leader` is the programme leader."""
    if Benefit.objects.exists():
        return Made()
    with transaction.atomic():
        made = _generate(
            rng=random.Random(seed),
            owners=list(owners),
            leader=leader,
            count=benefits,
            years=years,
            per_benefit=indicators_per_benefit,
            frequency=frequency,
        )
        after_benefits(made, leader=leader)
    return made


PLAN_TEXTS = {
    "milestones": (
        "2026: tiltakene i gang og første måling etter nullpunktet fra stedsanalysen 2025.\n"
        "2028: halvveis mot målet; evaluering sammen med enheten.\n"
        "2030: målet nådd; gevinsten tas inn i ordinær drift."
    ),
    "responsibilities": (
        "Endringslederen i eierenheten er gevinstansvarlig og godkjenner målingene; "
        "prosjektlederen registrerer målingene for prosjektets indikatorer."
    ),
    "into_operations": (
        "Enheten viderefører tiltaket i sitt eget budsjett fra neste HØP-periode, og "
        "målingene fortsetter i enhetens årlige rapportering."
    ),
}


def after_benefits(made: Made, *, leader) -> None:
    """Two approved benefit-realisation plans: one for the project that contributes to the
    most benefits, one for goal 1. Frozen and decided through the board's machinery
    (`portfolio.services.board`) without e-mail to the board; their PDFs are made by
    `seed_demo` with the other missing PDFs."""
    from django.contrib.auth import get_user_model

    from accounts.roles import Role
    from benefits.models import BenefitPlan
    from benefits.services import plans as plan_services
    from portfolio.services import board

    board_member = (
        get_user_model()
        .objects.filter(groups__name=Role.BOARD.value, is_active=True)
        .order_by("pk")
        .first()
    ) or leader
    project = (
        Project.objects.filter(benefit_contributions__isnull=False)
        .annotate(benefit_count=models.Count("benefit_contributions"))
        .order_by("-benefit_count", "pk")
        .first()
    )
    goal = Goal.objects.order_by("number").first()
    for target in ({"project": project}, {"goal": goal}):
        if None in target.values():
            continue
        plan = plan_services.plan_create(by=leader, **target)
        plan = plan_services.plan_update(plan=plan, by=leader, **PLAN_TEXTS)
        locked = BenefitPlan.objects.select_for_update().get(pk=plan.pk)
        submission = board.submission_freeze(
            plan=locked, content=plan_services.plan_snapshot(locked), by=leader
        )
        board.submission_decide(
            submission=submission,
            by=board_member,
            decision="godkjent",
            meeting_date=timezone.localdate(),
            decision_text="Programstyret godkjenner gevinstrealiseringsplanen.",
        )
        made.plans += 1


def _generate(*, rng, owners, leader, count, years, per_benefit, frequency) -> Made:
    today = timezone.localdate()
    goals = {goal.number: goal for goal in Goal.objects.prefetch_related("strategies")}
    areas = {area.slug: area for area in Area.objects.all()}
    projects = list(Project.objects.order_by("pk").prefetch_related("focus_areas"))
    change_leaders = [u for u in owners if u.is_change_leader] or [leader]
    project_leaders = [u for u in owners if u.is_project_leader] or change_leaders
    made = Made()
    indicators, plans = [], []
    for number in range(count):
        goal_no, slug, title, description, dfo, profile = PROFILES[number % len(PROFILES)]
        if number >= len(PROFILES):
            title = f"{title} ({number // len(PROFILES) + 1})"
        owner = change_leaders[number % len(change_leaders)]
        goal = goals.get(goal_no) or next(iter(goals.values()))
        chosen = [areas[slug]] if slug in areas else list(areas.values())
        contributing = rng.sample(projects, k=min(len(projects), rng.randint(1, 3)))
        unit = owner.unit or (projects[0].owner_unit if projects else None)
        benefit = services.benefit_create(
            by=owner,
            title=title,
            description=description,
            observable_outcome=description,
            kind="ulempe" if "ulempe" in description else "gevinst",
            measurability="kvantitativ",
            dfo_class=dfo,
            goal=goal,
            strategies=list(goal.strategies.all())[:1],
            areas=chosen,
            # The state focus areas the contributing projects serve (the annual report's
            # reporting to the state counts the benefit's indicators under them).
            focus_areas=sorted(
                {area for project in contributing for area in project.focus_areas.all()},
                key=lambda area: area.number,
            ),
            owner_unit=unit,
            accountable=owner,
            planned_realisation=datetime.date(2028 + number % 4, 12, 31),
            unplanned=number % 9 == 8,
            contributions=[
                (project, "direkte" if i == 0 else "indirekte")
                for i, project in enumerate(contributing)
            ],
        )
        status = STATUSES[number % len(STATUSES)]
        for move in MOVES.get(status, []):
            if move is services.benefit_hand_over:
                move(
                    benefit=benefit,
                    by=owner,
                    receiving_unit=benefit.owner_unit,
                    hop_reference="HØP 2027–2030, ramme 4.2 Kultur og næring",
                    handed_over_on=timezone.localdate() - datetime.timedelta(days=60),
                    follow_up="Enheten måler indikatorene videre hvert år i sin egen drift.",
                    note="Overført til drift med HØP-referanse «HØP 2027–2030, ramme 4.2».",
                )
            else:
                move(benefit=benefit, by=owner)
        if status == "ikke_realisert":
            services.benefit_abandon(
                benefit=benefit, by=owner, reason="Tiltaket ble avviklet da tilskuddet falt bort."
            )
        if number % 3 == 0:
            services.benefit_set_priority(benefit=benefit, by=leader, priority=1 + number % 5)
        made.benefits += 1
        rows = list(profile)
        while per_benefit and len(rows) < per_benefit:
            rows.append(profile[len(rows) % len(profile)])
        for row in rows[: per_benefit or len(rows)]:
            name, unit_of, direction, freq, source, first, second, target, *area_slug = row
            indicator = Indicator(
                benefit=benefit,
                name=name,
                definition=f"{name}, målt med {source.lower()}.",
                unit=unit_of,
                direction=direction,
                source=source,
                frequency=frequency or freq,
                measured_by=owner,
                owner_judgement="paa_sporet" if unit_of == "tekst" else "",
                area=areas.get(area_slug[0]) if area_slug else None,
            )
            indicators.append(indicator)
            plans.append((indicator, first, second, target, owner))
    bulk_create_with_history(indicators, Indicator, batch_size=1000, default_user=leader)
    baselines, targets, measurements = [], [], []
    start = today.replace(year=today.year - years)
    for indicator, first, second, target, owner in plans:
        text = indicator.unit == "tekst"
        for day, value in zip(BASELINE_DAYS, (first, second), strict=True):
            baselines.append(
                Baseline(
                    indicator=indicator,
                    measured_on=day,
                    value=None if text else value,
                    text=f"Stedsanalysen {day.year}: funn fra intervjuer og fokusgrupper."
                    if text
                    else "",
                    source=f"Sosiokulturell stedsanalyse {day.year}",
                )
            )
        targets.append(
            Target(
                indicator=indicator,
                target_date=TARGET_DAY,
                value=None if text else target,
                text="Beboerne beskriver nabolaget som sitt." if text else "",
            )
        )
        day = period_end_after(indicator.frequency, start)
        periods = []
        while day <= today - datetime.timedelta(days=45):
            periods.append(day)
            day = period_end_after(indicator.frequency, day)
        for i, period in enumerate(periods):
            waiting = i == len(periods) - 1 and rng.random() < 0.3
            measurements.append(
                Measurement(
                    indicator=indicator,
                    period_end=period,
                    value=None if text else _value(rng, indicator, first, target, period),
                    text="Flere forteller om et nabolag i endring." if text else "",
                    state="venter" if waiting else "godkjent",
                    recorded_by=rng.choice(project_leaders) if waiting else owner,
                    approved_by=None if waiting else owner,
                    approved_at=None if waiting else timezone.now(),
                )
            )
    bulk_create_with_history(baselines, Baseline, batch_size=2000, default_user=leader)
    bulk_create_with_history(targets, Target, batch_size=2000, default_user=leader)
    bulk_create_with_history(measurements, Measurement, batch_size=2000, default_user=leader)
    made.indicators, made.measurements = len(indicators), len(measurements)
    return made


def _value(rng, indicator, first, target, period):
    """A value on the way from the 2022 baseline towards the 2030 target, with noise, inside
    the unit's bounds."""
    span = (TARGET_DAY - BASELINE_DAYS[0]).days
    share = max(0.0, min(1.0, (period - BASELINE_DAYS[0]).days / span))
    value = float(first) + (float(target) - float(first)) * share * rng.uniform(0.5, 1.2)
    value *= rng.uniform(0.97, 1.03)
    if indicator.unit == "skala":
        value = min(5.0, max(1.0, value))
    elif indicator.unit == "prosent":
        value = min(100.0, max(0.0, value))
    else:
        value = max(0.0, value)
    return round(value, 1 if indicator.unit in ("skala", "prosent") else 0)
