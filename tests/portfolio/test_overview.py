"""The programme leader's portfolio overview: filters, counts, money, staleness, sorting,
pagination and the htmx fragment."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from portfolio.models import Area, FocusArea, Goal, Level, Project, Strategy
from portfolio.services.overview import (
    area_goal_matrix,
    filter_projects,
    money_by_source,
    status_counts,
)
from tests.factories import BudgetLineFactory, ProjectFactory, StatusReportFactory, UnitFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

URL = "/program/portefolje/"


def _titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


@pytest.fixture
def leader_client(client_for):
    return client_for("programme_leader")


@pytest.fixture
def two_projects(people):
    """«Match» and «Other» differ in every filtered dimension."""
    areas, goals = list(Area.objects.all()), list(Goal.objects.all())
    strategies, focus = list(Strategy.objects.all()), list(FocusArea.objects.all())
    levels = list(Level.objects.all())
    year = timezone.localdate().year
    made = {}
    for i, (title, status, source, rag) in enumerate(
        [("Match", "i_portefoljen", "kdd", "gronn"), ("Other", "forslag", "husbanken", "rod")]
    ):
        project = ProjectFactory(
            title=title,
            status=status,
            owner_unit=UnitFactory(name=f"Enhet for {title}"),
            created_by=people["programme_leader"],
            areas=[areas[i]],
            goals=[goals[i]],
        )
        project.strategies.set([strategies[i * 5]])
        project.focus_areas.set([focus[i]])
        project.levels.set([levels[i]])
        BudgetLineFactory(project=project, year=year, source=source, planned=100_000 * (i + 1))
        StatusReportFactory(project=project, rag=rag, date=timezone.localdate())
        made[title] = project
    return made


def _filter_value(name, match):
    return {
        "area": lambda: match.areas.get().pk,
        "goal": lambda: match.goals.get().pk,
        "strategy": lambda: match.strategies.get().pk,
        "focus_area": lambda: match.focus_areas.get().pk,
        "level": lambda: match.levels.get().pk,
        "status": lambda: "i_portefoljen",
        "unit": lambda: match.owner_unit_id,
        "source": lambda: "kdd",
        "rag": lambda: "gronn",
    }[name]()


@pytest.mark.parametrize(
    "name",
    ["area", "goal", "strategy", "focus_area", "level", "status", "unit", "source", "rag"],
)
def test_each_filter_narrows_the_list_to_the_matching_project(leader_client, two_projects, name):
    assert sorted(_titles(leader_client.get(URL))) == ["Match", "Other"]
    value = _filter_value(name, two_projects["Match"])
    response = leader_client.get(URL, {name: value})
    assert response.status_code == 200
    assert _titles(response) == ["Match"]
    assert not response.context["form"].errors


def test_several_values_of_one_filter_widen_it_and_two_filters_narrow_together(
    leader_client, two_projects
):
    response = leader_client.get(URL, {"status": ["i_portefoljen", "forslag"]})
    assert sorted(_titles(response)) == ["Match", "Other"]
    response = leader_client.get(URL, {"status": "i_portefoljen", "rag": "rod"})
    assert _titles(response) == []


def test_the_rag_filter_finds_projects_with_no_report(leader_client, people):
    ProjectFactory(title="Uten rapport", created_by=people["programme_leader"])
    StatusReportFactory(project=ProjectFactory(title="Med rapport"), rag="gul")
    assert _titles(leader_client.get(URL, {"rag": "ingen"})) == ["Uten rapport"]
    assert _titles(leader_client.get(URL, {"rag": "gul"})) == ["Med rapport"]


def test_the_funding_source_filter_looks_at_the_chosen_year(leader_client, people):
    project = ProjectFactory(title="Husbanken 2027")
    BudgetLineFactory(project=project, year=2027, source="husbanken", planned=500_000)
    assert _titles(leader_client.get(URL, {"source": "husbanken", "year": 2027})) == [
        "Husbanken 2027"
    ]
    assert _titles(leader_client.get(URL, {"source": "husbanken", "year": 2028})) == []


def test_the_rag_filter_uses_only_the_latest_report(leader_client):
    project = ProjectFactory(title="Bedre nå")
    today = timezone.localdate()
    StatusReportFactory(project=project, rag="rod", date=today - timedelta(days=30))
    StatusReportFactory(project=project, rag="gronn", date=today)
    assert _titles(leader_client.get(URL, {"rag": "rod"})) == []
    assert _titles(leader_client.get(URL, {"rag": "gronn"})) == ["Bedre nå"]


def test_invalid_filter_values_give_field_messages_not_a_server_error(leader_client, two_projects):
    response = leader_client.get(
        URL,
        {
            "area": "999999",
            "goal": "not-a-number",
            "status": "nonsense",
            "year": "1066",
            "rag": "blue",
            "sort": "password",
            "page": "many",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"area", "goal", "status", "year", "rag"} <= set(errors)
    assert sorted(_titles(response)) == ["Match", "Other"]  # the invalid filters are left out
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_filters_are_kept_in_the_sort_export_and_page_links(leader_client, two_projects):
    response = leader_client.get(URL, {"status": "i_portefoljen", "year": "2027"})
    html = response.content.decode()
    assert f"{reverse('portfolio:overview_xlsx')}?status=i_portefoljen&amp;year=2027" in html
    assert f"{reverse('portfolio:overview_csv')}?status=i_portefoljen&amp;year=2027" in html
    assert "?status=i_portefoljen&amp;year=2027&amp;sort=-title" in html  # title is sorted now
    assert "?status=i_portefoljen&amp;year=2027&amp;sort=planned" in html


def test_the_form_shows_the_chosen_filters_and_the_current_year_by_default(
    leader_client, two_projects
):
    response = leader_client.get(URL)
    form = response.context["form"]
    assert form["year"].value() == str(timezone.localdate().year)
    response = leader_client.get(URL, {"status": "forslag"})
    assert response.context["form"]["status"].value() == ["forslag"]


def test_counts_by_status_include_every_status(two_projects):
    counts = {row.status: row.count for row in status_counts(filter_projects({}))}
    assert counts["i_portefoljen"] == 1
    assert counts["forslag"] == 1
    assert counts["avsluttet"] == 0
    assert set(counts) == set(Project.Status.values)


def test_the_area_goal_matrix_counts_projects_per_cell_and_area(people):
    lademoen, mollenberg = Area.objects.get(slug="lademoen"), Area.objects.get(slug="mollenberg")
    goal_1, goal_2, goal_3 = Goal.objects.order_by("number")
    ProjectFactory(areas=[lademoen], goals=[goal_1, goal_2])
    ProjectFactory(areas=[lademoen, mollenberg], goals=[goal_2])
    ProjectFactory(areas=[mollenberg], goals=[goal_3], status="avsluttet")
    matrix = area_goal_matrix(filter_projects({}))
    assert [goal.number for goal in matrix.goals] == [1, 2, 3]
    rows = {row.area.slug: row for row in matrix.rows}
    assert rows["lademoen"].counts == [1, 2, 0]
    assert rows["lademoen"].total == 2
    assert rows["mollenberg"].counts == [0, 1, 1]
    assert rows["tempe-sorgenfri"].counts == [0, 0, 0]
    narrowed = area_goal_matrix(filter_projects({"status": ["forslag"]}))
    assert {row.area.slug: row.counts for row in narrowed.rows}["mollenberg"] == [0, 1, 0]


def test_money_by_source_sums_planned_and_spent_for_the_year():
    one, two = ProjectFactory(), ProjectFactory()
    BudgetLineFactory(project=one, year=2027, source="kdd", planned=300_000, spent=100_000)
    BudgetLineFactory(project=two, year=2027, source="kdd", planned=200_000, spent=50_000)
    BudgetLineFactory(
        project=two, year=2027, source="ekstern", funder="ClimaGen", planned=70_000, spent=0
    )
    BudgetLineFactory(project=two, year=2028, source="kdd", planned=999_000)
    money = money_by_source(filter_projects({"year": 2027}), 2027)
    rows = {row.source: (row.planned, row.spent) for row in money.sources}
    assert rows["kdd"] == (500_000, 150_000)
    assert rows["ekstern"] == (70_000, 0)
    assert rows["husbanken"] == (0, 0)
    assert (money.planned, money.spent) == (570_000, 150_000)
    only_one = money_by_source(filter_projects({}).filter(pk=one.pk), 2027, ["kdd"])
    assert [(row.source, row.planned) for row in only_one.sources] == [("kdd", 300_000)]


def test_each_row_shows_planned_and_spent_for_the_chosen_year(leader_client):
    project = ProjectFactory(title="Pengeprosjekt")
    BudgetLineFactory(project=project, year=2027, source="kdd", planned=300_000, spent=10_000)
    BudgetLineFactory(project=project, year=2027, source="husbanken", planned=200_000)
    BudgetLineFactory(project=project, year=2028, source="kdd", planned=1_000)
    row = leader_client.get(URL, {"year": 2027}).context["page"].object_list[0]
    assert (row.planned_total, row.spent_total) == (500_000, 10_000)
    row = leader_client.get(URL, {"year": 2027, "source": "kdd"}).context["page"].object_list[0]
    assert row.planned_total == 300_000
    html = leader_client.get(URL, {"year": 2027}).content.decode()
    assert "500\u00a0000\u00a0kr" in html


@pytest.mark.parametrize(("age", "flagged"), [(None, True), (91, True), (89, False), (0, False)])
def test_a_running_project_without_a_report_for_more_than_90_days_is_flagged(
    leader_client, age, flagged
):
    project = ProjectFactory(title="Prosjekt", status="i_portefoljen")
    if age is not None:
        StatusReportFactory(project=project, date=timezone.localdate() - timedelta(days=age))
    response = leader_client.get(URL)
    row = response.context["page"].object_list[0]
    assert row.is_stale is flagged
    html = response.content.decode()
    if age == 91:
        with translation.override("nb"):
            flag = translation.ngettext(
                "No report for %(days)s day", "No report for %(days)s days", 91
            ) % {"days": 91}
        assert flag in html
    if age is None:
        assert nb("No status report yet") in html


def test_the_stale_limit_follows_the_setting_and_ignores_closed_projects(settings, people):
    settings.PORTFOLIO_STALE_REPORT_DAYS = 30
    running = ProjectFactory(title="Løpende", status="i_portefoljen")
    StatusReportFactory(project=running, date=timezone.localdate() - timedelta(days=31))
    ProjectFactory(title="Avsluttet", status="avsluttet")
    stale = {p.title: p.is_stale for p in filter_projects({})}
    assert stale == {"Løpende": True, "Avsluttet": False}


def test_the_list_shows_the_latest_status_as_text(leader_client):
    project = ProjectFactory(title="Gult prosjekt")
    StatusReportFactory(project=project, rag="gul", date=timezone.localdate())
    html = leader_client.get(URL).content.decode()
    assert nb("At risk") in html


def test_the_list_sorts_by_whitelisted_columns_and_ignores_unknown_ones(leader_client):
    today = timezone.localdate()
    for title, planned, days in [("Bravo", 300, 5), ("Alfa", 100, 50), ("Charlie", 200, 1)]:
        project = ProjectFactory(title=title)
        BudgetLineFactory(project=project, year=today.year, planned=planned)
        StatusReportFactory(project=project, date=today - timedelta(days=days))
    assert _titles(leader_client.get(URL)) == ["Alfa", "Bravo", "Charlie"]
    assert _titles(leader_client.get(URL, {"sort": "-title"})) == ["Charlie", "Bravo", "Alfa"]
    assert _titles(leader_client.get(URL, {"sort": "planned"})) == ["Alfa", "Charlie", "Bravo"]
    assert _titles(leader_client.get(URL, {"sort": "-planned"})) == ["Bravo", "Charlie", "Alfa"]
    assert _titles(leader_client.get(URL, {"sort": "report"})) == ["Alfa", "Bravo", "Charlie"]
    assert _titles(leader_client.get(URL, {"sort": "-report"})) == ["Charlie", "Bravo", "Alfa"]
    response = leader_client.get(URL, {"sort": "created_by__password"})
    assert response.status_code == 200
    assert _titles(response) == ["Alfa", "Bravo", "Charlie"]


def test_sorting_by_status_follows_the_lifecycle_and_by_unit_the_unit_name(leader_client):
    ProjectFactory(title="A", status="avsluttet", owner_unit=UnitFactory(name="Østbyen"))
    ProjectFactory(title="B", status="forslag", owner_unit=UnitFactory(name="Biblioteket"))
    ProjectFactory(title="C", status="i_portefoljen", owner_unit=UnitFactory(name="Lademoen"))
    assert _titles(leader_client.get(URL, {"sort": "status"})) == ["B", "C", "A"]
    assert _titles(leader_client.get(URL, {"sort": "unit"})) == ["B", "C", "A"]


def test_pagination_shows_50_and_keeps_the_filters(leader_client):
    for number in range(52):
        ProjectFactory(title=f"Prosjekt {number:02}", status="i_portefoljen")
    ProjectFactory(title="Forslaget", status="forslag")
    response = leader_client.get(URL, {"status": "i_portefoljen"})
    assert len(response.context["page"].object_list) == 50
    html = response.content.decode()
    assert "status=i_portefoljen" in html and "page=2" in html
    next_link = html.split(nb("Next page"))[0].rsplit('href="', 1)[1].split('"')[0]
    assert "status=i_portefoljen" in next_link and "page=2" in next_link
    second = leader_client.get(URL + next_link.replace("&amp;", "&"))
    assert _titles(second) == ["Prosjekt 50", "Prosjekt 51"]


def test_an_htmx_request_gets_only_the_results_fragment(leader_client, two_projects):
    response = leader_client.get(URL, {"status": "i_portefoljen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "<form" not in html
    assert "Match" in html and ">Other<" not in html
    assert "HX-Request" in response["Vary"]
    full = leader_client.get(URL, {"status": "i_portefoljen"})
    assert "<html" in full.content.decode() and 'hx-get="/program/portefolje/"' in (
        full.content.decode()
    )


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("programme_leader", 200),
        ("board_member", 200),
        ("change_leader", 200),
        ("project_leader", 200),
        ("case_handler", 200),
        ("outsider", 403),
    ],
)
def test_the_htmx_fragment_has_the_pages_permissions(client_for, person, expected):
    response = client_for(person).get(URL, headers={"HX-Request": "true"})
    assert response.status_code == expected


def test_the_htmx_fragment_redirects_the_anonymous_to_the_login(client):
    response = client.get(URL, headers={"HX-Request": "true"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_script_in_a_title_is_shown_escaped(leader_client):
    ProjectFactory(title="<script>alert('x')</script>")
    html = leader_client.get(URL).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_the_title_links_to_the_project(leader_client):
    project = ProjectFactory(title="Lenket")
    html = leader_client.get(URL).content.decode()
    assert f'href="{reverse("portfolio:project", args=[project.pk])}"' in html


# --- Search, the «needs a status report» filter, the disclosure and the count links ------------


def _html(response) -> str:
    return response.content.decode()


def _summary_text(html: str) -> str:
    """The visible text of the disclosure's summary of the chosen filters."""
    match = re.search(r'<span id="filter-summary"[^>]*>(.*?)</span>\s*</summary>', html, re.S)
    assert match, "no summary of the chosen filters"
    text = re.sub(r'<span class="ds-sr-only">.*?</span>', "", match.group(1))
    return unescape(re.sub(r"<[^>]+>", "", text))


