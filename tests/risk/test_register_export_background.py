"""A large register export (the roll-up) is built in the background (core.exports): the
export link sends the user to a waiting page, a task stores the register's risks (with
those beneath it when rolled up), and only the user who asked can fetch it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portfolio.models import Area
from risk.services import area_register, programme_register
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Two risks count as «large», so the background path runs on a small table."""
    monkeypatch.setattr("core.exports.BACKGROUND_ROWS", 1)


@pytest.fixture
def two_risks(people):
    register = area_register(Area.objects.get(name="Møllenberg"))
    make_risk(register, people["programme_leader"], title="Første risiko")
    make_risk(register, people["programme_leader"], title="=HYPERLINK(1)")
    return register


def _start(client, capture, register, fmt="xlsx", query=""):
    url = reverse("risk:register_export", args=[register.pk, fmt]) + query
    with capture(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def test_a_small_export_is_still_answered_at_once(client_for, two_risks, monkeypatch):
    monkeypatch.setattr("core.exports.BACKGROUND_ROWS", 2)
    response = client_for("board_member").get(
        reverse("risk:register_export", args=[two_risks.pk, "csv"])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="risiko-{two_risks.pk}-'
    )


def test_the_roll_up_is_built_in_the_background_and_downloaded(
    client_for, two_risks, small_limit, django_capture_on_commit_callbacks
):
    programme = programme_register()
    client = client_for("board_member")
    waiting = _start(client, django_capture_on_commit_callbacks, programme, query="?samlet=1")
    assert f"/risiko/register/{programme.pk}/eksport/" in waiting
    fragment = client.get(waiting, headers={"HX-Request": "true"}).content.decode()
    assert "Eksporten er klar" in fragment and "hx-trigger" not in fragment

    response = client.get(waiting)
    assert response.status_code == 200
    assert f'filename="risiko-{programme.pk}-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Referanse", "Register", "Tittel")  # Norwegian in the task
    assert [row[2] for row in rows[1:]] == ["Første risiko", "=HYPERLINK(1)"]
    assert sheet.cell(row=3, column=3).data_type == "s"  # text, never a formula


def test_the_background_export_keeps_the_format_and_the_register(
    client_for, two_risks, small_limit, django_capture_on_commit_callbacks
):
    client = client_for("programme_leader")
    waiting = _start(client, django_capture_on_commit_callbacks, two_risks, fmt="csv")
    response = client.get(waiting)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert len(text.strip().splitlines()) == 3
    assert "'=HYPERLINK(1)" in text


def test_while_it_is_made_the_page_says_so(
    client_for, two_risks, small_limit, django_capture_on_commit_callbacks
):
    client = client_for("board_member")
    url = reverse("risk:register_export", args=[two_risks.pk, "xlsx"])
    with django_capture_on_commit_callbacks(execute=False):
        waiting = client.get(url)["Location"]
    response = client.get(waiting)
    assert response.status_code == 202
    html = response.content.decode()
    assert "Eksporten lages" in html and "0 av 2 rader skrevet" in html
    assert f'href="{two_risks.get_absolute_url()}"' in html


def test_another_user_cannot_fetch_the_export(
    client_for, two_risks, small_limit, django_capture_on_commit_callbacks
):
    waiting = _start(client_for("board_member"), django_capture_on_commit_callbacks, two_risks)
    assert client_for("programme_leader").get(waiting).status_code == 404
    assert client_for("outsider").get(waiting).status_code == 403
    bad = reverse("risk:register_export_file", args=[two_risks.pk, "0" * 30 + ".."])
    assert client_for("board_member").get(bad).status_code == 404
    unknown_register = reverse("risk:register_export_file", args=[999_999, "0" * 32])
    assert client_for("board_member").get(unknown_register).status_code == 404
