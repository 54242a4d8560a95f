"""What changes a risk register: registers made when first needed, risks registered,
changed, escalated and delegated (keeping their history), reviewed, closed and accepted,
and the actions on them. Every function checks its input and writes history."""

from risk.services.registers import (
    area_register,
    programme_register,
    project_register,
    registers_beneath,
)
from risk.services.risks import (
    action_create,
    action_update,
    risk_accept,
    risk_close,
    risk_create,
    risk_delegate,
    risk_escalate,
    risk_review,
    risk_update,
)
from risk.services.snapshots import (
    snapshot_diff,
    snapshot_diff_page,
    snapshot_freeze,
    snapshot_open_risks,
)

__all__ = [
    "action_create",
    "action_update",
    "area_register",
    "programme_register",
    "project_register",
    "registers_beneath",
    "risk_accept",
    "risk_close",
    "risk_create",
    "risk_delegate",
    "risk_escalate",
    "risk_review",
    "risk_update",
    "snapshot_diff",
    "snapshot_diff_page",
    "snapshot_freeze",
    "snapshot_open_risks",
]
