"""Issue 12, gaps found in the audit: the programme leader edits the matrix (admin
permissions from a data migration) and a register keeps its own; the heat map's level and
the ROS-area, kind and status filters, kept in the address; the local actors concerned
(the project's partners) chosen on the form and shown on the risk page; a project leader
edits only their own projects' risks."""

import pytest
from django.urls import reverse

from portfolio.models import Area
from risk.models import Matrix, Risk, RosArea
from risk.services import area_register, programme_register, project_register, risk_close
from tests.factories import ExternalPartnerFactory, ProjectFactory
from tests.risk.helpers import make_risk
from tests.risk.test_views import _form

pytestmark = pytest.mark.django_db


def test_the_programme_leader_may_edit_the_matrix_in_the_admin(client_for, people):
    leader = people["programme_leader"]
    for model in ("matrix", "scalestep", "level", "cell", "rosarea"):
        assert leader.has_perm(f"risk.change_{model}") and leader.has_perm(f"risk.add_{model}")
        assert not leader.has_perm(f"risk.delete_{model}")
    assert not people["change_leader"].has_perm("risk.change_matrix")
    matrix = Matrix.default()
    client = client_for("programme_leader")
    page = client.get(reverse("admin:risk_matrix_change", args=[matrix.pk]))
    assert page.status_code == 200
    assert "Svært lav" in page.content.decode()
    assert client.get(reverse("admin:risk_rosarea_changelist")).status_code == 200


def test_a_register_keeps_the_matrix_it_was_assessed_on(people):
    register = area_register(Area.objects.get(name="Lademoen"))
    kept = register.matrix
    Matrix.objects.update(is_default=False)
    newer = Matrix.objects.create(name="Ny matrise", is_default=True)
    assert Matrix.default() == newer
    register.refresh_from_db()
    assert register.matrix == kept
    risk = make_risk(register, people["programme_leader"])
    assert risk.register.matrix == kept and kept.grid()[(3, 4)].name


def _titles(client, url: str, query: str, risks) -> set:
    response = client.get(url + query)
    assert response.status_code == 200
    page = response.content.decode()
    return {risk.title for risk in risks if risk.title in page}


def test_the_heat_map_shows_each_level_and_filters_by_ros_area_kind_and_status(client_for, people):
    by = people["programme_leader"]
    register = programme_register()
    threat = make_risk(
        register,
        by,
        title="Statlige midler videreføres ikke",
        forecast_likelihood=1,
        forecast_consequence=2,
    )
    opportunity = make_risk(
        register,
        by,
        title="Borettslag vil bidra med egne midler",
        kind="opportunity",
        response="exploit",
        ros_area=RosArea.objects.get(name="Interessent"),
    )
    closed = make_risk(register, by, title="Møteplassen er lagt ned")
    risk_close(risk=closed, by=by, note="Ikke lenger aktuell.")
    risks = (threat, opportunity, closed)
    client = client_for("change_leader")
    url = register.get_absolute_url()
    assert _titles(client, url, "", risks) == {threat.title, opportunity.title}
    assert _titles(client, url, "?status=closed", risks) == {closed.title}
    assert _titles(client, url, "?status=alle", risks) == {r.title for r in risks}
    assert _titles(client, url, "?type=opportunity", risks) == {opportunity.title}
    interessent = RosArea.objects.get(name="Interessent").pk
    assert _titles(client, url, f"?ros={interessent}", risks) == {opportunity.title}
    # Each level has its own map: inherent 4×4 for both, current 3×4, forecast 1×2 for one.
    page = client.get(url + "?niva=inherent&s=4&k=4").content.decode()
    assert threat.title in page and opportunity.title in page
    page = client.get(url + "?niva=forecast&s=1&k=2").content.decode()
    assert threat.title in page and opportunity.title not in page
    # The filters are kept in the cells' links.
    page = client.get(url + "?niva=forecast&type=threat").content.decode()
    assert "niva=forecast" in page and "type=threat" in page and "s=1&amp;k=2" in page


def test_the_local_actors_are_the_projects_partners_chosen_on_the_form(client_for, people):
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    association = ExternalPartnerFactory(project=project, name="Beboerforeningen Møllenberg")
    elsewhere = ExternalPartnerFactory(name="Et annet prosjekts partner")
    client = client_for("project_leader")
    url = reverse("risk:project_risk_create", args=[project.pk])
    form = client.get(url).content.decode()
    assert association.name in form and elsewhere.name not in form
    refused = client.post(url, _form(partners=[elsewhere.pk]))
    assert refused.status_code == 400 and "partners" in refused.context["form"].errors
    response = client.post(url, _form(partners=[association.pk], actor_groups="Ungdomsrådet"))
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert list(risk.partners.all()) == [association]
    page = client.get(risk.get_absolute_url()).content.decode()
    assert f"{association.name}; Ungdomsrådet" in page
    # The programme's register has no project: the named groups are the place there.
    form = client_for("programme_leader").get(
        reverse("risk:risk_create", args=[programme_register().pk])
    )
    assert 'name="partners"' not in form.content.decode()
    assert 'name="actor_groups"' in form.content.decode()