@pytest.fixture
def searchable(people):
    ProjectFactory(title="Leksehjelp i biblioteket", summary="For barn og unge på Lademoen.")
    ProjectFactory(title="Nabolagskafé", summary="En møteplass med LEKSEHJELP på tirsdager.")
    ProjectFactory(title="Gatetun", summary="Grønne lommer mellom husene.")


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("leksehjelp", ["Leksehjelp i biblioteket", "Nabolagskafé"]),  # title or summary
        ("LEKSEHJELP", ["Leksehjelp i biblioteket", "Nabolagskafé"]),  # any case
        ("leksehjelp lademoen", ["Leksehjelp i biblioteket"]),  # every word, title + summary
        ("  kafé   tirsdager ", ["Nabolagskafé"]),  # spaces do not count
        ("leksehjelp gatetun", []),  # no project has both words
        ("%", []),  # «%» and «_» are plain characters, not wildcards
        ("_", []),
    ],
)
def test_the_search_needs_every_word_in_the_title_or_the_summary(
    leader_client, searchable, q, expected
):
    response = leader_client.get(URL, {"q": q})
    assert response.status_code == 200
    assert sorted(_titles(response)) == expected
    assert not response.context["form"].errors


def test_the_search_narrows_the_counts_and_the_export_too(leader_client, searchable):
    response = leader_client.get(URL, {"q": "leksehjelp"})
    counts = {row.status: row.count for row in response.context["counts"]}
    assert sum(counts.values()) == 2
    assert sum(row.total for row in response.context["matrix"].rows) == 2
    csv_text = leader_client.get(reverse("portfolio:overview_csv"), {"q": "leksehjelp"})
    body = csv_text.content.decode("utf-8-sig").splitlines()[1:]
    assert sorted(line.split(";")[0] for line in body) == [
        "Leksehjelp i biblioteket",
        "Nabolagskafé",
    ]
    assert sorted(p.title for p in filter_projects({"q": "lademoen"})) == [
        "Leksehjelp i biblioteket"
    ]


