"""The portfolio's models: the programme's structure, projects and their money and status,
the annual action plans, and lessons learned."""

from portfolio.models.lessons import Lesson
from portfolio.models.plans import (
    ActionPlan,
    ActionPlanPriority,
    BoardComment,
    BoardCommentBase,
    BoardPlan,
    BoardSubmission,
    PlanSubmission,
)
from portfolio.models.projects import (
    BudgetLine,
    CriterionAssessment,
    ExternalPartner,
    Project,
    ProjectEvent,
    StatusReport,
)
from portfolio.models.structure import (
    Area,
    FocusArea,
    Goal,
    Level,
    SelectionCriterion,
    Strategy,
)

__all__ = [
    "ActionPlan",
    "ActionPlanPriority",
    "Area",
    "BoardComment",
    "BoardCommentBase",
    "BoardPlan",
    "BoardSubmission",
    "BudgetLine",
    "CriterionAssessment",
    "ExternalPartner",
    "FocusArea",
    "Goal",
    "Lesson",
    "Level",
    "PlanSubmission",
    "Project",
    "ProjectEvent",
    "SelectionCriterion",
    "StatusReport",
    "Strategy",
]
