"""Demo data for the risk registers: the programme's and each area's register with about 30
plausible risks across the four ROS areas, opportunities among them, actions, reviews, an
overdue review, an accepted risk and two board snapshots. Made through the services, so the
history is as real use would leave it. Does nothing if there are risks already.

When the benefits register has its demo data (seed_demo makes it first), the risks in
`THREATENS` name the benefit they threaten or serve (and, for some, its indicator), so the
risk page and the benefit page show the link."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from benefits.models import Benefit, Indicator
from portfolio.models import Area, Goal
from risk.models import Risk, RosArea
from risk.services import (
    action_create,
    area_register,
    programme_register,
    risk_accept,
    risk_create,
    risk_review,
    snapshot_freeze,
)

# (ROS area, kind, title, cause, event, effect, response)
RISKS = [
    (
        "Organisatorisk",
        "threat",
        "Nye arbeidsmåter tas ikke inn i ordinær drift ved programslutt",
        "Tjenestene har ikke satt av tid og folk til å overta.",
        "Arbeidsmåtene stopper i 2031.",
        "Den varige endringen uteblir.",
        "reduce",
    ),
    (
        "Organisatorisk",
        "threat",
        "Nøkkelpersoner slutter i tjenestene",
        "Høy turnover i bydelens tjenester.",
        "Kunnskap og relasjoner forsvinner.",
        "Tiltak må bygges opp på nytt.",
        "reduce",
    ),
    (
        "Organisatorisk",
        "threat",
        "Uklart eierskap til tiltak mellom enhetene",
        "Flere enheter deler ansvaret.",
        "Ingen tar beslutninger.",
        "Tiltak stopper opp.",
        "avoid",
    ),
    (
        "Organisatorisk",
        "opportunity",
        "Helsestasjonen vil ta i bruk nabolagsmetodikken",
        "Gode erfaringer fra Lademoen.",
        "Metoden spres til flere tjenester.",
        "Større varig effekt.",
        "exploit",
    ),
    (
        "Finansiell og politisk",
        "threat",
        "Statlige midler videreføres ikke etter 2028",
        "Usikre statsbudsjetter.",
        "Tilskuddet faller bort.",
        "Færre tiltak de siste årene.",
        "reduce",
    ),
    (
        "Finansiell og politisk",
        "threat",
        "Skiftende politiske prioriteringer etter valget",
        "Nytt bystyre.",
        "Områdesatsingen nedprioriteres.",
        "Mindre kommunal egenandel.",
        "accept",
    ),
    (
        "Finansiell og politisk",
        "threat",
        "Kostnadsøkning på fysiske tiltak",
        "Prisstigning i byggebransjen.",
        "Prosjekter blir dyrere enn budsjettert.",
        "Færre fysiske oppgraderinger.",
        "transfer",
    ),
    (
        "Finansiell og politisk",
        "opportunity",
        "Ekstern forskningsfinansiering for følgeevaluering",
        "Universitetet søker partnere.",
        "Evalueringen finansieres eksternt.",
        "Mer kunnskap uten økte kostnader.",
        "share",
    ),
    (
        "Interessent",
        "threat",
        "Svekket tillit hos beboerforeningen i Møllenberg",
        "Tidligere lovnader er ikke holdt.",
        "Foreningen trekker seg fra samarbeidet.",
        "Tiltakene mister lokal forankring.",
        "reduce",
    ),
    (
        "Interessent",
        "threat",
        "Uklare forventninger hos frivillige lag",
        "Lite kommunikasjon om hva programmet kan støtte.",
        "Lagene blir skuffet.",
        "Færre frivillige deltar.",
        "reduce",
    ),
    (
        "Interessent",
        "threat",
        "Næringslivet deltar ikke i partnerskapet",
        "Lite å hente for bedriftene.",
        "Partnerskapet blir kommunalt.",
        "Mindre lokal verdiskaping.",
        "reduce",
    ),
    (
        "Interessent",
        "opportunity",
        "Borettslag vil bidra med egne midler",
        "Stor interesse for felles uteområder.",
        "Borettslagene spleiser.",
        "Flere oppgraderte uteområder.",
        "enhance",
    ),
    (
        "Gjennomføring",
        "threat",
        "Oppgradert park gir ikke mer bruk",
        "Parken er utformet uten medvirkning.",
        "Få bruker parken.",
        "Ingen sosial effekt av investeringen.",
        "reduce",
    ),
    (
        "Gjennomføring",
        "threat",
        "Møteplassen når bare de som allerede er aktive",
        "Rekruttering via etablerte kanaler.",
        "De samme deltar.",
        "Utenforskap består.",
        "reduce",
    ),
    (
        "Gjennomføring",
        "threat",
        "Forsinket byggeprosess i Tempe",
        "Regulering tar lengre tid.",
        "Byggestart utsettes.",
        "Effekten kommer etter 2031.",
        "accept",
    ),
    (
        "Gjennomføring",
        "opportunity",
        "Skolen åpner skolegården etter skoletid",
        "Rektor er positiv.",
        "Skolegården blir møteplass.",
        "Mer aktivitet for barn.",
        "exploit",
    ),
]

# Risk title -> (the benefit's title, an indicator's name or None), from benefits.generate.
THREATENS = {
    "Nye arbeidsmåter tas ikke inn i ordinær drift ved programslutt": (
        "Tjenestene samarbeider på tvers som en fast arbeidsmåte",
        None,
    ),
    "Svekket tillit hos beboerforeningen i Møllenberg": (
        "Innbyggerne har reell innflytelse på tiltakene",
        None,
    ),
    "Uklare forventninger hos frivillige lag": (
        "Flere frivillige driver aktiviteter i Lademoen",
        None,
    ),
    "Oppgradert park gir ikke mer bruk": (
        "Flere trygge og inviterende uterom på Møllenberg",
        "Brukere av uterommene en vanlig ettermiddag",
    ),
    "Møteplassen når bare de som allerede er aktive": (
        "Flere innbyggere deltar i nabolagsaktiviteter",
        None,
    ),
    "Forsinket byggeprosess i Tempe": ("Tryggere skolevei i Tempe-Sorgenfri", None),
    "Skolen åpner skolegården etter skoletid": (
        "Bedre bruk av sosial infrastruktur på kveldstid",
        None,
    ),
}


def _threatened() -> dict:
    """Risk title -> {"benefit": ..., "indicator": ...} for the benefits that exist."""
    benefits = {
        benefit.title: benefit
        for benefit in Benefit.objects.filter(title__in=[b for b, _i in THREATENS.values()])
    }
    indicators = {
        (indicator.benefit_id, indicator.name): indicator
        for indicator in Indicator.objects.filter(benefit__in=benefits.values())
    }
    links = {}
    for title, (benefit_title, indicator_name) in THREATENS.items():
        benefit = benefits.get(benefit_title)
        if benefit is None:
            continue
        links[title] = {
            "benefit": benefit,
            "indicator": indicators.get((benefit.pk, indicator_name)) if indicator_name else None,
        }
    return links


def _goal(links: dict, drawn):
    """The goal of the benefit the risk threatens, if it names one (the draw is made all
    the same, so the rest of the demo stays as it was)."""
    return links["benefit"].goal if links.get("benefit") else drawn


@transaction.atomic
def generate_risks(*, leader, owners: list, board, seed: int = 2026) -> int:
    """About 30 risks over the programme's and the areas' registers; returns how many."""
    if Risk.objects.exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    areas = {area.name: area for area in RosArea.objects.all()}
    goals = list(Goal.objects.all())
    registers = [programme_register()] + [
        area_register(area) for area in Area.objects.filter(is_active=True)
    ]
    threatened = _threatened()
    made = []
    for index in range(30):
        ros, kind, title, cause, event, effect, response = RISKS[index % len(RISKS)]
        register = registers[index % len(registers)]
        links = threatened.get(title, {})
        if index >= len(RISKS):
            title = f"{title} ({register.area or register})" if register.area else title
        inherent = (rng.randint(2, 5), rng.randint(2, 5))
        current = (max(1, inherent[0] - rng.randint(0, 2)), inherent[1])
        risk = risk_create(
            register=register,
            by=leader,
            owner=rng.choice(owners),
            kind=kind,
            ros_area=areas[ros],
            title=title,
            cause=cause,
            event=event,
            effect=effect,
            goal=_goal(links, rng.choice(goals) if goals else None),
            inherent_likelihood=inherent[0],
            inherent_consequence=inherent[1],
            current_likelihood=current[0],
            current_consequence=current[1],
            forecast_likelihood=max(1, current[0] - 1),
            forecast_consequence=current[1],
            target_likelihood=max(1, current[0] - 1),
            target_consequence=max(1, current[1] - 1),
            uncertainty=rng.choice(["low", "medium", "high"]),
            proximity_phase="ved programslutt 2031" if ros == "Organisatorisk" else "",
            response=response,
            response_justification="Vurdert i bydelsforum.",
            **links,
        )
        made.append(risk)
        for number in range(rng.randint(0, 2)):
            action_create(
                risk=risk,
                by=leader,
                description=f"Tiltak {number + 1}: avklare ansvar og plan med de berørte.",
                owner=risk.owner,
                due_on=today + datetime.timedelta(days=rng.randint(10, 200)),
                cost_estimate=rng.choice([None, 25_000, 100_000]),
            )
    snapshot_freeze(by=leader, note="Styremøte i forrige kvartal")
    for risk in made[:8]:
        risk_review(
            risk=risk,
            by=risk.owner,
            likelihood=max(1, risk.current_likelihood - 1),
            consequence=risk.current_consequence,
            comment="Tiltakene virker; sannsynligheten er lavere.",
        )
    overdue = made[-1]
    overdue.next_review_on = today - datetime.timedelta(days=5)
    overdue.save()
    to_accept = next(risk for risk in made if risk.response == Risk.Response.ACCEPT)
    risk_accept(
        risk=to_accept,
        by=board,
        justification="Styret aksepterer risikoen; den følges opp ved neste rullering.",
        expires_on=today + datetime.timedelta(days=180),
    )
    snapshot_freeze(by=leader, note="Styremøte")
    return len(made)
