"""The home page shows each staff member what is waiting for them in the portfolio."""

import pytest
from django.urls import reverse

from tests.factories import ProjectFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


def test_the_change_leader_is_asked_to_accept_ownership_for_their_unit(client_for, people):
    project = ProjectFactory(
        owner_unit=people["change_leader"].unit, created_by=people["programme_leader"]
    )
    html = client_for("change_leader").get(reverse("home")).content.decode()
    assert nb("Projects your unit is asked to own") in html
    assert project.get_absolute_url() in html


def test_the_programme_leader_sees_proposals_to_assess(client_for, people):
    project = ProjectFactory(created_by=people["programme_leader"])
    html = client_for("programme_leader").get(reverse("home")).content.decode()
    assert nb("Proposals to assess against the criteria") in html
    assert project.title in html


def test_another_units_project_is_not_on_a_change_leaders_page(client_for, people):
    other = ProjectFactory(created_by=people["programme_leader"])
    html = client_for("change_leader").get(reverse("home")).content.decode()
    assert other.title not in html
    assert nb("Nothing is waiting for you right now.") in html


def test_the_home_page_query_count_does_not_grow_with_projects(
    client_for, people, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("change_leader")
    ProjectFactory(owner_unit=people["change_leader"].unit, created_by=people["programme_leader"])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    ProjectFactory.create_batch(
        8, owner_unit=people["change_leader"].unit, created_by=people["programme_leader"]
    )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
