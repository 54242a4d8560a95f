import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portfolio.models import Area
from risk.models import Risk, RosArea
from risk.services import area_register, programme_register
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "kind": "threat",
        "ros_area": RosArea.objects.get(name="Interessent").pk,
        "title": "Svekket tillit hos beboerforeningen i Møllenberg",
        "cause": "Lovnader fra tidligere prosjekter er ikke holdt.",
        "event": "Beboerforeningen trekker seg fra samarbeidet.",
        "effect": "Tiltakene mister lokal forankring.",
        "inherent_likelihood": "4",
        "inherent_consequence": "4",
        "current_likelihood": "3",
        "current_consequence": "4",
        "uncertainty": "medium",
        "response": "reduce",
        "response_justification": "Faste møter og tydelige avtaler.",
    }
    data.update(overrides)
    return data


def _register():
    return area_register(Area.objects.get(name="Møllenberg"))


def test_the_programme_leader_registers_a_risk_and_sees_it_in_the_heat_map(client_for):
    client = client_for("programme_leader")
    register = _register()
    response = client.post(reverse("risk:risk_create", args=[register.pk]), _form())
    risk = Risk.objects.get()
    assert response.status_code == 302 and response.url == risk.get_absolute_url()
    assert risk.reference == "R-001"
    page = client.get(register.get_absolute_url() + "?s=3&k=4").content.decode()
    assert "R-001 Svekket tillit" in page
    assert 'class="heat-count">1<' in page


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"current_likelihood": "6"}, "current_likelihood"),
        ({"inherent_consequence": "abc"}, "inherent_consequence"),
        ({"cause": "x" * 100_000}, "cause"),
        ({"title": "y" * 1000}, "title"),
        ({"target_likelihood": "5", "target_consequence": "5"}, "target_justification"),
        ({"response": "exploit"}, "response"),
        ({"exempt_from_public": "on"}, "exemption_basis"),
        ({"proximity_date": "not a date"}, "proximity_date"),
        ({"ros_area": "999999"}, "ros_area"),
    ],
)
def test_bad_input_gets_a_norwegian_message_on_the_field(client_for, overrides, field):
    response = client_for("programme_leader").post(
        reverse("risk:risk_create", args=[_register().pk]), _form(**overrides)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Risk.objects.exists()


def test_script_tags_are_shown_as_text(client_for):
    client = client_for("programme_leader")
    client.post(
        reverse("risk:risk_create", args=[_register().pk]),
        _form(title="<script>alert(1)</script>"),
    )
    page = client.get(Risk.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_review_lowers_the_score_and_an_overdue_one_is_flagged(client_for, people):
    risk = make_risk(_register(), people["programme_leader"], owner=people["change_leader"])
    risk.next_review_on = timezone.localdate() - datetime.timedelta(days=2)
    risk.save()
    client = client_for("change_leader")
    register_page = client.get(_register().get_absolute_url()).content.decode()
    assert "forfalt" in register_page
    response = client.post(
        reverse("risk:risk_review", args=[risk.pk]),
        {"likelihood": "2", "consequence": "2", "comment": "Tiltakene virker."},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_consequence) == (2, 2)
    assert not risk.review_is_overdue


def test_a_bad_review_and_a_past_action_are_refused(client_for, people):
    risk = make_risk(programme_register(), people["programme_leader"])
    client = client_for("programme_leader")
    response = client.post(
        reverse("risk:risk_review", args=[risk.pk]),
        {"likelihood": "x", "consequence": "9", "comment": ""},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"likelihood", "consequence", "comment"}
    response = client.post(
        reverse("risk:action_create", args=[risk.pk]),
        {
            "description": "Avtale",
            "owner": people["programme_leader"].pk,
            "due_on": "2000-01-01",
            "cost_estimate": "mange penger",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"due_on", "cost_estimate"}


def test_the_board_accepts_a_risk_with_an_expiry(client_for, people):
    risk = make_risk(programme_register(), people["programme_leader"], response="accept")
    expires = timezone.localdate() + datetime.timedelta(days=100)
    response = client_for("board_member").post(
        reverse("risk:risk_accept", args=[risk.pk]),
        {
            "justification": "Kostnaden ved tiltak er større enn gevinsten.",
            "expires_on": expires.isoformat(),
        },
    )
    assert response.status_code == 302
    assert risk.acceptances.get().expires_on == expires


def test_another_units_risk_is_read_only_to_a_change_leader(client_for, people):
    risk = make_risk(_register(), people["programme_leader"], owner=people["project_leader"])
    client = client_for("change_leader")
    assert client.get(risk.get_absolute_url()).status_code == 200
    assert client.get(reverse("risk:risk_edit", args=[risk.pk])).status_code == 403


def test_an_overdue_review_and_a_late_action_wait_on_the_owners_home_panels(people):
    from risk.home import home_panels
    from risk.models import Action

    owner = people["change_leader"]
    risk = make_risk(_register(), people["programme_leader"], owner=owner)
    risk.next_review_on = timezone.localdate() - datetime.timedelta(days=1)
    risk.save()
    Action.objects.create(
        risk=risk,
        description="Avtale med linja",
        owner=owner,
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    panels = {panel.key: panel for panel in home_panels(owner)}
    assert panels["risk-reviews"].items[0].overdue
    assert panels["risk-actions"].items[0].text.startswith("R-001")
    assert home_panels(people["project_leader"]) == []


def test_the_register_exports_as_csv_with_formulas_guarded(client_for, people):
    make_risk(_register(), people["programme_leader"], title="=HYPERLINK(1)")
    response = client_for("board_member").get(
        reverse("risk:register_export", args=[_register().pk, "csv"])
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "R-001" in text
    assert "'=HYPERLINK(1)" in text
    xlsx = client_for("board_member").get(
        reverse("risk:register_export", args=[_register().pk, "xlsx"]) + "?samlet=1"
    )
    assert xlsx.status_code == 200
