"""Importing measurements from CSV and XLSX: the template, the dry run that reports each
row's errors by row and column and saves nothing, the confirmation, and the project
leader's rights (their projects' indicators only; their measurements await approval)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from benefits.models import Benefit, Indicator, Measurement
from benefits.services import benefits as services
from benefits.services import imports
from portfolio.models import Goal
from tests.factories import ProjectFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
HEADER = "indikator_id;indikator;periode_slutt;verdi;tekst;kommentar"
FUTURE = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()


@pytest.fixture
def benefit(people):
    project = ProjectFactory(
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )
    return services.benefit_create(
        by=people["change_leader"],
        title="Økt opplevd trygghet i Lademoen",
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
        contributions=[(project, "direkte")],
    )


@pytest.fixture
def scale(benefit):
    return Indicator.objects.create(benefit=benefit, name="Trivsel", unit="skala")


@pytest.fixture
def percent(benefit):
    return Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")


def _csv(*lines, name="malinger.csv"):
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode("utf-8"))


def _post(client, upload):
    return client.post(reverse("benefits:import"), {"file": upload})


def test_the_dry_run_names_each_bad_row_and_column_and_saves_nothing(
    client_for, scale, percent, people
):
    other = Benefit.objects.create(
        title="Annen enhets gevinst",
        description="x",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=people["outsider"].unit or people["board_member"].unit,
        created_by=people["programme_leader"],
    )
    not_mine = Indicator.objects.create(benefit=other, name="Ikke min", unit="antall")
    Measurement.objects.create(
        indicator=percent, period_end="2024-12-31", value=50, recorded_by=people["change_leader"]
    )
    upload = _csv(
        f"{scale.pk};Trivsel;2025-06-30;4;;",  # row 2: correct
        f"{scale.pk};Trivsel;2025-09-30;7;;",  # 3: outside the scale
        f"{percent.pk};Andel;2025-06-30;mange;;",  # 4: text in a number
        "99999;Ukjent;2025-06-30;3;;",  # 5: unknown indicator
        f"{percent.pk};Andel;{FUTURE};40;;",  # 6: in the future
        f"{percent.pk};Andel;31.12.2024;40;;",  # 7: a period already measured
        f"{scale.pk};Trivsel;30.06.2025;3;;",  # 8: the same period as row 2
        f"{not_mine.pk};Ikke min;2025-06-30;3;;",  # 9: another's indicator
        f"{scale.pk};Trivsel;ikke en dato;3;;",  # 10: not a date
        "abc;<script>alert(1)</script>;2025-06-30;3;;",  # 11: not a number
    )
    response = _post(client_for("project_leader"), upload)
    assert response.status_code == 200
    html = response.content.decode()
    rows = {row.number: row for row in response.context["run"].rows}
    assert rows[2].ok
    assert rows[3].errors[0][0] == "verdi"
    assert rows[4].errors[0][0] == "verdi"
    assert rows[5].errors[0][0] == "indikator_id"
    assert rows[6].errors[0][0] == "periode_slutt"
    assert rows[7].errors == [
        ("periode_slutt", nb("This indicator already has a measurement for this period."))
    ]
    assert rows[8].errors[0][0] == "periode_slutt"
    assert rows[9].errors[0][0] == "indikator_id"
    assert rows[10].errors[0][0] == "periode_slutt"
    assert rows[11].errors[0][0] == "indikator_id"
    assert (
        nb("The value %(value)s is outside the scale: use a value from 1 to 5.") % {"value": 7}
        in html
    )
    assert "<script>alert(1)</script>" not in html
    assert nb("Confirm and import") not in html
    assert Measurement.objects.count() == 1  # nothing saved


def test_a_correct_file_is_imported_after_the_confirmation_and_awaits_approval(
    client_for, scale, percent
):
    client = client_for("project_leader")
    response = _post(
        client,
        _csv(
            f"{scale.pk};Trivsel;2025-06-30;4;;Fra spørreundersøkelsen",
            f"{percent.pk};;2025-06-30;54,5;;",
        ),
    )
    assert response.context["run"].ok
    assert Measurement.objects.count() == 0
    response = client.post(reverse("benefits:import_confirm"))
    assert response.status_code == 302
    measurements = list(Measurement.objects.order_by("indicator__name"))
    assert [m.value for m in measurements] == [54.5, 4]
    assert {m.state for m in measurements} == {Measurement.State.AWAITING}
    assert measurements[0].history.count() == 1
    # The kept file is gone: confirming again imports nothing more.
    assert client.post(reverse("benefits:import_confirm")).status_code == 302
    assert Measurement.objects.count() == 2


def test_the_change_leaders_import_is_approved_at_once(client_for, scale):
    client = client_for("change_leader")
    _post(client, _csv(f"{scale.pk};Trivsel;2025-06-30;4;;"))
    client.post(reverse("benefits:import_confirm"))
    assert Measurement.objects.get().state == Measurement.State.APPROVED


def test_xlsx_from_the_template(client_for, scale):
    client = client_for("change_leader")
    response = client.get(reverse("benefits:import_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == imports.COLUMNS
    assert rows[1][0] == scale.pk
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(imports.COLUMNS)
    sheet.append([scale.pk, "Trivsel", datetime.datetime(2025, 6, 30), 3, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("malinger.xlsx", buffer.getvalue())
    response = _post(client, upload)
    assert response.context["run"].ok
    client.post(reverse("benefits:import_confirm"))
    assert Measurement.objects.get().period_end == datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("malinger.pdf", b"%PDF-1.4"), "Upload a CSV or XLSX file"),
        (SimpleUploadedFile("malinger.xlsx", b"not a workbook"), "cannot be read as an Excel"),
        (SimpleUploadedFile("malinger.xlsx", b"PK\x03\x04broken"), "cannot be read as an Excel"),
        (SimpleUploadedFile("malinger.csv", b"navn;verdi\nx;1\n"), "columns are not the"),
        (SimpleUploadedFile("malinger.csv", HEADER.encode()), "no rows with measurements"),
    ],
)
def test_a_wrong_file_gets_a_message_on_the_field_never_a_500(client_for, scale, upload, message):
    response = _post(client_for("change_leader"), upload)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    english = [m for m in imports_messages() if message in m][0]
    assert nb(english).split("%")[0][:20] in html


def imports_messages():
    return [
        "Upload a CSV or XLSX file (the template's format), not «.%(kind)s».",
        "The file cannot be read as an Excel workbook (XLSX).",
        "The file's columns are not the template's. Expected: %(expected)s. "
        "Missing: %(missing)s. Not known: %(unknown)s.",
        "The file has no rows with measurements.",
    ]


def test_the_board_cannot_import(client_for, scale):
    assert client_for("board_member").get(reverse("benefits:import")).status_code == 403


def test_the_dry_run_has_a_flat_query_count(
    client_for, scale, percent, django_assert_max_num_queries
):
    client = client_for("project_leader")
    small = _csv(f"{scale.pk};;2025-06-30;4;;")
    lines = [
        f"{scale.pk};;{datetime.date(2020, 1, 1) + datetime.timedelta(days=n)};3;;"
        for n in range(200)
    ]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        _post(client, small)
    with CaptureQueriesContext(connection) as many:
        response = _post(client, _csv(*lines))
    assert response.context["run"].ok
    assert len(many) == len(few)
