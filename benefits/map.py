"""The benefits map (gevinstkart): projects → benefits → strategies → goals, drawn on the
server as an SVG (no JavaScript), with the same content as a nested list beside it.

`benefits_map(benefits)` takes the benefits to draw (already filtered, with their goal,
strategies and contributing projects prefetched) and returns the four columns of nodes,
the edges between them, the SVG and the nested list's tree. Every node is a link: a
project to its page, a benefit to its page, a strategy and a goal to the map filtered by
its goal. All text is escaped through format_html.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

COLUMN_WIDTH, GAP, ROW, NODE_HEIGHT, TOP = 210, 60, 52, 42, 40
WIDTH = 4 * COLUMN_WIDTH + 3 * GAP
MAX_LABEL = 30
FILLS = ["#f1f4f8", "#e3eefb", "#eef6ec", "#fbf1e3"]  # projects, benefits, strategies, goals


@dataclass
class Node:
    key: str
    label: str
    url: str
    column: int
    y: int = 0


@dataclass
class Map:
    columns: list[list[Node]]
    edges: list[tuple[Node, Node, str]]  # from, to, kind ("direkte"/"indirekte"/"")
    svg: SafeString
    tree: list = field(default_factory=list)  # goals → strategies → benefits → projects

    @property
    def is_empty(self) -> bool:
        return not self.columns[1]


def _lines(text: str) -> tuple[str, str, bool]:
    """The label in at most two lines of MAX_LABEL characters, and whether it was cut. The
    visible words are always the start of the full name (the link's accessible name)."""
    first, second, words = "", "", text.split()
    while words and len(f"{first} {words[0]}".strip()) <= MAX_LABEL:
        first = f"{first} {words.pop(0)}".strip()
    while words and len(f"{second} {words[0]}".strip()) <= MAX_LABEL - 1:
        second = f"{second} {words.pop(0)}".strip()
    if not first and words:  # one very long word
        first, words = words[0][:MAX_LABEL], []
        return first, "", True
    return first, second, bool(words)


def _label(node) -> SafeString:
    first, second, cut = _lines(node.label)
    x = _x(node.column) + 8
    return format_html(
        '<text font-size="12" fill="#0b1f35" text-decoration="underline">'
        '<tspan x="{}" y="{}">{} </tspan><tspan x="{}" y="{}">{}</tspan>{}</text>',
        x,
        node.y + (17 if second else 25),
        first,
        x,
        node.y + 33,
        second,
        mark_safe('<tspan aria-hidden="true">…</tspan>') if cut else "",  # noqa: S308
    )


def benefits_map(benefits) -> Map:
    map_url = reverse("benefits:map")
    projects, benefit_nodes, strategies, goals = {}, {}, {}, {}
    edges = []
    tree = {}
    for benefit in benefits:
        node = benefit_nodes.setdefault(
            benefit.pk, Node(f"b{benefit.pk}", benefit.title, benefit.get_absolute_url(), 1)
        )
        goal = goals.setdefault(
            benefit.goal_id,
            Node(f"g{benefit.goal_id}", str(benefit.goal), f"{map_url}?goal={benefit.goal_id}", 3),
        )
        goal_branch = tree.setdefault(benefit.goal_id, {"node": goal, "strategies": {}})
        contributions = list(benefit.contributions.all())
        for contribution in contributions:
            project = contribution.project
            project_node = projects.setdefault(
                project.pk, Node(f"p{project.pk}", project.title, project.get_absolute_url(), 0)
            )
            edges.append((project_node, node, contribution.kind))
        chosen = list(benefit.strategies.all())
        if chosen:
            for strategy in chosen:
                strategy_node = strategies.setdefault(
                    strategy.pk,
                    Node(
                        f"s{strategy.pk}",
                        str(strategy),
                        f"{map_url}?goal={strategy.goal_id}#s{strategy.pk}",
                        2,
                    ),
                )
                edges.append((node, strategy_node, ""))
                edges.append((strategy_node, goals.get(strategy.goal_id, goal), ""))
                branch = goal_branch["strategies"].setdefault(
                    strategy.pk, {"node": strategy_node, "benefits": []}
                )
                branch["benefits"].append({"node": node, "contributions": contributions})
        else:
            edges.append((node, goal, ""))
            branch = goal_branch["strategies"].setdefault(None, {"node": None, "benefits": []})
            branch["benefits"].append({"node": node, "contributions": contributions})
    unique_edges = list({(a.key, b.key): (a, b, kind) for a, b, kind in edges}.values())
    columns = [
        sorted(projects.values(), key=lambda n: n.label),
        sorted(benefit_nodes.values(), key=lambda n: n.label),
        sorted(strategies.values(), key=lambda n: n.label),
        sorted(goals.values(), key=lambda n: n.label),
    ]
    height = TOP + max([len(column) for column in columns] + [1]) * ROW + 10
    for column in columns:
        offset = TOP + (height - TOP - len(column) * ROW) // 2
        for index, node in enumerate(column):
            node.y = offset + index * ROW
    tree_list = [
        {
            "node": branch["node"],
            "strategies": [
                {"node": s["node"], "benefits": s["benefits"]}
                for _key, s in sorted(
                    branch["strategies"].items(),
                    key=lambda item: item[1]["node"].label if item[1]["node"] else "~",
                )
            ],
        }
        for _goal, branch in sorted(tree.items(), key=lambda item: item[1]["node"].label)
    ]
    return Map(
        columns=columns,
        edges=unique_edges,
        svg=_svg(columns, unique_edges, height),
        tree=tree_list,
    )


def _x(column: int) -> int:
    return column * (COLUMN_WIDTH + GAP)


def _svg(columns, edges, height) -> SafeString:
    headings = [_("Projects"), _("Benefits"), _("Strategies"), _("Goals")]
    heads = format_html_join(
        "",
        '<text x="{}" y="20" font-weight="bold" font-size="14" fill="#1e2b3c">{}</text>',
        ((_x(i) + 4, heading) for i, heading in enumerate(headings)),
    )
    dashed = mark_safe(' stroke-dasharray="5 4"')  # noqa: S308 - a constant
    lines = format_html_join(
        "",
        '<path d="M{} {} C{} {} {} {} {} {}" fill="none" stroke="#6b7c93" stroke-width="1.5"{}/>',
        (
            (
                _x(a.column) + COLUMN_WIDTH,
                a.y + NODE_HEIGHT // 2,
                _x(a.column) + COLUMN_WIDTH + GAP // 2,
                a.y + NODE_HEIGHT // 2,
                _x(b.column) - GAP // 2,
                b.y + NODE_HEIGHT // 2,
                _x(b.column),
                b.y + NODE_HEIGHT // 2,
                dashed if kind == "indirekte" else "",
            )
            for a, b, kind in edges
        ),
    )
    nodes = format_html_join(
        "",
        '<a href="{}" aria-label="{}"><title>{}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="#0062ba"/>{}</a>',
        (
            (
                node.url,
                node.label,
                node.label,
                _x(node.column),
                node.y,
                COLUMN_WIDTH,
                NODE_HEIGHT,
                FILLS[node.column],
                _label(node),
            )
            for column in columns
            for node in column
        ),
    )
    title = _("The benefits map: projects, benefits, strategies and goals")
    return format_html(
        '<svg class="benefits-map" viewBox="0 0 {} {}" width="{}" height="{}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" '
        'aria-labelledby="benefits-map-title">'
        '<title id="benefits-map-title">{}</title>{}{}{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        title,
        heads,
        lines,
        nodes,
    )