def test_a_search_of_more_than_200_characters_gets_a_message_and_is_left_out(
    leader_client, searchable
):
    response = leader_client.get(URL, {"q": "leksehjelp " + "x" * 200})
    assert response.status_code == 200
    errors = response.context["form"].errors["q"]
    assert errors == [
        nb(
            "The search can be at most %(limit_value)d characters long "
            "(it has %(show_value)d). Use fewer or shorter words.",
            limit_value=200,
            show_value=211,
        )
    ]
    assert "Søket kan være på høyst 200 tegn (det har 211)" in errors[0]
    assert len(_titles(response)) == 3  # the search is left out
    html = _html(response)
    assert 'id="id_q_error"' in html and 'aria-invalid="true"' in html
    assert 'maxlength="200"' in html
    exactly = leader_client.get(URL, {"q": "x" * 200})
    assert not exactly.context["form"].errors


def test_the_stale_filter_keeps_only_running_projects_that_need_a_report(leader_client):
    today = timezone.localdate()
    ProjectFactory(title="Aldri rapportert", status="i_portefoljen")
    old = ProjectFactory(title="Gammel rapport", status="vurdert")
    StatusReportFactory(project=old, date=today - timedelta(days=91))
    fresh = ProjectFactory(title="Fersk rapport", status="i_portefoljen")
    StatusReportFactory(project=fresh, date=today - timedelta(days=3))
    ProjectFactory(title="Avsluttet uten rapport", status="avsluttet")
    response = leader_client.get(URL, {"stale": "1"})
    assert _titles(response) == ["Aldri rapportert", "Gammel rapport"]
    assert all(project.is_stale for project in response.context["page"].object_list)
    assert 'name="stale" value="1" id="id_stale" checked' in _html(response)
    assert nb("Only projects that need a status report") in _summary_text(_html(response))
    assert len(_titles(leader_client.get(URL))) == 4
    assert sorted(p.title for p in filter_projects({"stale": True})) == [
        "Aldri rapportert",
        "Gammel rapport",
    ]


