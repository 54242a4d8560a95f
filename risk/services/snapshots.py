"""Freeze the registers for a board meeting, and compare two snapshots: new, closed,
changed (old → new scores) and escalated risks. A snapshot is a list of plain values
keyed by the risk's id, so it stays as the board saw it."""

from django.db import transaction
from django.db.models import Max

from risk.models import Risk, Snapshot


def _frozen(risk: Risk) -> dict:
    return {
        "reference": risk.reference,
        "title": risk.title,
        "register": str(risk.register),
        "register_id": risk.register_id,
        "register_level": risk.register.level,
        "status": risk.status,
        "kind": risk.kind,
        "ros_area": risk.ros_area.name,
        "owner": str(risk.owner),
        "inherent": [risk.inherent_likelihood, risk.inherent_consequence],
        "current": [risk.current_likelihood, risk.current_consequence],
        "forecast": [risk.forecast_likelihood, risk.forecast_consequence],
        "next_review_on": risk.next_review_on.isoformat(),
    }


@transaction.atomic
def snapshot_freeze(*, by, note: str = "") -> Snapshot:
    """Every risk of every register, as it is now. Numbers follow one another (the table is
    locked while the next number is taken)."""
    Snapshot.objects.select_for_update().all().exists()
    number = (Snapshot.objects.aggregate(highest=Max("number"))["highest"] or 0) + 1
    risks = Risk.objects.select_related("register__area", "register__project", "ros_area", "owner")
    data = {"risks": {str(risk.pk): _frozen(risk) for risk in risks}}
    snapshot = Snapshot(number=number, taken_by=by, note=note, data=data)
    snapshot.full_clean()
    snapshot.save()
    return snapshot


def snapshot_diff(old: Snapshot, new: Snapshot) -> dict:
    """What changed between two snapshots, for the board: plain dicts, no queries."""
    before, after = old.data["risks"], new.data["risks"]
    opened = lambda risk: risk["status"] == Risk.Status.OPEN  # noqa: E731
    new_risks = [after[key] for key in after if key not in before and opened(after[key])]
    closed, changed, escalated = [], [], []
    for key, now in after.items():
        then = before.get(key)
        if then is None:
            continue
        if opened(then) and not opened(now):
            closed.append(now)
            continue
        if then["register_id"] != now["register_id"]:
            escalated.append({"old": then, "new": now})
        if any(then[tier] != now[tier] for tier in ("inherent", "current", "forecast")):
            changed.append({"old": then, "new": now})
    return {"new": new_risks, "closed": closed, "changed": changed, "moved": escalated}
