"""Risks for tests: `make_risk(register, owner)` registers a plausible threat."""

from risk.models import RosArea
from risk.services import risk_create


def risk_fields(**overrides) -> dict:
    fields = {
        "kind": "threat",
        "ros_area": RosArea.objects.get(name="Organisatorisk"),
        "title": "Nye arbeidsmåter tas ikke inn i ordinær drift ved programslutt",
        "cause": "Tjenestene har ikke satt av tid til å overta.",
        "event": "Arbeidsmåtene stopper når programmet slutter.",
        "effect": "Den varige endringen uteblir.",
        "inherent_likelihood": 4,
        "inherent_consequence": 4,
        "current_likelihood": 3,
        "current_consequence": 4,
        "response": "reduce",
        "response_justification": "Vi avtaler overtakelse med linja tidlig.",
    }
    fields.update(overrides)
    return fields


def make_risk(register, by, **overrides):
    return risk_create(register=register, by=by, **risk_fields(**overrides))
