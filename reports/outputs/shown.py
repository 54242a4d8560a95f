"""Each section of a report's snapshot as texts, tables and charts
(`report_sections(report, public=…)`), the one view the page, the PDFs and the workbook
share. The public view leaves out risks «unntatt offentlighet» and the board snapshot
changes."""

from django.utils.translation import gettext as _

from reports import charts
from reports.outputs.tables import DATE, MONEY, NUMBER, Block, ShownSection, Table, show_value
from reports.sections import sections_for

# The annual report's PDF is a document to read, not the whole data set: a long list (every
# project, benefit, indicator, lesson) is shown there by its totals per area, goal or kind
# and its first rows; the report's page and the workbook keep every row (docs/reports.md).
PDF_ROWS = 10  # rows of a long list in the PDF
PDF_CHARTS_PER_GOAL = 2  # indicator charts per goal in the PDF
PDF_LESSONS = 10  # the latest lessons in the PDF, as text
PDF_NAMES = 10  # project names per state focus area in the PDF


def _counts(key, title, first_header, labels, values) -> Table:
    """A table of how many there are of each label (in the order the labels come)."""
    counts: dict = {}
    for label in labels:
        counts.setdefault(label, 0)
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return Table(
        key,
        title,
        [first_header, _("Number")],
        [[label, n] for label, n in counts.items()],
        ["", NUMBER],
    )


def _names(names: list[str], pdf: bool) -> str:
    if not pdf or len(names) <= PDF_NAMES:
        return ", ".join(names)
    return _("%(names)s and %(more)s more") % {
        "names": ", ".join(names[:PDF_NAMES]),
        "more": len(names) - PDF_NAMES,
    }


# --- Each section as text, tables and charts -------------------------------------------------


def _portfolio(data, public, pdf=False):
    changes = data["changes"]
    labels = {
        "new": _("New"),
        "admitted": _("Admitted to the portfolio"),
        "handed_over": _("Handed over to ordinary operations"),
        "closed": _("Closed"),
        "stopped": _("Stopped"),
    }
    changed = Table(
        "portfolio_changes",
        _("New, handed over, closed and stopped in the year"),
        [_("Kind of change"), _("Project"), _("Date")],
        [[labels[key], item["title"], item["date"]] for key in labels for item in changes[key]],
        ["", "", DATE],
    )
    if pdf:
        counted = Table(
            "portfolio_changes_counts",
            _("Projects new, handed over, closed and stopped in the year"),
            [_("Kind of change"), _("Projects")],
            [[labels[key], len(changes[key])] for key in labels],
            ["", NUMBER],
        )
        changed = [counted, changed.first(PDF_ROWS)]
    else:
        changed = [changed]
    return {
        "tables": [
            Table(
                "portfolio_status",
                _("Projects by status"),
                [_("Status"), _("Projects")],
                [[row["label"], row["count"]] for row in data["by_status"]],
                ["", NUMBER],
            ),
            Table(
                "portfolio_area_goal",
                _("Projects by area and goal"),
                [_("Area"), *data["goals"], _("Total")],
                [[row["area"], *row["counts"], row["total"]] for row in data["by_area_goal"]],
                ["", *[NUMBER] * (len(data["goals"]) + 1)],
            ),
            Table(
                "portfolio_level",
                _("Projects by level"),
                [_("Level"), _("Projects")],
                [[f"{row['code']} {row['name']}", row["count"]] for row in data["by_level"]],
                ["", NUMBER],
            ),
            *changed,
        ]
    }


def _money(data, public, pdf=False):
    return {
        "tables": [
            Table(
                "money_source",
                _("Planned and spent per funding source"),
                [_("Funding source"), _("Planned"), _("Spent")],
                [[row["label"], row["planned"], row["spent"]] for row in data["by_source"]]
                + [[_("Total"), data["planned"], data["spent"]]],
                ["", MONEY, MONEY],
            ),
            Table(
                "money_area",
                _("Planned and spent per area"),
                [_("Area"), _("Planned"), _("Spent")],
                [
                    [row["area"] or _("No area"), row["planned"], row["spent"]]
                    for row in data["by_area"]
                ],
                ["", MONEY, MONEY],
            ),
            Table(
                "money_state",
                _("State funding (KDD and Husbanken) and the municipality's share (HØP)"),
                [_("Who pays"), _("Planned"), _("Spent")],
                [
                    [_("The state"), data["state"]["planned"], data["state"]["spent"]],
                    [
                        _("The municipality (HØP)"),
                        data["municipal"]["planned"],
                        data["municipal"]["spent"],
                    ],
                ],
                ["", MONEY, MONEY],
            ),
        ],
        "note": _("A project in two areas counts in both in the table per area."),
    }


