"""The register, the benefit page and the forms: Norwegian messages on the field for bad
input, never a 500; another unit's leader gets 403; the register's query count is flat."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Unit
from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from benefits.services import benefits as services
from portfolio.models import Goal
from tests.factories import ProjectFactory, UserFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


@pytest.fixture
def benefit(people):
    owner = people["change_leader"]
    project = ProjectFactory(
        owner_unit=owner.unit, project_leader=people["project_leader"], created_by=owner
    )
    return services.benefit_create(
        by=owner,
        title="Økt opplevd trygghet i Lademoen",
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        contributions=[(project, "direkte")],
    )


def _benefit_data(people, **extra):
    data = {
        "title": "Flere unge i arbeid eller utdanning",
        "description": "Flere unge er i jobb eller skole.",
        "kind": "gevinst",
        "measurability": "kvantitativ",
        "dfo_class": "kvalitet",
        "goal": Goal.objects.first().pk,
        "owner_unit": people["change_leader"].unit_id,
    }
    data.update(extra)
    return data


def test_the_change_leader_registers_a_benefit(client_for, people):
    response = client_for("change_leader").post(
        reverse("benefits:benefit_create"), _benefit_data(people)
    )
    benefit = Benefit.objects.get()
    assert response.status_code == 302
    assert response.url == benefit.get_absolute_url()


def test_a_100000_character_text_gets_a_message_on_the_field(client_for, people):
    response = client_for("change_leader").post(
        reverse("benefits:benefit_create"), _benefit_data(people, description="x" * 100_000)
    )
    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    assert not Benefit.objects.exists()


def test_script_tags_are_shown_as_text(client_for, people):
    client = client_for("change_leader")
    client.post(
        reverse("benefits:benefit_create"), _benefit_data(people, title="<script>x()</script>")
    )
    html = client.get(Benefit.objects.get().get_absolute_url()).content.decode()
    assert "<script>x()" not in html


def _indicator_data(**extra):
    data = {
        "name": "Andel som føler seg trygge",
        "unit": "prosent",
        "direction": "opp",
        "frequency": "aar",
        "baseline_2022": "48",
        "baseline_2022_date": "2022-06-01",
        "baseline_2025": "52",
        "baseline_2025_date": "2025-06-01",
        "target": "65",
        "target_date": "2028-12-31",
    }
    data.update(extra)
    return data


def test_an_indicator_with_both_baselines_and_a_target(client_for, benefit):
    url = reverse("benefits:indicator_create", args=[benefit.pk])
    response = client_for("change_leader").post(url, _indicator_data())
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.baselines.count() == 2
    assert indicator.targets.count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"baseline_2022": "mange"}, "baseline_2022"),
        ({"unit": "skala", "baseline_2022": "7"}, "baseline_2022"),
        ({"baseline_2025_date": "2030-01-01"}, "baseline_2025_date"),
    ],
)
def test_bad_indicator_input_gets_a_message_on_the_field_and_saves_nothing(
    client_for, benefit, extra, field
):
    url = reverse("benefits:indicator_create", args=[benefit.pk])
    response = client_for("change_leader").post(url, _indicator_data(**extra))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_a_measurement_with_letters_or_off_the_scale_gets_a_clear_message(client_for, benefit):
    indicator = Indicator.objects.create(benefit=benefit, name="Trivsel", unit="skala")
    url = reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk])
    client = client_for("change_leader")
    for value in ("sju", "7"):
        response = client.post(url, {"period_end": "2025-06-30", "value": value})
        assert response.status_code == 400
        assert "value" in response.context["form"].errors
    assert "7" in str(response.context["form"].errors["value"])
    assert not Measurement.objects.exists()


def test_a_project_leaders_measurement_waits_and_the_change_leader_approves(client_for, benefit):
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    url = reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk])
    client_for("project_leader").post(url, {"period_end": "2025-06-30", "value": "55"})
    measurement = Measurement.objects.get()
    assert measurement.state == "venter"
    approve = reverse("benefits:measurement_approve", args=[benefit.pk, measurement.pk])
    assert client_for("change_leader").post(approve).status_code == 302
    measurement.refresh_from_db()
    assert measurement.state == "godkjent"


def test_another_units_leader_gets_403_on_the_edit_page(client, benefit):
    other = UserFactory(unit=Unit.objects.create(name="Annen enhet"))
    from django.contrib.auth.models import Group

    other.groups.set(Group.objects.filter(name__in=["Endringsleder", "Prosjektleder/Prosessleder"]))
    client.force_login(other)
    assert client.get(reverse("benefits:benefit_edit", args=[benefit.pk])).status_code == 403


def test_a_transition_asks_for_confirmation_first(client_for, benefit):
    url = reverse("benefits:benefit_transition", args=[benefit.pk, "planlegg"])
    client = client_for("change_leader")
    assert client.get(url).status_code == 200
    benefit.refresh_from_db()
    assert benefit.status == "identifisert"
    assert client.post(url, {"note": ""}).status_code == 302
    benefit.refresh_from_db()
    assert benefit.status == "planlagt"


def test_the_benefit_page_shows_status_chart_and_table(client_for, benefit, people):
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    Baseline.objects.create(
        indicator=indicator, value=50, measured_on=datetime.date(2022, 1, 1), source="2022"
    )
    Target.objects.create(indicator=indicator, value=70, target_date=datetime.date(2026, 1, 1))
    services.measurement_record(
        indicator=indicator,
        by=people["change_leader"],
        period_end=datetime.date(2024, 1, 1),
        value=59,
    )
    html = client_for("board_member").get(benefit.get_absolute_url()).content.decode()
    assert "<svg" in html and "<table" in html
    assert "<strong>" in html


def _make(people, n):
    for i in range(n):
        benefit = services.benefit_create(
            by=people["change_leader"],
            title=f"Gevinst {i}",
            description="Beskrivelse",
            dfo_class="kvalitet",
            goal=Goal.objects.first(),
            owner_unit=people["change_leader"].unit,
        )
        indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
        Baseline.objects.create(
            indicator=indicator, value=50, measured_on=datetime.date(2022, 1, 1), source="2022"
        )


def test_the_registers_query_count_is_flat(client_for, people):
    client = client_for("programme_leader")
    _make(people, 2)
    url = reverse("benefits:register")
    client.get(url)  # the first request of a session does a little more
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _make(people, 8)
    client.get(url)  # the site's caches, emptied by the saves, fill again
    with CaptureQueriesContext(connection) as many:
        response = client.get(
            reverse("benefits:register") + "?goal=" + str(Goal.objects.first().pk)
        )
    assert response.status_code == 200

    # The filter form's choices are read through server-side cursors whose last queries are
    # sometimes logged after the capture ends; count the register's own queries.
    def queries(captured):
        return [q for q in captured.captured_queries if "benefits_" in q["sql"]]

    assert len(queries(many)) == len(queries(few))


# --- The evidence file of a measurement (the same checks as Nabolagspotten's uploads) -------

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_a_measurement_keeps_its_evidence_file_for_staff_to_download(client_for, benefit, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    indicator = Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")
    url = reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk])
    client = client_for("change_leader")
    form = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in form
    assert 'name="evidence"' in form
    evidence = SimpleUploadedFile("../stedsanalyse 2025.png", PNG_BYTES, content_type="image/png")
    response = client.post(url, {"period_end": "2025-06-30", "value": "54", "evidence": evidence})
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.evidence.name.startswith("benefits/evidence/")
    assert ".." not in measurement.evidence.name
    download = reverse("benefits:measurement_evidence", args=[benefit.pk, measurement.pk])
    assert download in client.get(benefit.get_absolute_url()).content.decode()
    answer = client_for("board_member").get(download)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/png"
    assert answer["Content-Disposition"].startswith("attachment;")
    assert b"".join(answer.streaming_content) == PNG_BYTES
    assert client_for("outsider").get(download).status_code == 403
    other = services.benefit_create(
        by=people["change_leader"],
        title="En annen gevinst",
        description="Beskrivelse.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=people["change_leader"].unit,
    )
    wrong = reverse("benefits:measurement_evidence", args=[other.pk, measurement.pk])
    assert client_for("change_leader").get(wrong).status_code == 404  # not the other's


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("side.html", b"<html><script>alert(1)</script></html>"),
        ("bilde.png", b"<html><script>alert(1)</script></html>"),  # not a PNG inside
        ("tom.pdf", b""),
        ("regneark.xlsx", b"PK\x03\x04 not allowed"),
    ],
)
def test_a_bad_evidence_file_gets_a_message_on_the_field_and_saves_nothing(
    client_for, benefit, name, content
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    indicator = Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")
    url = reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk])
    response = client_for("change_leader").post(
        url,
        {"period_end": "2025-06-30", "value": "54", "evidence": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert "evidence" in response.context["form"].errors
    assert not Measurement.objects.exists()


def test_a_measurement_without_evidence_has_no_download(client_for, benefit):
    indicator = Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")
    measurement = services.measurement_record(
        indicator=indicator,
        by=benefit.created_by,
        period_end=datetime.date(2025, 6, 30),
        value=54,
    )
    url = reverse("benefits:measurement_evidence", args=[benefit.pk, measurement.pk])
    assert client_for("change_leader").get(url).status_code == 404


# --- Bad input on the remaining forms: a Norwegian message on the field, 400, never a 500 --

TOO_LONG = "too long"
CHOICE = "Select a valid choice. %(value)s is not one of the available choices."


def _norwegian_length_message() -> str:
    """Django's own message for a text over the register's limit (LONG_TEXT), in Norwegian."""
    from django.core.exceptions import ValidationError
    from django.core.validators import MaxLengthValidator
    from django.utils import translation

    from benefits.models.benefits import LONG_TEXT

    with translation.override("nb"):
        try:
            MaxLengthValidator(LONG_TEXT)("x" * 100_000)
        except ValidationError as error:
            return error.messages[0]
    raise AssertionError("the validator let 100,000 characters through")


@pytest.mark.parametrize(
    ("form", "data", "field", "message"),
    [
        (
            "measurement",
            {"period_end": "2025-06-30", "value": "54", "comment": "x" * 100_000},
            "comment",
            TOO_LONG,
        ),
        (
            "measurement",
            {"period_end": "i fjor", "value": "54"},
            "period_end",
            "Enter a valid date.",
        ),
        ("priority", {"priority": "7"}, "priority", CHOICE),
        ("abandon", {"note": "x" * 100_000}, "note", TOO_LONG),
        (
            "benefit",
            {"planned_realisation": "neste år"},
            "planned_realisation",
            "Enter a valid date.",
        ),
        ("indicator", {"target": "mange"}, "target", "Enter a number."),
    ],
)
def test_bad_input_on_every_other_form_gets_a_norwegian_message_on_the_field(
    client_for, benefit, people, form, data, field, message
):
    indicator = Indicator.objects.create(benefit=benefit, name="Andel trygge", unit="prosent")
    urls = {
        "measurement": reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk]),
        "priority": reverse("benefits:benefit_priority", args=[benefit.pk]),
        "abandon": reverse("benefits:benefit_transition", args=[benefit.pk, "ikke-realisert"]),
        "benefit": reverse("benefits:benefit_edit", args=[benefit.pk]),
        "indicator": reverse("benefits:indicator_create", args=[benefit.pk]),
    }
    posted = {
        "benefit": {**_benefit_data(people), "version": benefit.version, **data},
        "indicator": _indicator_data(**data),
    }.get(form, data)
    who = "programme_leader" if form == "priority" else "change_leader"
    response = client_for(who).post(urls[form], posted)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    if message == TOO_LONG:
        expected = _norwegian_length_message()
    elif message == CHOICE:
        expected = nb(CHOICE) % {"value": "7"}
    else:
        expected = nb(message)
    assert expected != message  # a Norwegian text, not the English msgid
    assert errors[field] == [expected]
    benefit.refresh_from_db()
    assert benefit.status == "identifisert" and benefit.priority is None
    assert not Measurement.objects.exists()
