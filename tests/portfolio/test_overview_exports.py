"""The overview's exports: exactly the filtered, sorted list (all of it, not one page), with
Norwegian headers, amounts as numbers, and no formulas smuggled in through titles."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import BudgetLineFactory, ProjectFactory, StatusReportFactory, UnitFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

CSV_URL = "/program/portefolje/eksport.csv"
XLSX_URL = "/program/portefolje/eksport.xlsx"


@pytest.fixture
def leader_client(client_for):
    return client_for("programme_leader")


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def projects():
    year = timezone.localdate().year
    unit = UnitFactory(name="Biblioteket")
    made = []
    for number, status in enumerate(["i_portefoljen"] * 3 + ["forslag"]):
        project = ProjectFactory(title=f"Prosjekt {number}", status=status, owner_unit=unit)
        BudgetLineFactory(
            project=project, year=year, planned=100_000 * (number + 1), spent=1_000 * number
        )
        made.append(project)
    StatusReportFactory(project=made[0], rag="gul", date=date(year, 1, 15))
    return made


def test_the_csv_holds_exactly_the_filtered_rows_with_norwegian_headers(leader_client, projects):
    year = timezone.localdate().year
    response = leader_client.get(CSV_URL, {"status": "i_portefoljen", "sort": "-title"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, body = rows[0], rows[1:]
    assert header[0] == nb("Title")
    assert header[2] == nb("Status")
    assert header[-2] == nb("Planned %(year)s (kr)", year=year)
    assert [row[0] for row in body] == ["Prosjekt 2", "Prosjekt 1", "Prosjekt 0"]
    assert body[-1][2] == nb("In the portfolio")
    assert body[-1][3] == "Biblioteket"
    assert body[-1][6] == nb("At risk")
    assert body[-1][7] == f"{year}-01-15"
    assert body[0][-2:] == ["300000", "2000"]  # plain numbers, no spaces or «kr»


def test_the_xlsx_holds_the_same_rows_with_amounts_as_numbers(leader_client, projects):
    response = leader_client.get(XLSX_URL, {"status": "i_portefoljen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx(response)
    assert rows[0][0] == nb("Title")
    assert [row[0] for row in rows[1:]] == ["Prosjekt 0", "Prosjekt 1", "Prosjekt 2"]
    assert rows[1][-2:] == [100_000, 0]
    assert isinstance(rows[3][-2], int)


def test_the_exports_hold_every_row_not_only_the_first_page(leader_client):
    for number in range(55):
        ProjectFactory(title=f"P{number:02}")
    assert len(_csv(leader_client.get(CSV_URL))) == 56
    assert len(_xlsx(leader_client.get(XLSX_URL))) == 56


def test_the_exports_speak_english_to_an_english_user(leader_client, projects):
    leader_client.cookies["language"] = "en"
    assert _csv(leader_client.get(CSV_URL))[0][0] == "Title"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_title_that_looks_like_a_formula_is_not_one_in_either_export(leader_client, start):
    title = f'{start}HYPERLINK("http://evil.example";"Klikk")'
    ProjectFactory(title=title)
    assert _csv(leader_client.get(CSV_URL))[1][0] == "'" + title
    sheet = load_workbook(io.BytesIO(leader_client.get(XLSX_URL).content)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value == title


def test_the_overview_links_to_both_exports_with_its_filters(leader_client, projects):
    html = leader_client.get("/program/portefolje/", {"unit": projects[0].owner_unit_id}).content
    html = html.decode()
    assert f"{CSV_URL}?unit={projects[0].owner_unit_id}" in html
    assert f"{XLSX_URL}?unit={projects[0].owner_unit_id}" in html
