"""Setting up søknadsrunder: a round's dates (or rolling intake), criteria, the largest
single grant, the days to accept and to report, and a budget per area, saved together.

A budget may be raised at any time, but never lowered below the money already committed
in that area (granted, accepted, paid, reported or closed cases, less what has been paid
back): the ledger (services/ledger.py) would otherwise show a negative remainder.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.formatting import kroner
from nabolagspotten.models import Round, RoundArea
from nabolagspotten.services import ledger
from portfolio.models import Area

# The round's own fields that may be set, in the order the form shows them.
ROUND_FIELDS = [
    "name",
    "year",
    "opens_on",
    "closes_on",
    "max_grant",
    "criteria",
    "accept_within_days",
    "report_within_days",
]
EDITABLE_FIELDS = set(ROUND_FIELDS)


def budget_field(area_id: int) -> str:
    """The name of an area's budget field on the round form (errors land there)."""
    return f"budget_{area_id}"


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These round fields cannot be set here: {sorted(unknown)}")


def _validate(round_: Round) -> None:
    errors = {}
    if round_.closes_on and round_.opens_on and round_.closes_on < round_.opens_on:
        errors["closes_on"] = _("The round cannot close before it opens.")
    if round_.opens_on and round_.year and round_.opens_on.year != round_.year:
        errors["year"] = _("The year must be the year the round opens (%(year)s).") % {
            "year": round_.opens_on.year
        }
    if errors:
        raise ValidationError(errors)
    round_.full_clean(exclude=["created_by"] if round_.created_by_id is None else None)


def _save_budgets(round_: Round, budgets: dict, by) -> None:
    """Create or change the round's area budgets; refuse one below what is committed."""
    areas = Area.objects.in_bulk(list(budgets))
    if len(areas) != len(budgets):
        raise ValidationError(_("Choose areas that exist."))
    existing = {row.area_id: row for row in RoundArea.objects.filter(round=round_)}
    committed = {}
    if existing:
        # Lock the budget rows first, so no grant can slip in between the check and the save.
        list(RoundArea.objects.select_for_update().filter(round=round_))
        committed = {
            item.round_area.area_id: item.committed for item in ledger.round_ledger(round_)
        }
    errors = {}
    for area_id, amount in budgets.items():
        if amount is None:
            continue
        if amount < 0:
            errors[budget_field(area_id)] = _("The budget cannot be less than 0 kr.")
            continue
        if amount < committed.get(area_id, 0):
            errors[budget_field(area_id)] = _(
                "%(area)s already has %(committed)s committed in this round: the budget "
                "cannot be lower than that."
            ) % {"area": areas[area_id].name, "committed": kroner(committed[area_id])}
    if errors:
        raise ValidationError(errors)
    for area_id, amount in budgets.items():
        if amount is None:
            continue
        row = existing.get(area_id) or RoundArea(round=round_, area=areas[area_id])
        if row.pk and row.budget == amount:
            continue
        row.budget = amount
        row.full_clean()
        row._history_user = by
        row.save()


@transaction.atomic
def round_create(*, by, budgets: dict | None = None, **fields) -> Round:
    """A new round, with `budgets={area_id: kroner}`."""
    _check_fields(fields)
    round_ = Round(created_by=by, **fields)
    _validate(round_)
    round_._history_user = by
    round_.save()
    _save_budgets(round_, budgets or {}, by)
    return round_


@transaction.atomic
def round_update(*, round_: Round, by, budgets: dict | None = None, **fields) -> Round:
    """Change a round's settings and budgets (not below what is committed)."""
    _check_fields(fields)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    for name, value in fields.items():
        setattr(round_, name, value)
    _validate(round_)
    round_._history_user = by
    round_.save()
    _save_budgets(round_, budgets or {}, by)
    return round_
