"""The register and the measurements as XLSX and CSV: Norwegian headers, the register's
filters, no formula can run, a fixed number of queries."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from benefits.models import Indicator
from benefits.services import benefits as services
from portfolio.models import Area, Goal
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _benefit(people, title, area=None):
    owner = people["change_leader"]
    benefit = services.benefit_create(
        by=owner,
        title=title,
        description="Beskrivelse",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        areas=[area] if area else [],
        contributions=[
            (ProjectFactory(created_by=owner, title=f"Prosjekt for {title}"), "direkte")
        ],
    )
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    services.measurement_record(
        indicator=indicator,
        by=owner,
        period_end=datetime.date(2024, 12, 31),
        value=41.5,
        comment='=HYPERLINK("http://x")',
    )
    return benefit


def test_the_register_as_csv_has_norwegian_headers_and_no_formulas(client_for, people):
    _benefit(people, "=1+1 Økt trygghet")
    response = client_for("board_member").get(reverse("benefits:register_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="gevinster-')
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("Nr.;Gevinst;Type;DFØ-kategori;Mål")
    assert ";'=1+1 Økt trygghet;" in row and "Identifisert" in row
    assert "Prosjekt for =1+1 Økt trygghet" in row


def test_the_measurements_as_xlsx_follow_the_registers_filter(client_for, people):
    lademoen = Area.objects.first()
    _benefit(people, "I området", area=lademoen)
    _benefit(people, "Utenfor")
    url = reverse("benefits:measurements_export", args=["xlsx"]) + f"?area={lademoen.pk}"
    response = client_for("project_leader").get(url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:6] == (
        "Gevinst nr.",
        "Gevinst",
        "Indikator",
        "Måleenhet",
        "Periode (siste dag)",
        "Verdi",
    )
    assert len(rows) == 2 and rows[1][1] == "I området" and rows[1][5] == 41.5
    assert rows[1][7] == '=HYPERLINK("http://x")'  # stored as text, never as a formula
    assert sheet.cell(row=2, column=8).data_type == "s"


def test_an_unknown_format_is_404(client_for):
    assert client_for("board_member").get("/gevinster/eksport.pdf").status_code == 404


def test_the_exports_take_the_same_queries_for_more_benefits(
    client_for, people, django_assert_max_num_queries
):
    client = client_for("programme_leader")
    _benefit(people, "En")
    url = reverse("benefits:register_export", args=["xlsx"])
    client.get(url)
    for i in range(5):
        _benefit(people, f"Gevinst {i}")
    with django_assert_max_num_queries(9):  # + the count that chooses request or background
        client.get(url)
        client.get(reverse("benefits:measurements_export", args=["csv"]))


@pytest.mark.parametrize(
    "query", ["?area=abc", "?unit=99999", "?goal=<script>", "?status=x", "?page=999", "?page=x"]
)
def test_bad_filters_never_give_a_500(client_for, people, query):
    _benefit(people, "En")
    client = client_for("board_member")
    assert client.get(reverse("benefits:register") + query).status_code == 200
    assert client.get(reverse("benefits:register_export", args=["csv"]) + query).status_code == 200
