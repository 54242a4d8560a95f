"""Demo data: one user per role, units, the documented demo password, a demo portfolio and
Nabolagspotten's demo rounds and applications.

Used by `manage.py seed_demo` (refused when DEBUG is off) and listed in the README.
"""

import logging

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Unit, User
from accounts.roles import Role
from benefits.generate import generate_benefits
from core.pdf import PdfUnavailable
from nabolagspotten.demo import generate_demo
from omradesatsing.pdfs import pdfs_render_missing
from portfolio.generate import generate_portfolio
from portfolio.models import Project
from reports.demo import demo_reports
from risk.generate import generate_risks

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "demo-passord-2026"
DEMO_PROJECTS = 25

# (parent unit, unit)
DEMO_UNITS = [
    (None, "Byutvikling"),
    ("Byutvikling", "Byplankontoret"),
    (None, "Helse og velferd"),
    ("Helse og velferd", "Helse- og velferdssenter Østbyen"),
    (None, "Oppvekst og utdanning"),
    ("Oppvekst og utdanning", "Lademoen skole"),
    ("Oppvekst og utdanning", "Ungdomstjenesten"),
    (None, "Kultur og næring"),
    ("Kultur og næring", "Biblioteket"),
    (None, "Kommunaldirektøren for organisasjon"),
    (None, "Politisk ledelse"),
]

# (e-mail, full name, role or None, unit, may use the admin)
DEMO_USERS = [
    (
        "programleder@demo.example",
        "Pia Programleder",
        Role.PROGRAMME_LEADER,
        "Byplankontoret",
        True,
    ),
    (
        "styret@demo.example",
        "Stein Styremedlem",
        Role.BOARD,
        "Kommunaldirektøren for organisasjon",
        False,
    ),
    (
        "endringsleder@demo.example",
        "Eva Endringsleder",
        Role.CHANGE_LEADER,
        "Helse- og velferdssenter Østbyen",
        False,
    ),
    (
        "prosjektleder@demo.example",
        "Per Prosjektleder",
        Role.PROJECT_LEADER,
        "Lademoen skole",
        False,
    ),
    (
        "saksbehandler@demo.example",
        "Sara Saksbehandler",
        Role.CASE_HANDLER,
        "Byplankontoret",
        False,
    ),
    (
        "programeier@demo.example",
        "Petra Programeier",
        Role.PROGRAMME_OWNER,
        "Politisk ledelse",
        False,
    ),
    ("uten-rolle@demo.example", "Ulf Utenrolle", None, None, False),
]


@transaction.atomic
def seed_demo() -> list[User]:
    """Create or refresh the demo units and users, and a demo portfolio if there is none.
    Safe to run again."""
    units = {}
    for parent, name in DEMO_UNITS:
        unit, _created = Unit.objects.get_or_create(name=name)
        wanted_parent = units.get(parent)
        if unit.parent != wanted_parent:
            unit.parent = wanted_parent
            unit.save()
        units[name] = unit

    users = []
    for email, full_name, role, unit_name, is_staff in DEMO_USERS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.full_name = full_name
        user.unit = units.get(unit_name)
        user.is_staff = is_staff
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)] if role else [])
        users.append(user)

    if not Project.objects.exists():
        # A plausible portfolio: about 25 projects in the three areas, money, status reports,
        # lessons, the 2026 plan approved by the board and the 2027 plan in draft.
        leaders = [
            u for u in users if u.is_programme_leader or u.is_change_leader or u.is_project_leader
        ]
        generate_portfolio(projects=DEMO_PROJECTS, seed=2026, users=leaders)
        _give_the_demo_change_leader_work(next(u for u in users if u.is_change_leader))
    # Nabolagspotten: an open round with a case in every status, and last year's grants
    # (only when there are no rounds yet).
    generate_demo(
        handler=next(u for u in users if u.is_case_handler),
        leader=next(u for u in users if u.is_programme_leader),
    )
    # Benefits register: about 20 benefits across the three goals, indicators with the 2022
    # and 2025 baselines and three years of measurements (only when there are none yet).
    generate_benefits(
        owners=[u for u in users if u.is_change_leader or u.is_project_leader],
        leader=next(u for u in users if u.is_programme_leader),
    )
    # Risk registers: about 30 risks in the programme's and the areas' registers, with
    # actions, reviews (one overdue), an accepted risk and two board snapshots; made after the
    # benefits, so that some risks name the benefit they threaten.
    generate_risks(
        leader=next(u for u in users if u.is_programme_leader),
        owners=[u for u in users if u.is_change_leader or u.is_project_leader],
        board=next(u for u in users if u.is_board_member),
    )
    # The files the background tasks would have made for the approved plan and the letters
    # sent; a machine without WeasyPrint's libraries gets the demo without them (the pages
    # say why, and `manage.py render_missing_pdfs` makes them later).
    try:
        for _filename in pdfs_render_missing():
            pass
    except PdfUnavailable:
        logger.warning("Demo data without PDFs: WeasyPrint's libraries are missing.")
    # The 2026 annual report (published) and a board report pack, built by the report task.
    demo_reports(leader=next(u for u in users if u.is_programme_leader))
    return users


def _give_the_demo_change_leader_work(change_leader) -> None:
    """So that the demo change leader's page shows projects of their own unit, and one
    proposal waiting for the unit to accept ownership."""
    running = Project.objects.filter(status=Project.Status.IN_PORTFOLIO).order_by("pk")[:3]
    proposal = Project.objects.filter(status=Project.Status.PROPOSAL).order_by("pk")[:1]
    for project in [*running, *proposal]:
        project.owner_unit = change_leader.unit
        project.change_leader = change_leader
        if project.ownership_accepted_at:
            project.ownership_accepted_by = change_leader  # the unit's own change leader
        project._history_user = change_leader
        project.save()
