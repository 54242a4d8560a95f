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


ROLE_DESCRIPTIONS = {
    Role.PROGRAMME_LEADER: _(
        "Runs the portfolio day to day: projects, selection, budgets, benefits, risks, "
        "annual plans and reports. Maintains the programme's structure."
    ),
    Role.BOARD: _(
        "Reviews and approves the annual action plan, and reads the board reports with "
        "«lærdommer så langt»."
    ),
    Role.CHANGE_LEADER: _(
        "Owns the projects' results and benefits for your unit, logs lessons learned and "
        "takes new methods into ordinary operations."
    ),
    Role.PROJECT_LEADER: _(
        "Keeps your projects' status, risks and measurements current, and meets in "
        "bydelsforum and prosjektforum."
    ),
    Role.CASE_HANDLER: _(
        "Reviews Nabolagspotten applications, decides, pays and follows up final reports."
    ),
}