def test_the_summary_names_the_chosen_filters_in_words(leader_client, two_projects):
    lademoen = two_projects["Match"].areas.get()
    response = leader_client.get(
        URL, {"area": lademoen.pk, "status": ["i_portefoljen", "forslag"], "year": "2027"}
    )
    html = _html(response)
    assert _summary_text(html) == (
        f"Filtre (4 valgt): Budsjettår: 2027 · Område: {lademoen.name} · "
        "Status: Forslag, I porteføljen"
    )
    assert re.search(r"<details [^>]*open", html)  # chosen filters: open (no script)
    assert nb("Chosen filters:") in html  # and in the results, for the printout


def test_without_filters_the_disclosure_is_closed_and_says_none_are_chosen(
    leader_client, two_projects
):
    this_year = str(timezone.localdate().year)
    for params in [{}, {"year": this_year}, {"q": "   "}]:
        html = _html(leader_client.get(URL, params))
        assert _summary_text(html) == "Filtre (ingen valgt)"
        details = re.search(r"<details [^>]*filter[^>]*>", html).group(0)
        assert " open" not in details and "data-close-on-phone" in details


def test_a_filter_with_a_message_opens_the_disclosure_and_stays_open_on_a_phone(
    leader_client, two_projects
):
    html = _html(leader_client.get(URL, {"area": "999999"}))
    details = re.search(r"<details [^>]*filter[^>]*>", html).group(0)
    assert " open" in details and "data-close-on-phone" not in details
    assert _summary_text(html) == "Filtre (ingen valgt)"  # an invalid value is not a filter