def _plan(data, public, pdf=False):
    if not data["exists"] or not data["decision"]:
        return {"note": _("The board has not decided on an action plan for this year.")}
    meta = _("Version %(number)s, board meeting %(date)s") % {
        "number": data["version"],
        "date": show_value(data["meeting_date"], DATE),
    }
    blocks = [
        Block(
            _("The board's decision: %(d)s") % {"d": data["decision"]}, data["decision_text"], meta
        )
    ]
    if data["conditions"]:
        blocks.append(Block(_("Conditions"), data["conditions"]))
    tables = [
        Table(
            "plan_projects",
            _("Planned projects and whether they ran (money spent in the year)"),
            [_("Project"), _("Planned"), _("Ran")],
            [[row["title"], row["planned"], row["ran"]] for row in data["planned"]],
            ["", MONEY, ""],
        ),
        Table(
            "plan_unplanned",
            _("Projects that ran without being in the plan"),
            [_("Project")],
            [[title] for title in data["unplanned_ran"]],
        ),
    ]
    if pdf:
        ran = [row for row in data["planned"] if row["ran"]]
        idle = [row for row in data["planned"] if not row["ran"]]
        summary = Table(
            "plan_summary",
            _("Projects planned against those that ran"),
            [_("Projects"), _("Number"), _("Planned")],
            [
                [_("Planned and ran"), len(ran), sum(r["planned"] or 0 for r in ran)],
                [_("Planned, did not run"), len(idle), sum(r["planned"] or 0 for r in idle)],
                [_("Ran without being in the plan"), len(data["unplanned_ran"]), None],
            ],
            ["", NUMBER, MONEY],
        )
        tables = [summary, *(table.first(PDF_ROWS) for table in tables)]
    return {"blocks": blocks, "tables": tables}


def _benefits(data, public, pdf=False):
    benefits = [
        [goal["goal"], benefit["title"], benefit["status"], ", ".join(benefit["areas"])]
        for goal in data["goals"]
        for benefit in goal["benefits"]
    ]
    indicators, shown_charts, judged = [], [], []
    for goal in data["goals"]:
        charted = 0
        for benefit in goal["benefits"]:
            for indicator in benefit["indicators"]:
                judged.append([goal["goal"], indicator["status"]])
                latest, target = indicator["latest"] or {}, indicator["target"] or {}
                indicators.append(
                    [
                        benefit["title"],
                        indicator["name"],
                        indicator["unit"],
                        indicator["baselines"].get("2022"),
                        indicator["baselines"].get("2025"),
                        latest.get("value"),
                        latest.get("date"),
                        target.get("value"),
                        target.get("date"),
                        indicator["status"],
                    ]
                )
                if pdf and charted >= PDF_CHARTS_PER_GOAL:
                    continue
                chart = charts.indicator_chart(indicator)
                if chart is not None:
                    shown_charts.append(chart)
                    charted += 1
    statuses = data["statuses"]
    listed = Table(
        "benefits",
        _("Benefits and their status per goal"),
        [_("Goal"), _("Benefit"), _("Status"), _("Areas")],
        benefits,
    )
    if pdf:
        goals = [goal["goal"] for goal in data["goals"]]
        listed = Table(
            "benefits_goal",
            _("Benefits per goal and status"),
            [_("Goal"), *statuses, _("Total")],
            [
                [
                    goal["goal"],
                    *[sum(1 for b in goal["benefits"] if b["status"] == s) for s in statuses],
                    len(goal["benefits"]),
                ]
                for goal in data["goals"]
            ],
            ["", *[NUMBER] * (len(statuses) + 1)],
        )
        judgements = sorted({status for _goal, status in judged if status})
        no_status = _("No status")
        columns = [*judgements, no_status]
        judged_table = Table(
            "indicators_goal",
            _("Indicators per goal and how they are judged"),
            [_("Goal"), *columns, _("Total")],
            [
                [
                    goal,
                    *[
                        sum(1 for g, st in judged if g == goal and (st or no_status) == column)
                        for column in columns
                    ],
                    sum(1 for g, _st in judged if g == goal),
                ]
                for goal in goals
            ],
            ["", *[NUMBER] * (len(columns) + 1)],
        )
    tables = {
        "tables": [
            listed,
            Table(
                "benefits_area",
                _("Benefits per area and status"),
                [_("Area"), *statuses],
                [
                    [row["area"], *[row["counts"].get(s, 0) for s in statuses]]
                    for row in data["by_area"]
                ],
                ["", *[NUMBER] * len(statuses)],
            ),
            Table(
                "indicators",
                _("Indicators against the 2022 and 2025 baselines"),
                [
                    _("Benefit"),
                    _("Indicator"),
                    _("Unit"),
                    _("Baseline 2022"),
                    _("Baseline 2025"),
                    _("Latest"),
                    _("Measured"),
                    _("Target"),
                    _("Target date"),
                    _("Status"),
                ],
                indicators,
                ["", "", "", NUMBER, NUMBER, NUMBER, DATE, NUMBER, DATE, ""],
            ),
            Table(
                "benefits_realised",
                _("Benefits realised in the year"),
                [_("Benefit"), _("Date")],
                [[row["title"], row["date"]] for row in data["realised"]],
                ["", DATE],
            ),
            Table(
                "benefits_handed_over",
                _("Benefits handed over to ordinary operations in the year"),
                [_("Benefit"), _("Date")],
                [[row["title"], row["date"]] for row in data["handed_over"]],
                ["", DATE],
            ),
            Table(
                "benefits_unplanned",
                _("Unplanned benefits"),
                [_("Benefit"), _("Status")],
                [[row["title"], row["status"]] for row in data["unplanned"]],
            ),
        ],
        "charts": shown_charts,
    }
    if pdf:
        tables["tables"] = [
            table.first(PDF_ROWS) if table.key != "benefits_area" else table
            for table in tables["tables"]
        ]
        tables["tables"].insert(3, judged_table)
        tables["note"] = _(
            "The PDF shows the benefits and indicators per goal, the first rows of each list "
            "and the charts of at most %(charts)s indicators per goal; the report's page and "
            "the workbook have every benefit, indicator and chart."
        ) % {"charts": PDF_CHARTS_PER_GOAL}
    return tables


