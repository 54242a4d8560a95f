"""Factories for Nabolagspotten. `RoundFactory` gives a round open today with a budget in
every area; `ApplicationFactory` a submitted application with two budget lines."""

import factory
from django.utils import timezone

from nabolagspotten.models import Application, ApplicationBudgetLine, Round, RoundArea
from nabolagspotten.services.workflow import new_reference
from portfolio.models import Area
from tests.factories import UserFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nabolagspotten runde {n}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=30))
    max_grant = 50_000
    criteria = "Tiltaket skaper aktivitet, trivsel og fellesskap i nabolaget."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def budgets(self, create, extracted, **kwargs):
        """`budgets={area_slug: kroner}`; by default 200 000 kr in every active area."""
        if not create:
            return
        areas = {area.slug: area for area in Area.objects.filter(is_active=True)}
        amounts = extracted if extracted is not None else dict.fromkeys(areas, 200_000)
        for slug, amount in amounts.items():
            RoundArea.objects.create(round=self, area=areas[slug], budget=amount)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    reference = factory.LazyAttribute(lambda o: new_reference(o.round.year))
    round = factory.SubFactory(RoundFactory)
    area = factory.LazyFunction(lambda: Area.objects.order_by("name").first())
    status = Application.Status.SUBMITTED
    applicant_kind = Application.ApplicantKind.ORGANISATION
    organisation_number = "974760673"  # a valid control digit (Brønnøysundregistrene's own)
    applicant_name = factory.Sequence(lambda n: f"Nabolagsforening {n}")
    contact_name = "Kari Nordmann"
    email = factory.Sequence(lambda n: f"soker{n}@test.example")
    phone = "+47 900 00 000"
    title = factory.Sequence(lambda n: f"Sommerfest i bakgården {n}")
    location = "Bakgården i Nonnegata"
    description = "En fest for alle i kvartalet, med grilling og musikk."
    target_group = "Alle som bor i kvartalet, store og små."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=40))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=41))
    expected_participants = 80
    resident_involvement = "Beboerne planlegger, rigger og rydder."
    volunteer_hours = 60
    partners = "Frivilligsentralen"
    own_contribution = 2_000
    amount_requested = 15_000
    read_privacy_notice = True
    understands_public = True
    first_time = True
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        """Budget lines summing to amount_requested (or `lines=[(text, kroner), ...]`)."""
        if not create:
            return
        lines = extracted
        if lines is None:
            half = self.amount_requested // 2
            lines = [("Mat og drikke", half), ("Leie av telt", self.amount_requested - half)]
        for description, amount in lines:
            ApplicationBudgetLine.objects.create(
                application=self, description=description, amount=amount
            )