def test_the_htmx_fragment_carries_the_summary_out_of_band(leader_client, two_projects):
    fragment = _html(leader_client.get(URL, {"status": "forslag"}, headers={"HX-Request": "true"}))
    assert '<span id="filter-summary" hx-swap-oob="true">' in fragment
    assert "Filtre (1 valgt): Status: Forslag" in fragment
    assert "hx-swap-oob" not in _html(leader_client.get(URL, {"status": "forslag"}))


def test_the_status_counts_are_links_that_choose_the_status_and_keep_the_other_filters(
    leader_client, two_projects
):
    area = two_projects["Match"].areas.get().pk
    html = _html(leader_client.get(URL, {"area": area, "status": "i_portefoljen", "q": "a"}))
    links = dict(re.findall(r'<a class="ds-link status-link" href="([^"]*)"([^>]*)>', html))
    assert f"?area={area}&amp;status=forslag&amp;q=a" in links
    assert links[f"?area={area}&amp;status=i_portefoljen&amp;q=a"] == ' aria-current="true"'
    assert links[f"?area={area}&amp;status=forslag&amp;q=a"] == ""
    assert f"?area={area}&amp;q=a" in links  # «All statuses» drops only the status
    assert nb("chosen") in html
    assert 'class="ds-card"' not in html  # no card that does nothing