def _risk_rows(risks, public):
    return [
        [risk["reference"], risk["title"], risk["ros_area"], risk["register"], risk["score"]]
        for risk in risks
        if not (public and risk.get("exempt"))
    ]


def _risk(data, public, pdf=False):
    counts = data["counts"]
    headers = [_("Reference"), _("Risk"), _("ROS area"), _("Register"), _("Score")]
    event_labels = {
        "created": _("Registered"),
        "updated": _("Changed"),
        "escalated": _("Escalated"),
        "delegated": _("Delegated"),
        "reviewed": _("Reviewed"),
        "closed": _("Closed"),
        "materialised": _("Materialised"),
        "accepted": _("Accepted"),
    }
    tables = [
        Table(
            "risk_picture",
            _("The risk picture at the end of the period"),
            [_("Measure"), _("Number")],
            [
                [_("Open risks"), counts["open"]],
                [_("Threats"), counts["threats"]],
                [_("Opportunities"), counts["opportunities"]],
                [_("Registered in the period"), counts["raised"]],
                [_("Reviews overdue"), data["overdue_reviews"]],
                [_("Actions overdue"), data["overdue_actions"]],
            ],
            ["", NUMBER],
        ),
        Table(
            "risk_events",
            _("What changed in the period"),
            [_("Event"), _("Number")],
            [[event_labels.get(kind, kind), n] for kind, n in data["events"].items()],
            ["", NUMBER],
        ),
    ]
    if data.get("heat_map"):
        heat = data["heat_map"]
        tables.append(
            Table(
                "risk_heat_map",
                _("Open risks by likelihood (rows) and consequence (columns)"),
                [_("Likelihood"), *heat["columns"]],
                [[row["label"], *[cell["count"] for cell in row["cells"]]] for row in heat["rows"]],
                ["", *[NUMBER] * len(heat["columns"])],
            )
        )
    tables += [
        Table(
            "risk_highest",
            _("The highest open risks"),
            headers,
            _risk_rows(data["highest"], public),
            ["", "", "", "", NUMBER],
        ),
        Table(
            "risk_materialised",
            _("Risks that materialised in the period"),
            headers,
            _risk_rows(data["materialised"], public),
            ["", "", "", "", NUMBER],
        ),
    ]
    if pdf:
        tables = [table.first(PDF_ROWS) for table in tables]
    changes = data.get("changes")
    if changes and not public:
        rows = [[_("New"), r["reference"], r["title"], "", ""] for r in changes["new_risks"]]
        rows += [[_("Closed"), r["reference"], r["title"], "", ""] for r in changes["closed"]]
        rows += [
            [
                _("Scores changed"),
                c["new"]["reference"],
                c["new"]["title"],
                "×".join(str(v) for v in c["old"]["current"]),
                "×".join(str(v) for v in c["new"]["current"]),
            ]
            for c in changes["changed"]
        ]
        rows += [
            [
                _("Moved"),
                c["new"]["reference"],
                c["new"]["title"],
                c["old"]["register"],
                c["new"]["register"],
            ]
            for c in changes["moved"]
        ]
        changed = Table(
            "risk_changes",
            _("Risk changes from board snapshot %(old)s to %(new)s")
            % {"old": changes["old"], "new": changes["new"]},
            [_("Kind of change"), _("Reference"), _("Risk"), _("Before"), _("After")],
            rows,
        )
        tables.append(changed.first(PDF_ROWS) if pdf else changed)
    note = _("Risks exempt from public access are left out.") if public else ""
    return {"tables": tables, "note": note}


