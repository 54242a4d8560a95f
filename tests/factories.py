"""Factories for every app's models. One module for now; split per app when it grows."""

import factory
from django.contrib.auth.models import Group

from omradesatsing.models import User
from portfolio.models import Unit

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
