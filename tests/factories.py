"""Factories for every app's models. One module for now; split per app when it grows."""

import factory
from django.contrib.auth.models import Group

from accounts.models import Unit, User

PASSWORD = "et-passord-for-tester"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Enhet {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Faker("name", locale="no_NO")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set([Group.objects.get(name=role.value) for role in extracted])
        if create:
            self.save()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.Project"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Prosjekt {n}")
    summary = "Et prosjekt som prøver ut nye måter å jobbe på i nabolaget."
    lasting_change = "Tjenesten jobber varig på en ny måte."
    kind = "prosjekt"
    owner_unit = factory.SubFactory(UnitFactory)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        from portfolio.models import Area

        if create:
            self.areas.set(extracted if extracted is not None else Area.objects.all()[:1])

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        from portfolio.models import Goal

        if create:
            self.goals.set(extracted if extracted is not None else Goal.objects.all()[:1])


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.BudgetLine"

    project = factory.SubFactory(ProjectFactory)
    year = 2027
    source = "kdd"
    category = "tjenesteinnovasjon"
    planned = 250_000
    spent = 0


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.StatusReport"

    project = factory.SubFactory(ProjectFactory)
    date = factory.Faker("date_between", start_date="-1y", end_date="today")
    rag = "gronn"
    summary = "Arbeidet går etter planen."
    author = factory.SubFactory(UserFactory)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.ActionPlan"
        django_get_or_create = ["year"]

    year = 2027
    introduction = "Handlingsplanen for året."
    created_by = factory.SubFactory(UserFactory)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.Lesson"

    title = factory.Sequence(lambda n: f"Lærdom {n}")
    what_happened = "Vi prøvde en ny møteplass i parken."
    learned = "Beboerne kom når aktiviteten var fast hver uke."
    arena = "bydelsforum"
    author = factory.SubFactory(UserFactory)
    date = factory.Faker("date_between", start_date="-1y", end_date="today")


class ExternalPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portfolio.ExternalPartner"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = "frivillighet"