def test_the_area_and_goal_counts_link_to_both_filters(leader_client, two_projects):
    match = two_projects["Match"]
    area, goal = match.areas.get(), match.goals.get()
    html = _html(leader_client.get(URL, {"status": "i_portefoljen"}))
    assert f'href="?status=i_portefoljen&amp;area={area.pk}&amp;goal={goal.pk}"' in html
    assert f'href="?status=i_portefoljen&amp;area={area.pk}"' in html
    response = leader_client.get(URL, {"status": "i_portefoljen", "area": area.pk, "goal": goal.pk})
    assert _titles(response) == ["Match"]


def test_the_filter_checkboxes_keep_their_ids_labels_and_chosen_state(leader_client, two_projects):
    area = two_projects["Match"].areas.get()
    html = _html(leader_client.get(URL, {"area": area.pk}))
    assert re.search(
        rf'<input type="checkbox" class="ds-input" name="area" value="{area.pk}" '
        rf'id="id_area_(\d+)" checked>\s*<label class="ds-label" data-weight="regular" '
        rf'for="id_area_\1">{area.name}</label>',
        html,
    )
    assert html.count('<fieldset class="ds-fieldset"') == 9
    assert f'<legend class="ds-label">{nb("Owning unit")}</legend>' in html
    invalid = _html(leader_client.get(URL, {"goal": "x"}))
    assert 'aria-describedby="id_goal_error"' in invalid
    assert re.search(r'name="goal" value="\d+" id="id_goal_0" aria-invalid="true"', invalid)


