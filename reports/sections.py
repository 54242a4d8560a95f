"""The sections of the annual report and of the board's report pack, in order. Each section
asks one app's own query functions (`<app>/report.py`, `lessons_so_far`, `grant_statistics`)
and returns plain JSON, which the build freezes into the report's snapshot. Nothing here
reads an app's models.

A section's function takes the report (its period) and the snapshot gathered so far, so
«reporting to the state» can reuse the benefits already gathered.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from benefits.report import benefits_report
from nabolagspotten.services.statistics import decisions_between, grant_statistics, total
from portfolio import report as portfolio_report
from portfolio.services.lessons import lessons_so_far
from risk.report import risk_highlights, risk_report, snapshot_changes


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Callable


# --- The parts every app hands over ------------------------------------------------------


def _portfolio(report, snapshot) -> dict:
    return portfolio_report.portfolio_section(report.year)


def _money(report, snapshot) -> dict:
    return portfolio_report.money_section(report.year)


def _plan(report, snapshot) -> dict:
    return portfolio_report.plan_section(report.year)


def _benefits(report, snapshot) -> dict:
    return benefits_report(report.year)


def _risk(report, snapshot) -> dict:
    picture = risk_report(report.since, report.until)
    heat = picture["heat_map"]
    return {
        "counts": picture["counts"],
        "events": picture["events"],
        "overdue_reviews": picture["counts"]["overdue_reviews"],
        "overdue_actions": picture["counts"]["overdue_actions"],
        "heat_map": (
            {
                "columns": [label for _number, label in heat["columns"]],
                "rows": [
                    {
                        "label": row.label,
                        "cells": [
                            {"count": cell.count, "level": cell.level.name} for cell in row.cells
                        ],
                    }
                    for row in heat["rows"]
                ],
            }
            if heat
            else None
        ),
        **risk_highlights(report.since, report.until),
        "changes": snapshot_changes(report.since, report.until),
    }


def _grant_row(row) -> dict:
    return {
        "round": row.round_name,
        "area": row.area_name,
        "budget": row.budget,
        "applications": row.applications,
        "grants": row.grants,
        "applied": row.applied,
        "granted": row.granted,
        "paid": row.paid,
        "participants": row.participants,
        "volunteer_hours": row.volunteer_hours,
        "first_time": row.first_time,
        "first_time_percent": row.first_time_percent,
    }


def _nabolagspotten(report, snapshot) -> dict:
    rows = grant_statistics(year=report.until.year)
    areas: dict = {}
    for row in rows:
        areas.setdefault(row.area_name, []).append(row)
    return {
        "rows": [_grant_row(row) for row in rows],
        "by_area": [
            _grant_row(total(items, area_name=name)) for name, items in sorted(areas.items())
        ],
        "total": _grant_row(total(rows, str(_("All rounds")))),
    }


def _lessons(report, snapshot) -> dict:
    lessons = lessons_so_far(since=report.since).filter(date__lte=report.until)
    return {
        "since": report.since.isoformat(),
        "lessons": [
            {
                "title": lesson.title,
                "date": lesson.date.isoformat(),
                "learned": lesson.learned,
                "recommendation": lesson.recommendation,
                "area": lesson.area.name if lesson.area else "",
                "project": lesson.project.title if lesson.project else "",
                "status": lesson.get_status_display(),
            }
            for lesson in lessons
        ],
    }


def _state(report, snapshot) -> dict:
    """Per state focus area (innsatsområde): the projects and money of the portfolio, and the
    indicators of the benefits that serve it (from the benefits section already gathered)."""
    state = portfolio_report.state_section(report.year)
    indicators: dict = {}
    for goal in snapshot.get("benefits", {}).get("goals", []):
        for benefit in goal["benefits"]:
            for area_id in benefit.get("focus_areas", []):
                for indicator in benefit["indicators"]:
                    indicators.setdefault(area_id, []).append(
                        {
                            "benefit": benefit["title"],
                            "name": indicator["name"],
                            "latest": indicator["latest"],
                            "status": indicator["status"],
                        }
                    )
    for area in state["focus_areas"]:
        area["indicators"] = indicators.get(area["id"], [])
    return state


def _board(report, snapshot) -> dict:
    return portfolio_report.board_section(report.since, report.until)


def _grants_decided(report, snapshot) -> dict:
    """The decisions made since the last meeting, and the year's grant figures so far."""
    rows = grant_statistics(year=report.until.year)
    return {
        "decided": decisions_between(report.since, report.until),
        "rows": [_grant_row(row) for row in rows],
        "total": _grant_row(total(rows, str(_("All rounds")))),
    }


ANNUAL = [
    Section("portfolio", _("The portfolio"), _portfolio),
    Section("money", _("Money"), _money),
    Section("plan", _("The year's action plan"), _plan),
    Section("benefits", _("Benefits"), _benefits),
    Section("risk", _("Risk"), _risk),
    Section("nabolagspotten", _("Nabolagspotten"), _nabolagspotten),
    Section("lessons", _("Lærdommer så langt"), _lessons),
    Section("state", _("Reporting to the state"), _state),
]

BOARD = [
    Section("board", _("The portfolio since the last meeting"), _board),
    Section("risk", _("Risk"), _risk),
    Section("grants", _("Grants decided"), _grants_decided),
    Section("lessons", _("Lærdommer så langt"), _lessons),
]


def sections_for(kind: str) -> list[Section]:
    return ANNUAL if kind == "arsrapport" else BOARD


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
