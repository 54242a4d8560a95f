"""Nabolagspotten's data: rounds with a budget per area, applications from residents and
local groups (who have no account), and everything a case gathers on its way from draft
to decision, payment, final report and closing.

Words: a *round* is a søknadsrunde; *granted* is innvilget; a *decision* is an
enkeltvedtak; an *appeal* is a klage; *habilitet* is the handler's impartiality.

Money is whole kroner (integers). Every model that a person changes keeps its history
(simple-history); `CaseEvent` is itself the append-only timeline of a case.

- `rounds.py`: `Round`, `RoundArea`
- `applications.py`: `Application`, `ApplicationBudgetLine`, `Attachment`, `AccessLink`
- `cases.py`: `CaseEvent`, `Message`, `InternalComment`, `ImpartialityDeclaration`,
  `Assessment`, `Decision`, `Appeal`
- `followup.py`: `Payment`, `FinalReport`, `Repayment`
- `audit.py`: `PersonalDataAccess`
"""

from nabolagspotten.models.applications import (
    AccessLink,
    Application,
    ApplicationBudgetLine,
    Attachment,
)
from nabolagspotten.models.audit import PersonalDataAccess
from nabolagspotten.models.cases import (
    Appeal,
    Assessment,
    CaseEvent,
    Decision,
    ImpartialityDeclaration,
    InternalComment,
    Message,
)
from nabolagspotten.models.common import LONG_TEXT, SHORT_TEXT
from nabolagspotten.models.followup import FinalReport, Payment, Repayment
from nabolagspotten.models.rounds import Round, RoundArea, RoundQuerySet

__all__ = [
    "LONG_TEXT",
    "SHORT_TEXT",
    "AccessLink",
    "Appeal",
    "Application",
    "ApplicationBudgetLine",
    "Assessment",
    "Attachment",
    "CaseEvent",
    "Decision",
    "FinalReport",
    "ImpartialityDeclaration",
    "InternalComment",
    "Message",
    "Payment",
    "PersonalDataAccess",
    "Repayment",
    "Round",
    "RoundArea",
    "RoundQuerySet",
]
