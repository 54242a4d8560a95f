"""Freeze the registers for a board meeting, and compare two snapshots: new, closed,
changed (old → new scores) and escalated risks. A snapshot is a list of plain values
keyed by the risk's id, so it stays as the board saw it."""

import json
from dataclasses import dataclass, field

from django.db import connection, transaction
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


# --- The diff page: computed in the database, one page of each list -------------------------

DIFF_LISTS = ("new", "closed", "changed", "moved")
DIFF_PAGE_SIZE = 50
FROZEN_PAGE_SIZE = 100

_DIFF_SQL = """
WITH earlier AS (
    SELECT item.key, item.value FROM risk_snapshot AS snap
    CROSS JOIN LATERAL jsonb_each(snap.data -> 'risks') AS item WHERE snap.id = %(old)s
), later AS (
    SELECT item.key, item.value FROM risk_snapshot AS snap
    CROSS JOIN LATERAL jsonb_each(snap.data -> 'risks') AS item WHERE snap.id = %(new)s
), pairs AS (
    SELECT later.key, earlier.value AS was, later.value AS is_now,
           earlier.key IS NOT NULL AND earlier.value ->> 'status' = 'open'
               AND later.value ->> 'status' <> 'open' AS closed
    FROM later LEFT JOIN earlier ON earlier.key = later.key
), diff AS (
    SELECT 'new' AS list, key, was, is_now FROM pairs
     WHERE was IS NULL AND is_now ->> 'status' = 'open'
    UNION ALL
    SELECT 'closed', key, was, is_now FROM pairs WHERE closed
    UNION ALL
    SELECT 'changed', key, was, is_now FROM pairs
     WHERE was IS NOT NULL AND NOT closed
       AND (was -> 'inherent' IS DISTINCT FROM is_now -> 'inherent'
            OR was -> 'current' IS DISTINCT FROM is_now -> 'current'
            OR was -> 'forecast' IS DISTINCT FROM is_now -> 'forecast')
    UNION ALL
    SELECT 'moved', key, was, is_now FROM pairs
     WHERE was IS NOT NULL AND NOT closed
       AND was -> 'register_id' IS DISTINCT FROM is_now -> 'register_id'
), numbered AS (
    SELECT list, key, was, is_now,
           row_number() OVER (
               PARTITION BY list ORDER BY is_now ->> 'register', is_now ->> 'reference', key
           ) AS position,
           count(*) OVER (PARTITION BY list) AS total
    FROM diff
)
SELECT numbered.list, numbered.key, numbered.was, numbered.is_now, numbered.position,
       numbered.total
FROM numbered JOIN (VALUES %(pages)s) AS pages (list, first) ON pages.list = numbered.list
CROSS JOIN LATERAL (
    SELECT LEAST(pages.first, (numbered.total - 1) / %(size)s * %(size)s) AS first
) AS shown
WHERE numbered.position = 1
   OR (numbered.position > shown.first AND numbered.position <= shown.first + %(size)s)
ORDER BY numbered.list, numbered.position
"""

_FROZEN_SQL = """
SELECT key, value, total FROM (
    SELECT item.key, item.value, count(*) OVER () AS total,
           row_number() OVER (
               ORDER BY item.value ->> 'register', item.value ->> 'reference', item.key
           ) AS position
    FROM risk_snapshot AS snap CROSS JOIN LATERAL jsonb_each(snap.data -> 'risks') AS item
    WHERE snap.id = %(snapshot)s AND item.value ->> 'status' = 'open'
) AS frozen
CROSS JOIN LATERAL (SELECT LEAST(%(first)s, (total - 1) / %(size)s * %(size)s) AS first) AS shown
WHERE position > shown.first AND position <= shown.first + %(size)s
ORDER BY position
"""


MAX_PAGE = 100_000


def page_number(value) -> int:
    """A page number from the address: 1 for anything that is not a positive number."""
    try:
        return min(MAX_PAGE, max(1, int(value)))
    except (TypeError, ValueError):
        return 1


def _loaded(value):
    return json.loads(value) if isinstance(value, str) else value


@dataclass
class DiffList:
    """One list of the diff (or the snapshot's open risks): one page of its rows and how
    many there are in all."""

    name: str
    rows: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    size: int = DIFF_PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def settle(self) -> None:
        """A page past the last shows the last (the queries clamp it the same way)."""
        self.page = min(self.page, self.pages)


def snapshot_diff_page(old: Snapshot, new: Snapshot, pages: dict | None = None) -> dict:
    """The diff of `snapshot_diff`, computed by the database from the snapshots' JSON: for
    each list (new, closed, changed, moved) how many there are and one page of rows
    (`pages` maps a list's name to its page number, the first otherwise). One query, and
    only the rows shown leave the database, whatever the size of the snapshots."""
    pages = pages or {}
    lists = {name: DiffList(name=name, page=page_number(pages.get(name))) for name in DIFF_LISTS}
    # Names from DIFF_LISTS and whole numbers only: nothing from the address reaches the SQL.
    values = ", ".join(f"('{name}', {(lists[name].page - 1) * DIFF_PAGE_SIZE})" for name in lists)
    sql = _DIFF_SQL.replace("%(pages)s", values)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"old": old.pk, "new": new.pk, "size": DIFF_PAGE_SIZE})
        fetched = cursor.fetchall()
    for name, _key, _then, _now, _position, total in fetched:
        lists[name].total = total
    for diff_list in lists.values():
        diff_list.settle()
    for name, key, then, now, position, _total in fetched:
        diff_list = lists[name]
        first = (diff_list.page - 1) * DIFF_PAGE_SIZE
        if first < position <= first + DIFF_PAGE_SIZE:
            now = {**_loaded(now), "pk": int(key)}
            if name in ("new", "closed"):
                diff_list.rows.append(now)
            else:
                diff_list.rows.append({"old": _loaded(then), "new": now})
    return lists


def snapshot_open_risks(snapshot: Snapshot, page: int = 1) -> DiffList:
    """One page (100) of the snapshot's open risks in register and reference order, and how
    many there are. One query."""
    frozen = DiffList(name="open", page=page_number(page), size=FROZEN_PAGE_SIZE)
    params = {
        "snapshot": snapshot.pk,
        "size": FROZEN_PAGE_SIZE,
        "first": (frozen.page - 1) * FROZEN_PAGE_SIZE,
    }
    with connection.cursor() as cursor:
        cursor.execute(_FROZEN_SQL, params)
        for key, value, total in cursor.fetchall():
            frozen.rows.append({**_loaded(value), "pk": int(key)})
            frozen.total = total
    frozen.settle()
    return frozen
