"""The benefits map: the SVG and the nested list hold the same nodes, every node is a
link, the filters narrow both, text is escaped, and the query count is flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.services import benefits as services
from portfolio.models import Area, Goal, Strategy
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _benefit(people, title, area, kind="direkte", project_title="Trygge gater"):
    project = ProjectFactory(
        title=project_title,
        owner_unit=people["change_leader"].unit,
        created_by=people["programme_leader"],
    )
    goal = Goal.objects.first()
    return services.benefit_create(
        by=people["change_leader"],
        title=title,
        description="x",
        dfo_class="kvalitet",
        goal=goal,
        owner_unit=people["change_leader"].unit,
        strategies=list(Strategy.objects.filter(goal=goal)[:1]),
        areas=[area],
        contributions=[(project, kind)],
    )


def test_the_map_and_its_list_have_the_same_links(client_for, people):
    lademoen = Area.objects.get(name="Lademoen")
    benefit = _benefit(people, "Økt trygghet <script>x</script>", lademoen, kind="indirekte")
    response = client_for("board_member").get(reverse("benefits:map"))
    assert response.status_code == 200
    html = response.content.decode()
    svg, listing = html.split("</svg>", 1)
    for url in (benefit.get_absolute_url(), benefit.projects.get().get_absolute_url()):
        assert f'href="{url}"' in svg and f'href="{url}"' in listing
    strategy = benefit.strategies.get()
    assert f"#s{strategy.pk}" in svg and f'id="s{strategy.pk}"' in listing
    assert "stroke-dasharray" in svg  # the indirect contribution
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in svg


def test_the_filter_by_area_narrows_the_map(client_for, people):
    lademoen = Area.objects.get(name="Lademoen")
    mollenberg = Area.objects.get(name="Møllenberg")
    _benefit(people, "Tryggere Lademoen", lademoen, project_title="Lademoen-prosjekt")
    _benefit(people, "Mer aktivitet på Møllenberg", mollenberg, project_title="Møllenberg-kafé")
    client = client_for("change_leader")
    html = client.get(reverse("benefits:map"), {"area": mollenberg.pk}).content.decode()
    html = html.split('id="map-heading"', 1)[1]  # the map and its list, not the filter
    assert "Mer aktivitet på Møllenberg" in html and "Møllenberg-kafé" in html
    assert "Tryggere Lademoen" not in html and "Lademoen-prosjekt" not in html
    bad = client.get(reverse("benefits:map"), {"area": "abc", "goal": "<script>"})
    assert bad.status_code == 200  # an unknown filter value is ignored, never a 500


def test_the_filters_by_goal_level_and_project_narrow_the_map(client_for, people):
    from portfolio.models import Level

    area = Area.objects.get(name="Lademoen")
    first_goal, last_goal = (
        Goal.objects.order_by("number").first(),
        Goal.objects.order_by("number").last(),
    )
    neighbourhood, system = Level.objects.order_by("pk")[0], Level.objects.order_by("pk")[2]
    kept = _benefit(people, "Flere deltar i nabolaget", area, project_title="Nabolagskafé")
    kept.levels.set([neighbourhood])
    other = _benefit(people, "Bedre samhandling i kommunen", area, project_title="Samhandling")
    other.goal = last_goal
    other.save()
    other.strategies.set(Strategy.objects.filter(goal=last_goal)[:1])
    other.levels.set([system])
    client = client_for("board_member")

    def shown(**query):
        response = client.get(reverse("benefits:map"), query)
        assert response.status_code == 200
        return response.content.decode().split('id="map-heading"', 1)[1]

    for query in (
        {"goal": first_goal.pk},
        {"level": neighbourhood.pk},
        {"project": kept.projects.get().pk},
    ):
        html = shown(**query)
        assert "Flere deltar i nabolaget" in html and "Nabolagskafé" in html, query
        assert "Bedre samhandling i kommunen" not in html and "Samhandling<" not in html, query
    html = shown(level=system.pk)
    assert "Bedre samhandling i kommunen" in html
    assert "Flere deltar i nabolaget" not in html


def test_the_map_has_a_flat_query_count(client_for, people):
    area = Area.objects.first()
    client = client_for("change_leader")
    _benefit(people, "Gevinst 0", area)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("benefits:map"))
    for n in range(1, 8):
        _benefit(people, f"Gevinst {n}", area, project_title=f"Prosjekt {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("benefits:map"))
    assert len(many) == len(few)


def test_organisational_learning_is_computed_from_the_apps_data(client_for, people):
    from accounts.models import Unit
    from benefits.services import learning

    units = [Unit.objects.create(name=f"Enhet {n}") for n in range(2)]
    cross = ProjectFactory(
        title="På tvers",
        status="i_portefoljen",
        start_date="2026-01-01",
        created_by=people["programme_leader"],
    )
    cross.participating_units.set(units)
    ProjectFactory(
        title="Alene",
        status="i_portefoljen",
        start_date="2026-03-01",
        created_by=people["programme_leader"],
    )
    assert learning.cross_unit_share(2026) == 50
    assert learning.cross_unit_share(2020) is None
    assert learning.benefits_handed_over(2026) == 0
    response = client_for("board_member").get(reverse("benefits:learning"))
    assert response.status_code == 200
    assert "50 %" in response.content.decode()
