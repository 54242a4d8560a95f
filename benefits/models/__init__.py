"""The benefits register: benefits, their contributing projects and timeline, indicators with
baselines, targets and measurements."""

from benefits.models.benefits import Benefit, BenefitContribution, BenefitEvent
from benefits.models.indicators import Baseline, Indicator, Measurement, Target
from benefits.models.plans import BenefitPlan, BenefitPlanComment, BenefitPlanSubmission
from benefits.models.reminders import MeasurementReminder

__all__ = [
    "Baseline",
    "Benefit",
    "BenefitContribution",
    "BenefitEvent",
    "BenefitPlan",
    "BenefitPlanComment",
    "BenefitPlanSubmission",
    "Indicator",
    "Measurement",
    "MeasurementReminder",
    "Target",
]
