"""Factories for lessons learned and the board decisions «lærdommer så langt» counts from."""

import factory
from django.utils import timezone

from tests.factories import ActionPlanFactory, LessonFactory, UserFactory

__all__ = ["DecidedSubmissionFactory", "LessonFactory"]


class DecidedSubmissionFactory(factory.django.DjangoModelFactory):
    """A plan submission the board has decided on."""

    class Meta:
        model = "portfolio.PlanSubmission"

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyFunction(dict)
    submitted_by = factory.SubFactory(UserFactory)
    decision = "godkjent"
    meeting_date = factory.Faker("date_between", start_date="-1y", end_date="-1d")
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)
