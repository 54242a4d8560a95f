"""The eligibility check («Kan vi søke?»): three questions, a plain answer. A pure function,
so the rules are easy to read and to test.

- Who applies: a registered organisation or a group of residents may; a private person
  alone may not (they are pointed to forming a group with neighbours); a business may not.
- Where: the activity must happen in one of the round's areas.
- What for: an activity open to the neighbourhood; not ordinary running costs (ordinær
  drift) and not commercial profit.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

ORGANISATION = "organisasjon"
GROUP = "gruppe"
PERSON = "privatperson"
BUSINESS = "bedrift"

IN_AREA = "i_omradet"
ELSEWHERE = "annet_sted"

ACTIVITY = "aktivitet"
RUNNING_COSTS = "drift"
PROFIT = "fortjeneste"


@dataclass(frozen=True)
class Eligibility:
    can_apply: bool
    reasons: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def eligibility_check(*, who: str, where: str, purpose: str) -> Eligibility:
    """Whether they can apply, with every reason why not and a suggestion where one helps."""
    reasons: list[str] = []
    suggestions: list[str] = []
    if who == PERSON:
        reasons.append(_("A private person cannot apply alone."))
        suggestions.append(
            _(
                "Get together with a few neighbours and apply as a group of residents: "
                "one of you is the contact person."
            )
        )
    elif who == BUSINESS:
        reasons.append(_("Businesses cannot apply."))
    elif who not in (ORGANISATION, GROUP):
        reasons.append(_("Tell us who is applying."))
    if where == ELSEWHERE:
        reasons.append(_("The activity must take place in one of the round's areas."))
    elif where != IN_AREA:
        reasons.append(_("Tell us where the activity takes place."))
    if purpose == RUNNING_COSTS:
        reasons.append(_("The grant does not cover ordinary running costs."))
    elif purpose == PROFIT:
        reasons.append(_("The grant cannot be used for commercial profit."))
    elif purpose != ACTIVITY:
        reasons.append(_("Tell us what the money is for."))
    return Eligibility(can_apply=not reasons, reasons=reasons, suggestions=suggestions)
