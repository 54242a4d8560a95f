"""What an app hands the home page: panels of things waiting for the user.

Each app has a `home.py` with `home_panels(user) -> list[Panel]`; the home page calls them
by name and renders every panel the same way (templates/includes/panel.html). A panel
lists items, each a link with an optional count and date, so a user sees at a glance what
waits, how much of it, and since or by when.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One line of a panel: the link's text, where it goes, and optionally how many, a
    date (with what the date means, e.g. «due») and whether it is overdue."""

    text: str
    url: str
    count: int | None = None
    date: datetime.date | None = None
    date_label: str = ""
    overdue: bool = False


@dataclass
class Panel:
    heading: str
    items: list[Item] = field(default_factory=list)
    key: str = ""  # a stable name for tests and styling, e.g. "portfolio-to-assess"


@dataclass
class Section:
    """A section an app above adds to another app's page (e.g. the benefits on the project
    page): a heading, the template that draws it (the app's own) and that template's
    context. The page includes `template` with `section`; it knows nothing of the app."""

    heading: str
    template: str
    key: str
    context: dict = field(default_factory=dict)
