"""The ledger per round and area: søkt, innvilget, akseptert, utbetalt, tilbakebetalt,
gjenstår. One query per round gives every area's figures.

*Committed* money is the amount granted in every case whose grant still binds the budget
(granted, accepted, paid, reported, closed), less what has been paid back. *Remaining*
(gjenstår) is the budget less the committed money. Granting takes the area's `RoundArea`
row lock (`lock_area`) before it reads the remaining money, so two grants at the same
moment are serialised and the budget is never over-committed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from nabolagspotten.models import Application, Payment, Repayment, RoundArea

S = Application.Status
SUBMITTED = [s for s in S.values if s not in (S.DRAFT, S.WITHDRAWN)]
ACCEPTED = [S.ACCEPTED, S.PAID, S.REPORTED, S.CLOSED]


@dataclass(frozen=True)
class AreaLedger:
    round_area: RoundArea
    applied: int  # søkt: requested in submitted (not withdrawn) applications
    granted: int  # innvilget: granted in cases whose grant binds the budget
    accepted: int  # akseptert
    paid: int  # utbetalt
    repaid: int  # tilbakebetalt
    budget: int

    @property
    def committed(self) -> int:
        return self.granted - self.repaid

    @property
    def remaining(self) -> int:  # gjenstår
        return self.budget - self.committed

    @property
    def is_low(self) -> bool:
        return self.remaining < self.budget * settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE


def _sum(queryset, field: str, group: str):
    """The sum of `field` over a correlated `queryset`, 0 when it is empty; `group` is the
    field all its rows share, so that the aggregate is one row."""
    return Coalesce(
        Subquery(
            queryset.values(group).annotate(total=Sum(field)).values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _money_queryset():
    """RoundArea rows annotated with the ledger's figures (one query)."""
    apps = Application.objects.filter(round=OuterRef("round_id"), area=OuterRef("area_id"))
    pays = Payment.objects.filter(
        application__round=OuterRef("round_id"), application__area=OuterRef("area_id")
    )
    repays = Repayment.objects.filter(
        application__round=OuterRef("round_id"),
        application__area=OuterRef("area_id"),
        status=Repayment.Status.PAID,
    )
    return RoundArea.objects.select_related("area", "round").annotate(
        applied=_sum(apps.filter(status__in=SUBMITTED), "amount_requested", "round"),
        granted=_sum(
            apps.filter(status__in=Application.COMMITTED_STATUSES), "amount_granted", "round"
        ),
        accepted=_sum(apps.filter(status__in=ACCEPTED), "amount_granted", "round"),
        paid=_sum(pays, "amount", "application__round"),
        repaid=_sum(repays, "amount", "application__round"),
    )


def _ledger(row) -> AreaLedger:
    return AreaLedger(
        round_area=row,
        applied=row.applied,
        granted=row.granted,
        accepted=row.accepted,
        paid=row.paid,
        repaid=row.repaid,
        budget=row.budget,
    )


def round_ledger(round_) -> list[AreaLedger]:
    """Every area of a round with its figures, in one query."""
    return [_ledger(row) for row in _money_queryset().filter(round=round_)]


def rounds_ledgers(rounds) -> dict[int, list[AreaLedger]]:
    """The ledgers of several rounds at once (one query), keyed by round id, so a page
    listing rounds does not make one query per round."""
    result: dict[int, list[AreaLedger]] = {}
    for row in _money_queryset().filter(round__in=[r.pk for r in rounds]):
        result.setdefault(row.round_id, []).append(_ledger(row))
    return result


def area_ledger(round_id: int, area_id: int) -> AreaLedger | None:
    row = _money_queryset().filter(round_id=round_id, area_id=area_id).first()
    return _ledger(row) if row else None


def totals(ledgers: list[AreaLedger]) -> dict:
    keys = ["budget", "applied", "granted", "accepted", "paid", "repaid", "remaining"]
    return {key: sum(getattr(ledger, key) for ledger in ledgers) for key in keys}


def lock_area(round_id: int, area_id: int) -> AreaLedger | None:
    """Lock the area's budget row for the rest of the transaction, then read its ledger.
    Every grant calls this first (services/decisions.py)."""
    if (
        not RoundArea.objects.select_for_update()
        .filter(round_id=round_id, area_id=area_id)
        .exists()
    ):
        return None
    return area_ledger(round_id, area_id)


__all__ = ["AreaLedger", "area_ledger", "lock_area", "round_ledger", "rounds_ledgers", "totals"]