def test_a_project_leader_edits_only_their_own_projects_risks(client_for, people):
    leader, project_leader = people["programme_leader"], people["project_leader"]
    own = ProjectFactory(owner_unit=project_leader.unit, created_by=leader)
    other = ProjectFactory(owner_unit=people["change_leader"].unit, created_by=leader)
    mine = make_risk(project_register(own), leader)
    theirs = make_risk(project_register(other), leader)
    client = client_for("project_leader")
    assert client.get(reverse("risk:risk_edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("risk:risk_edit", args=[theirs.pk])).status_code == 403
    assert client.get(theirs.get_absolute_url()).status_code == 200  # read-only
    assert client.get(reverse("risk:project_risk_create", args=[other.pk])).status_code == 403


def test_the_levels_colours_come_from_the_matrix_as_the_programme_leader_set_them(
    client_for, people
):
    from risk.models import Level
    from risk.models.matrices import contrast

    high = Matrix.default().levels.get(rank=3)
    high.colour = "#7a0019"  # dark: white text on it
    high.save()
    client = client_for("change_leader")
    response = client.get(reverse("risk:level_styles"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert f".risk-level-id-{high.pk} {{ background: #7a0019; color: #ffffff; }}" in css
    low = Level.objects.get(matrix=high.matrix, rank=1)
    assert f".risk-level-id-{low.pk} {{ background: #c7e8c9; color: #1a1a1a; }}" in css
    for level in Level.objects.all():
        assert contrast(level.colour, level.text_colour) >= 4.5
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    register = programme_register()
    page = client.get(register.get_absolute_url()).content.decode()
    assert reverse("risk:level_styles") in page
    assert f"risk-level-3 risk-level-id-{high.pk}" in page
    assert client_for("outsider").get(reverse("risk:level_styles")).status_code == 403


def _nb(message: str) -> str:
    from django.utils import translation

    with translation.override("nb"):
        return translation.gettext(message)


def test_the_csv_and_xlsx_have_norwegian_headers_and_guard_formulas(client_for, people):
    import csv
    import io

    import openpyxl

    register = area_register(Area.objects.get(name="Møllenberg"))
    make_risk(register, people["programme_leader"], title="=HYPERLINK(1)", cause="+SUM(A1)")
    client = client_for("board_member")
    url = reverse("risk:register_export", args=[register.pk, "csv"])
    text = client.get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.split("\n")[0] else ","))
    headers = [_nb(h) for h in ("Reference", "Register", "Title", "Cause", "Next review")]
    assert set(headers) <= set(rows[0]) and "Referanse" in rows[0]
    assert "'=HYPERLINK(1)" in rows[1] and "'+SUM(A1)" in rows[1]
    response = client.get(reverse("risk:register_export", args=[register.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert set(headers) <= set(values[0])
    # In the workbook the text stays text (written as a string cell, never as a formula).
    assert "=HYPERLINK(1)" in values[1] and "+SUM(A1)" in values[1]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_pdf_has_the_heat_map_and_the_table_in_norwegian(people, monkeypatch):
    from risk.models import RegisterPdf
    from risk.services import pdfs

    made = {}

    def fake_pdf(html):
        made["html"] = html
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(pdfs, "render_pdf", fake_pdf)
    register = area_register(Area.objects.get(name="Møllenberg"))
    high = register.matrix.levels.get(rank=3)
    high.colour = "#7a0019"
    high.save()
    make_risk(register, people["programme_leader"], title="Oppgradert park gir ikke mer bruk")
    pdf = RegisterPdf.objects.create(register=register, requested_by=people["programme_leader"])
    pdfs.register_pdf_render(pdf_id=pdf.pk)
    html = made["html"]
    assert f"<h2>{_nb('Heat map')}</h2>" in html and f"<h2>{_nb('Risks')}</h2>" in html
    assert 'lang="nb"' in html
    assert "R-001" in html and "Oppgradert park gir ikke mer bruk" in html
    assert html.count('<th scope="row">') >= 5  # the heat map's five likelihood rows
    assert html.count('class="risk-level-') >= 25  # and its 25 cells, each with its level
    # in the colour the programme leader set (white text on the dark one).
    assert f".risk-level-id-{high.pk} {{ background: #7a0019; color: #ffffff; }}" in html
    pdf.refresh_from_db()
    assert pdf.pdf


def test_bad_input_is_told_in_norwegian_on_the_field(client_for):
    from django.utils import translation

    register = area_register(Area.objects.get(name="Møllenberg"))
    response = client_for("programme_leader").post(
        reverse("risk:risk_create", args=[register.pk]),
        _form(current_likelihood="6", cause="x" * 100_000, title="<script>alert(1)</script>"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    with translation.override("nb"):
        invalid = translation.gettext(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": "6"}
        too_long = translation.ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            10_000,
        )
    assert invalid != "Select a valid choice. 6 is not one of the available choices."
    assert errors["current_likelihood"] == [invalid]
    assert errors["cause"][0].startswith(too_long.split("%")[0]) and "100000" in errors["cause"][0]
    assert "title" not in errors  # a script tag is text, shown escaped
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
