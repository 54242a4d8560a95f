"""Perceived change (opplevd endring): survey results per area and year as indicators with
an area, entered like any indicator and shown on the benefit's page grouped by area."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.models import Indicator
from portfolio.models import Area
from tests.benefits.test_views import _indicator_data, benefit  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

NAME = "Andel beboere som føler seg trygge i nabolaget"


def _add(client, benefit, area=None, name=NAME):  # noqa: F811
    data = _indicator_data() | {"name": name, "unit": "prosent"}
    if area is not None:
        data["area"] = area.pk
    response = client.post(reverse("benefits:indicator_create", args=[benefit.pk]), data)
    assert response.status_code == 302
    return Indicator.objects.get(benefit=benefit, name=name, area=area)


def test_a_survey_result_is_entered_per_area_and_shown_grouped_by_area(
    client_for,
    benefit,  # noqa: F811
):
    client = client_for("change_leader")
    lademoen = Area.objects.get(slug="lademoen")
    mollenberg = Area.objects.get(slug="mollenberg")
    first = _add(client, benefit, mollenberg)
    second = _add(client, benefit, lademoen)
    _add(client, benefit, name="Antall nabolagsaktiviteter")
    assert first.area == mollenberg and second.area == lademoen
    assert first.baselines.count() == 2 and first.targets.count() == 1
    html = client.get(benefit.get_absolute_url()).content.decode()
    assert "Undersøkelsesresultater per område og år (opplevd endring)" in html
    whole = html.index(">Hele gevinsten</h3>")
    at_lademoen = html.index(f'id="indicators-area-{lademoen.pk}">Lademoen</h3>')
    at_mollenberg = html.index(f'id="indicators-area-{mollenberg.pk}">Møllenberg</h3>')
    assert whole < at_lademoen < at_mollenberg
    assert at_lademoen < html.index(f"{NAME} – Lademoen</h4>") < at_mollenberg
    assert html.index(f"{NAME} – Møllenberg</h4>") > at_mollenberg


def test_without_areas_the_indicators_are_not_grouped(client_for, benefit):  # noqa: F811
    client = client_for("change_leader")
    _add(client, benefit)
    html = client.get(benefit.get_absolute_url()).content.decode()
    assert "indicators-area-" not in html
    assert f">{NAME}</h3>" in html


def test_an_unknown_area_gets_a_message_on_the_field(client_for, benefit):  # noqa: F811
    data = _indicator_data() | {"area": "999999"}
    response = client_for("change_leader").post(
        reverse("benefits:indicator_create", args=[benefit.pk]), data
    )
    assert response.status_code == 400
    assert "area" in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_the_benefit_page_takes_the_same_queries_for_more_areas(
    client_for,
    benefit,  # noqa: F811
):
    client = client_for("change_leader")
    areas = list(Area.objects.order_by("name"))
    _add(client, benefit, areas[0])
    client.get(benefit.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(benefit.get_absolute_url())
    for area in areas[1:]:
        _add(client, benefit, area)
    with CaptureQueriesContext(connection) as many:
        client.get(benefit.get_absolute_url())
    assert len(areas) >= 3
    assert len(many) == len(one)