MONEY_FIGURES = [("budget", MONEY), ("applied", MONEY), ("granted", MONEY), ("paid", MONEY)]
COUNT_FIGURES = [
    ("applications", NUMBER),
    ("grants", NUMBER),
    ("participants", NUMBER),
    ("volunteer_hours", NUMBER),
    ("first_time_percent", NUMBER),
]


def _figure_labels() -> dict:
    return {
        "budget": _("Budget"),
        "applications": _("Applications"),
        "grants": _("Grants"),
        "applied": _("Applied for"),
        "granted": _("Granted"),
        "paid": _("Paid"),
        "participants": _("Participants"),
        "volunteer_hours": _("Volunteer hours"),
        "first_time_percent": _("First-time applicants (%)"),
    }


def _grant_tables(key, titles, rows, total, *, by_round=True) -> list[Table]:
    """Two tables of the grant figures (money, and counts), so each fits a page."""
    labels = _figure_labels()
    first = [_("Round"), _("Area")] if by_round else [_("Area")]
    tables = []
    for suffix, title, figures in (
        ("money", titles[0], MONEY_FIGURES),
        ("counts", titles[1], COUNT_FIGURES),
    ):
        names = [name for name, _kind in figures]
        body = [
            [
                *([row["round"], row["area"]] if by_round else [row["area"]]),
                *[row[n] for n in names],
            ]
            for row in rows
        ]
        if total is not None:
            body.append([_("Total"), *([""] if by_round else []), *[total[n] for n in names]])
        tables.append(
            Table(
                f"{key}_{suffix}",
                title,
                [*first, *[labels[n] for n in names]],
                body,
                [*[""] * len(first), *[kind for _name, kind in figures]],
            )
        )
    return tables


def _nabolagspotten(data, public, pdf=False):
    return {
        "tables": _grant_tables(
            "grants_round_area",
            (_("Grant money per round and area"), _("Applications and grants per round and area")),
            data["rows"],
            data["total"],
        )
        + _grant_tables(
            "grants_area",
            (_("Grant money per area"), _("Applications and grants per area")),
            data["by_area"],
            None,
            by_round=False,
        )
    }


def _lessons(data, public, pdf=False):
    lessons = data["lessons"]
    everything = lessons
    if pdf:
        lessons = sorted(lessons, key=lambda lesson: lesson["date"], reverse=True)[:PDF_LESSONS]
    blocks = [
        Block(
            lesson["title"],
            "\n\n".join(part for part in (lesson["learned"], lesson["recommendation"]) if part),
            " · ".join(
                part
                for part in (show_value(lesson["date"], DATE), lesson["area"], lesson["project"])
                if part
            ),
        )
        for lesson in lessons
    ]
    if pdf:
        return {
            "blocks": blocks,
            "note": (
                _(
                    "The %(shown)s latest of the period's %(all)s lessons; the report's page and "
                    "the workbook have them all."
                )
                % {"shown": len(lessons), "all": len(everything)}
                if len(everything) > len(lessons)
                else ("" if lessons else _("No lessons were logged in the period."))
            ),
            "tables": [
                _counts(
                    "lessons_area",
                    _("Lessons per area"),
                    _("Area"),
                    [],
                    [lesson["area"] or _("No area") for lesson in everything],
                ),
                _counts(
                    "lessons_status",
                    _("Lessons per status"),
                    _("Status"),
                    [],
                    [lesson["status"] for lesson in everything],
                ),
            ],
        }
    return {
        "blocks": blocks,
        "note": "" if lessons else _("No lessons were logged in the period."),
        "tables": [
            Table(
                "lessons",
                _("Lessons learned"),
                [
                    _("Date"),
                    _("Lesson"),
                    _("Area"),
                    _("Project"),
                    _("What we learned"),
                    _("Recommendation"),
                    _("Status"),
                ],
                [
                    [
                        lesson["date"],
                        lesson["title"],
                        lesson["area"],
                        lesson["project"],
                        lesson["learned"],
                        lesson["recommendation"],
                        lesson["status"],
                    ]
                    for lesson in lessons
                ],
                [DATE],
            )
        ],
        "show_tables": False,  # the lessons are shown as text; the table is for the workbook
    }