@pytest.mark.parametrize(("person", "shown"), [("programme_leader", True), ("board_member", False)])
def test_register_a_proposal_is_offered_to_those_who_may(client_for, person, shown):
    html = _html(client_for(person).get(URL))
    assert (f'href="{reverse("portfolio:project_create")}"' in html) is shown
    assert (nb("Register a proposal") in html) is shown


def _make_projects(count: int, people) -> None:
    areas, goals = list(Area.objects.all()), list(Goal.objects.all())
    year = timezone.localdate().year
    for number in range(count):
        project = ProjectFactory(
            owner_unit=UnitFactory(name=f"Enhet {number % 7}"),
            created_by=people["programme_leader"],
            areas=areas[: 1 + number % 3],
            goals=goals[number % 3 :],
        )
        BudgetLineFactory(project=project, year=year, source="kdd")
        BudgetLineFactory(project=project, year=year, source="husbanken")
        # Every other project is stale, so each batch has rows that match the search and
        # the stale filter (a random date could leave the first batch without any).
        age = 400 if number % 2 else 5
        StatusReportFactory(project=project, date=timezone.localdate() - timedelta(days=age))


@pytest.mark.parametrize("search", [False, True], ids=["filters", "search-and-stale"])
@pytest.mark.parametrize(
    "name", ["portfolio:overview", "portfolio:overview_xlsx", "portfolio:overview_csv"]
)
def test_the_query_count_does_not_grow_with_the_projects(
    client_for, people, django_assert_num_queries, name, search
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("programme_leader")
    params = {"area": Area.objects.first().pk, "status": ["forslag", "i_portefoljen"]}
    if search:
        params |= {"q": "nye nabolaget", "stale": "1", "goal": Goal.objects.first().pk}
    _make_projects(5, people)
    client.get(reverse(name), params)  # the session and caches settle
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name), params).status_code == 200
    _make_projects(35, people)
    with django_assert_num_queries(len(few)):
        assert client.get(reverse(name), params).status_code == 200


def test_the_one_query_summaries_give_the_same_numbers_as_the_four_query_ones(people):
    from portfolio.models import Area, Goal
    from portfolio.services.overview import summaries

    areas, goals = list(Area.objects.all()), list(Goal.objects.all())
    ProjectFactory(areas=areas[:2], goals=goals[:2], status="i_portefoljen")
    ProjectFactory(areas=areas[:1], goals=goals, status="forslag")
    ProjectFactory(areas=areas, goals=goals[1:2], status="i_portefoljen")
    for filters in [{}, {"status": ["i_portefoljen"]}, {"area": [areas[0].pk]}]:
        projects = filter_projects(filters)
        counts, matrix = summaries(projects)
        assert [(c.status, c.count) for c in counts] == [
            (c.status, c.count) for c in status_counts(projects)
        ]
        expected = area_goal_matrix(projects)
        assert [(r.area, r.counts, r.total) for r in matrix.rows] == [
            (r.area, r.counts, r.total) for r in expected.rows
        ]
