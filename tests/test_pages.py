"""The home page per role, the programme structure, health, error pages and headers."""

import pytest
from django.test import Client
from django.urls import reverse

from portfolio.models import Area, FocusArea, Goal, Level, SelectionCriterion, Strategy


def test_the_programme_structure_is_seeded_with_the_programme_documents_wording(db):
    assert list(Area.objects.values_list("name", flat=True)) == [
        "Lademoen",
        "Møllenberg",
        "Tempe-Sorgenfri",
    ]
    goals = {g.number: (g.name, g.statement) for g in Goal.objects.all()}
    assert goals[1] == (
        "Stedsutvikling",
        "Et attraktivt nabolag der innbyggerne opplever trygghet, trivsel og tilhørighet",
    )
    assert goals[2][0] == "Tjenesteutvikling"
    assert goals[3] == (
        "Lokalsamfunnsutvikling",
        "Flere bidrar til et godt lokalsamfunn, gjennom sin rolle som nabolagsaktør",
    )
    assert [s.code for s in Strategy.objects.select_related("goal")] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "3.3",
    ]
    assert Strategy.objects.get(goal__number=1, number=1).name == "Styrke livet mellom husene"
    assert FocusArea.objects.get(number=2).name == "Bygge lokalsamfunn"
    assert [str(level) for level in Level.objects.all()] == [
        "01 Nabolagsnivået",
        "02 Organisasjonsnivået",
        "03 Systemnivået",
    ]
    assert SelectionCriterion.objects.count() == 5
    assert (
        SelectionCriterion.objects.get(number=1).text
        == "Ha forankring hos de som skal eie resultatet (linja)."
    )


def test_an_anonymous_visitor_sees_the_public_front_page_in_norwegian(client, db):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="nb"' in html
    assert "Områdesatsing i Trondheim" in html
    assert "Møllenberg" in html


@pytest.mark.parametrize(
    ("person", "heading"),
    [
        ("programme_leader", "Programleder"),
        ("board_member", "Programstyret"),
        ("change_leader", "Endringsleder"),
        ("project_leader", "Prosjektleder eller prosessleder"),
        ("case_handler", "Saksbehandler (Nabolagspotten)"),
    ],
)
def test_each_role_sees_what_it_is_responsible_for(client_for, people, person, heading):
    html = client_for(person).get(reverse("home")).content.decode()
    assert "Dette har du ansvar for" in html
    assert heading in html
    assert people[person].unit.name in html


def test_a_user_without_a_role_gets_a_helpful_empty_state(client_for):
    html = client_for("outsider").get(reverse("home")).content.decode()
    assert "Du har ingen rolle i programmet ennå" in html
    assert reverse("portfolio:structure") not in html, "no link to what they cannot open"


def test_only_the_programme_leader_is_offered_the_administration(client_for):
    assert (
        reverse("admin:index")
        in client_for("programme_leader").get(reverse("home")).content.decode()
    )
    assert (
        reverse("admin:index")
        not in client_for("board_member").get(reverse("home")).content.decode()
    )


def test_the_structure_page_lists_goals_strategies_levels_and_criteria(
    client_for, django_assert_max_num_queries
):
    client = client_for("change_leader")
    with django_assert_max_num_queries(12):
        html = client.get(reverse("portfolio:structure")).content.decode()
    for text in [
        "Mål 1 Stedsutvikling",
        "Bygge opp om stedets identitet",
        "02 Organisasjonsnivået",
        "Styrke nabolaget som helhet.",
    ]:
        assert text in html


def test_the_language_switcher_turns_the_site_english_and_back(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en"' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert '<html lang="nb"' in client.get("/").content.decode()


def test_the_browsers_language_does_not_override_norwegian(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nb"' in html


def test_health_reports_the_database(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_a_missing_page_is_a_norwegian_404_in_the_sites_layout(client, db):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi finner ikke siden" in html
    assert "Tilgjengelighetserklæring" in html  # the footer: same layout


def _broken_view(request):
    raise RuntimeError("boom")


def test_a_server_error_is_a_norwegian_500_in_the_sites_layout(db, settings):
    settings.ROOT_URLCONF = "tests.urls_with_error"
    client = Client(raise_request_exception=False)
    response = client.get("/feil/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Noe gikk galt hos oss" in html
    assert "Tilgjengelighetserklæring" in html


def test_every_response_carries_the_security_headers(client, db):
    response = client.get(reverse("home"))
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_script_tag_carries_the_requests_nonce(client, db):
    response = client.get(reverse("home"))
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') > 0


PRODUCTION_REQUEST = """
import django
django.setup()
from django.test import Client
response = Client().get("/personvern/", secure=True, HTTP_HOST="omradesatsing.trondheim.kommune.no")
print(response.status_code)
print(response.headers["Strict-Transport-Security"])
print(Client().get("/personvern/", HTTP_HOST="omradesatsing.trondheim.kommune.no").status_code)
"""


@pytest.mark.heavy
def test_production_sends_hsts_for_a_year_and_redirects_plain_http(tmp_path):
    import subprocess
    import sys

    from tests.helpers import PRODUCTION_ENV, ROOT, run_manage

    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    assert run_manage("collectstatic", "--noinput", env=env).returncode == 0
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRODUCTION_REQUEST],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "omradesatsing.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "200",
        "max-age=31536000; includeSubDomains; preload",
        "301",
    ]


def test_every_page_has_a_favicon_and_it_is_served(client, db):
    html = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in html and "img/favicon.svg" in html
    from django.contrib.staticfiles import finders

    assert finders.find("img/favicon.svg")


def test_the_front_page_says_something_about_each_area_and_links_to_its_grants(client, db):
    from portfolio.models import Area

    html = client.get(reverse("home")).content.decode()
    for area in Area.objects.filter(is_active=True):
        assert area.description and area.description != f"Levekårssonen {area.name}."
        assert area.description in html
        assert f"{reverse('nabolagspotten:grants')}?area={area.pk}" in html


def test_round_dates_read_the_norwegian_way():
    from datetime import date

    from django.template.loader import render_to_string
    from django.utils import translation

    class Round:
        is_rolling = False
        opens_on = date(2026, 1, 1)
        closes_on = date(2026, 3, 31)

    with translation.override("nb"):
        text = render_to_string("nabolagspotten/rounds/_dates.html", {"round": Round()})
    assert text.strip() == "1. januar 2026–31. mars 2026"
