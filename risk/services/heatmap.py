"""The heat map: how many risks sit in each cell of the matrix, for one tier (inherent,
current or forecast), drawn by the server as a table with the count and level in every
cell. Two queries whatever the number of risks."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from risk.models import Level, Matrix

TIERS = ("inherent", "current", "forecast")


@dataclass
class HeatCell:
    likelihood: int
    consequence: int
    level: Level
    count: int


@dataclass
class HeatRow:
    likelihood: int
    label: str
    cells: list[HeatCell]


def heat_map(matrix: Matrix, risks: QuerySet, tier: str = "current") -> dict:
    tier = tier if tier in TIERS else "current"
    likelihood, consequence = f"{tier}_likelihood", f"{tier}_consequence"
    counts = {
        (row[likelihood], row[consequence]): row["n"]
        for row in risks.order_by()
        .filter(**{f"{likelihood}__isnull": False, f"{consequence}__isnull": False})
        .values(likelihood, consequence)
        .annotate(n=Count("pk"))
    }
    cells = list(matrix.cells.select_related("level"))
    steps = {(step.axis, step.score): step.label for step in matrix.steps.all()}
    grid = {(cell.likelihood, cell.consequence): cell.level for cell in cells}
    rows = [
        HeatRow(
            likelihood=lk,
            label=steps.get(("likelihood", lk), str(lk)),
            cells=[
                HeatCell(lk, cq, grid[(lk, cq)], counts.get((lk, cq), 0))
                for cq in range(1, 6)
                if (lk, cq) in grid
            ],
        )
        for lk in range(5, 0, -1)
    ]
    columns = [(cq, steps.get(("consequence", cq), str(cq))) for cq in range(1, 6)]
    return {"tier": tier, "rows": rows, "columns": columns, "total": sum(counts.values())}
