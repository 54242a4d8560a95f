"""The pieces a report is shown in: tables (with how each column is shown), text blocks
and sections."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.formatting import kroner, thousands

MONEY, NUMBER, DATE = "money", "number", "date"


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]
    kinds: list[str] = field(default_factory=list)  # per column: "", money, number, date
    omitted: int = 0  # rows the PDF leaves out (the page and the workbook have them all)

    def first(self, limit: int) -> "Table":
        """The table with its first `limit` rows, for the PDF; says how many it leaves out."""
        if len(self.rows) <= limit:
            return self
        return Table(
            self.key,
            self.title,
            self.headers,
            self.rows[:limit],
            self.kinds,
            omitted=len(self.rows) - limit,
        )

    def display(self) -> list[list]:
        """The rows as the page and the PDF show them: kroner and dates the Norwegian way."""
        shown = []
        for row in self.rows:
            cells = []
            for i, value in enumerate(row):
                kind = self.kinds[i] if i < len(self.kinds) else ""
                cells.append(show_value(value, kind))
            shown.append(cells)
        return shown

    def numeric(self) -> list[bool]:
        return [
            (self.kinds[i] if i < len(self.kinds) else "") in (MONEY, NUMBER)
            for i in range(len(self.headers))
        ]


def show_value(value, kind):
    if value is None or value == "":
        return "–"
    if kind == MONEY:
        return kroner(value)
    if kind == NUMBER and isinstance(value, int | float):
        return thousands(value) if isinstance(value, int) else f"{value:g}".replace(".", ",")
    if kind == DATE:
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


@dataclass
class Block:
    """A heading and its text (a decision, a lesson)."""

    heading: str
    text: str
    meta: str = ""


@dataclass
class ShownSection:
    key: str
    title: str
    summary: str = ""
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list = field(default_factory=list)  # charts.Chart, each with its own table
    note: str = ""
