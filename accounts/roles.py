"""The staff roles. Each is a Django group created by a migration; its name is what users see.

The Norwegian names are the governance roles of the programme document (chapter 7) and
are kept as they are: they are what the users call themselves.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_LEADER = "Programleder", _("Programme leader")
    BOARD = "Programstyret", _("Programme board")
    CHANGE_LEADER = "Endringsleder", _("Change leader")
    PROJECT_LEADER = "Prosjektleder/Prosessleder", _("Project or process leader")
    CASE_HANDLER = "Saksbehandler (Nabolagspotten)", _("Case handler (Nabolagspotten)")
    PROGRAMME_OWNER = "Programeier", _("Programme owner")


ROLE_DESCRIPTIONS = {
    Role.PROGRAMME_LEADER: _(
        "You run the portfolio day to day: projects, selection, budgets, benefits, risks, "
        "annual plans and reports, and you maintain the programme's structure."
    ),
    Role.BOARD: _(
        "You review and approve the annual action plan, and read the board reports with "
        "«lærdommer så langt»."
    ),
    Role.CHANGE_LEADER: _(
        "You own the results and benefits of your unit's projects, log lessons learned and "
        "take new methods into ordinary operations."
    ),
    Role.PROJECT_LEADER: _(
        "You keep your projects' status, risks and measurements current, and meet in "
        "bydelsforum and prosjektforum."
    ),
    Role.CASE_HANDLER: _(
        "You handle Nabolagspotten applications: you decide on them, pay out grants and "
        "follow up the final reports."
    ),
    Role.PROGRAMME_OWNER: _(
        "You own the programme on behalf of the city government: you read the programme "
        "overview, the board's decisions and the reports, and change nothing."
    ),
}