def _state(data, public, pdf=False):
    blocks = []
    for area in data["focus_areas"]:
        projects = _names(area["projects"], pdf) or _("none")
        shown = area["indicators"][:PDF_NAMES] if pdf else area["indicators"]
        indicators = "; ".join(
            f"{i['name']} ({i['status'] or _('no status')})" for i in shown
        ) or _("none")
        if len(shown) < len(area["indicators"]):
            indicators = _("%(names)s and %(more)s more") % {
                "names": indicators,
                "more": len(area["indicators"]) - len(shown),
            }
        blocks.append(
            Block(
                area["name"],
                _("Projects: %(projects)s.\n\nIndicators: %(indicators)s.")
                % {"projects": projects, "indicators": indicators},
            )
        )
    return {
        "blocks": blocks,
        "tables": [
            Table(
                "state",
                _("Projects, money and indicators per state focus area"),
                [_("Focus area"), _("Projects"), _("Planned"), _("Spent"), _("Indicators")],
                [
                    [a["name"], len(a["projects"]), a["planned"], a["spent"], len(a["indicators"])]
                    for a in data["focus_areas"]
                ],
                ["", NUMBER, MONEY, MONEY, NUMBER],
            )
        ],
    }


def _board(data, public, pdf=False):
    waiting = data["decisions_waiting"]
    blocks = [
        Block(
            _("The action plan %(year)s") % {"year": data["plan"]["year"]},
            data["plan"]["status"] or _("No action plan for the year yet."),
        ),
        Block(
            _("Decisions the board is asked to make"),
            "\n".join(_("The action plan %(year)s, version %(number)s") % row for row in waiting)
            or _("None."),
        ),
    ]
    return {
        "blocks": blocks,
        "tables": [
            Table(
                "board_status_changes",
                _("Status changes since the last meeting"),
                [_("Project"), _("From"), _("To"), _("Date")],
                [[r["title"], r["from"], r["to"], r["date"]] for r in data["status_changes"]],
                ["", "", "", DATE],
            ),
            Table(
                "board_red",
                _("Projects with a red status"),
                [_("Project"), _("Reported"), _("Summary")],
                [[r["title"], r["date"], r["summary"]] for r in data["red_projects"]],
                ["", DATE, ""],
            ),
        ],
    }


def _grants(data, public, pdf=False):
    decided = Table(
        "grants_decided",
        _("Grant decisions in the period"),
        [_("Round"), _("Area"), _("Decision"), _("Number"), _("Granted")],
        [
            [r["round"], r["area"], r["outcome"], r["count"], r["amount"]]
            for r in data.get("decided", [])  # a pack built before this has none
        ],
        ["", "", "", NUMBER, MONEY],
    )
    return {
        "tables": [decided]
        + _grant_tables(
            "grants",
            (_("Grant money this year"), _("Applications and grants this year")),
            data["rows"],
            data["total"],
        )
    }


SHOW = {
    "portfolio": _portfolio,
    "money": _money,
    "plan": _plan,
    "benefits": _benefits,
    "risk": _risk,
    "nabolagspotten": _nabolagspotten,
    "lessons": _lessons,
    "state": _state,
    "board": _board,
    "grants": _grants,
}


def report_sections(report, *, public: bool = False, pdf: bool = False) -> list[ShownSection]:
    """The sections gathered so far, as the page, the PDFs and the workbook show them. With
    `pdf`, an annual report's long lists are shown by their totals and first rows."""
    pdf = pdf and report.kind == "arsrapport"
    shown = []
    for section in sections_for(report.kind):
        data = report.snapshot.get(section.key)
        if data is None:
            continue
        parts = SHOW[section.key](data, public, pdf)
        show_tables = parts.pop("show_tables", True)
        item = ShownSection(
            key=section.key,
            title=str(section.title),
            summary=report.summaries.get(section.key, ""),
            **parts,
        )
        item.show_tables = show_tables
        shown.append(item)
    return shown
