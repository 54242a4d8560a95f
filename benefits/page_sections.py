"""Sections that apps above the benefits register add to a benefit's page, without the
benefits app knowing them (it sits below them and never imports them).

The top floor (`omradesatsing.apps`) registers each at start-up, by name:

    page_sections.register(risk.benefits.benefit_page_section)

A section is a callable `(benefit, user) -> Section | None`, called once per page view; it
should make a fixed number of queries. The benefit page shows each non-empty section as a
heading with a list of links.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Link:
    text: str
    url: str
    note: str = ""


@dataclass
class Section:
    heading: str
    key: str
    links: list[Link] = field(default_factory=list)
    empty_text: str = ""


_SECTIONS: list[Callable] = []


def register(section: Callable) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections_for(benefit, user) -> list[Section]:
    found = (section(benefit, user) for section in _SECTIONS)
    return [section for section in found if section is not None]
