"""One register's page (and its PDF): the risks it holds (or everything beneath it), the
filters kept in the URL, the heat map, and how each risk and each cell moved since the last
board snapshot. A fixed number of queries whatever the number of risks."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from portfolio.models import Area, Project
from risk.models import Register, Risk, Snapshot
from risk.services.heatmap import TIERS, heat_map
from risk.services.registers import registers_beneath


def _int(value, low=1, high=5):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


BIG = 2**31 - 1


@dataclass
class Filters:
    """What the URL asks for; anything it cannot read is left out (never an error page)."""

    rolled_up: bool = False
    tier: str = "current"
    status: str = Risk.Status.OPEN
    kind: str | None = None
    ros_area: int | None = None
    area: int | None = None
    owner: int | None = None
    project: int | None = None
    cell: tuple[int, int] | None = None
    invalid: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query) -> "Filters":
        filters = cls(rolled_up=query.get("samlet") == "1")
        tier = query.get("niva", "current")
        filters.tier = tier if tier in TIERS else "current"
        status = query.get("status", Risk.Status.OPEN)
        filters.status = status if status in Risk.Status.values or status == "alle" else "open"
        kind = query.get("type")
        filters.kind = kind if kind in Risk.Kind.values else None
        for name, key in (
            ("ros_area", "ros"),
            ("area", "omrade"),
            ("owner", "eier"),
            ("project", "prosjekt"),
        ):
            raw = query.get(key, "")
            value = _int(raw, high=BIG)
            if raw and value is None:
                filters.invalid.append(key)
            setattr(filters, name, value)
        likelihood, consequence = _int(query.get("s")), _int(query.get("k"))
        if likelihood and consequence:
            filters.cell = (likelihood, consequence)
        return filters


def filtered_risks(registers: list[Register], filters: Filters):
    risks = Risk.objects.select_related(
        "register__area", "register__project", "ros_area", "owner"
    ).filter(register__in=registers)
    if filters.status != "alle":
        risks = risks.filter(status=filters.status)
    if filters.kind:
        risks = risks.filter(kind=filters.kind)
    if filters.ros_area:
        risks = risks.filter(ros_area_id=filters.ros_area)
    if filters.owner:
        risks = risks.filter(owner_id=filters.owner)
    if filters.area:
        in_area = Register.objects.filter(
            Q(area_id=filters.area) | Q(project__areas=filters.area)
        ).values("pk")
        risks = risks.filter(
            Q(register__in=in_area) | Q(project__in=Project.objects.filter(areas=filters.area))
        )
    if filters.project:
        risks = risks.filter(
            Q(project_id=filters.project) | Q(register__project_id=filters.project)
        )
    return risks


def last_snapshot() -> Snapshot | None:
    return Snapshot.objects.order_by("-number").first()


@dataclass
class Move:
    """How a risk moved on the tier shown since the snapshot: up, down, same or new."""

    direction: str  # "up", "down", "same", "new"
    before: tuple | None

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "same": "→", "new": "+"}[self.direction]


def _move_between(before, now) -> str:
    if before is None or None in before:
        return "new"
    if None in now:
        return "same"
    old, new = before[0] * before[1], now[0] * now[1]
    return "up" if new > old else "down" if new < old else "same"


def register_listing(
    register: Register, filters: Filters, *, page_number=None, page_size: int | None = None
) -> dict:
    """The page's (or the PDF's) content; with `page_size`, the list of risks is one page
    of that many (the heat map always counts them all)."""
    registers = registers_beneath(register) if filters.rolled_up else [register]
    risks = filtered_risks(registers, filters)
    tier = filters.tier
    heat = heat_map(register.matrix, risks, tier)
    snapshot = last_snapshot()
    frozen = snapshot.data.get("risks", {}) if snapshot else {}
    lk, cq = f"{tier}_likelihood", f"{tier}_consequence"
    moves: dict[int, Move] = {}
    moved_in: dict[tuple, int] = {}
    moved_out: dict[tuple, int] = {}
    if snapshot is not None:
        for pk, likelihood, consequence in risks.order_by().values_list("pk", lk, cq):
            then = frozen.get(str(pk))
            before = tuple(then[tier]) if then and then.get(tier) else None
            now = (likelihood, consequence)
            moves[pk] = Move(_move_between(before, now), before)
            if before != now:
                if None not in now:
                    moved_in[now] = moved_in.get(now, 0) + 1
                if before is not None and None not in before:
                    moved_out[before] = moved_out.get(before, 0) + 1
    for row in heat["rows"]:
        for cell in row.cells:
            cell.moved_in = moved_in.get((cell.likelihood, cell.consequence), 0)
            cell.moved_out = moved_out.get((cell.likelihood, cell.consequence), 0)
    listed = risks
    if filters.cell:
        listed = risks.filter(**{lk: filters.cell[0], cq: filters.cell[1]})
    listed = listed.order_by("register__level", "register_id", "number")
    page = None
    if page_size:
        page = Paginator(listed, page_size).get_page(page_number)
        listed = list(page.object_list)
    else:
        listed = list(listed)
    grid = {(c.likelihood, c.consequence): c.level for row in heat["rows"] for c in row.cells}
    for risk in listed:
        risk.current_level = grid.get((risk.current_likelihood, risk.current_consequence))
        risk.move = moves.get(risk.pk)
    return {
        "registers": registers,
        "risks_qs": risks,
        "heat": heat,
        "risks": listed,
        "page": page,
        "snapshot": snapshot,
    }


def filter_choices(registers: list[Register]) -> dict:
    """The choices of the area, owner and project filters: three small queries."""
    from django.contrib.auth import get_user_model

    owners = (
        get_user_model()
        .objects.filter(owned_risks__register__in=registers)
        .distinct()
        .order_by("full_name", "pk")
    )
    projects = (
        Project.objects.filter(Q(risk_register__in=registers) | Q(risks__register__in=registers))
        .distinct()
        .order_by("title")
        .only("pk", "title")
    )
    return {
        "areas": Area.objects.filter(is_active=True).order_by("name"),
        "owners": owners,
        "projects": projects,
    }
