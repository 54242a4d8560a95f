"""The risk app's models: matrices as data, registers, risks, actions, reviews, acceptances."""

from risk.models.matrices import Cell, Level, Matrix, RosArea, ScaleStep
from risk.models.registers import (
    Acceptance,
    Action,
    Register,
    RegisterPdf,
    Reminder,
    Review,
    Risk,
    RiskEvent,
)
from risk.models.snapshots import Snapshot

__all__ = [
    "Acceptance",
    "Action",
    "Cell",
    "Level",
    "Matrix",
    "Register",
    "RegisterPdf",
    "Reminder",
    "Review",
    "Risk",
    "RiskEvent",
    "RosArea",
    "ScaleStep",
    "Snapshot",
]
