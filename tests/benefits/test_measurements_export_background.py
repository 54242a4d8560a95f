"""A large measurements export is built in the background (core.exports.export_answer):
the export link sends the user to a waiting page, a task stores the file with the
register's filters, and only the user who asked can fetch it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portfolio.models import Area
from tests.benefits.test_exports import _benefit

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Two measurements count as «large», so the background path runs on a small table."""
    monkeypatch.setattr("core.exports.BACKGROUND_ROWS", 1)


def _start(client, capture, fmt="xlsx", query=""):
    url = reverse("benefits:measurements_export", args=[fmt]) + query
    with capture(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def test_a_small_export_is_still_answered_at_once(client_for, people, monkeypatch):
    _benefit(people, "En")
    _benefit(people, "To")
    monkeypatch.setattr("core.exports.BACKGROUND_ROWS", 2)
    response = client_for("board_member").get(reverse("benefits:measurements_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="gevinster-malinger-')


def test_a_large_export_is_built_in_the_background_and_downloaded(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _benefit(people, "En")
    _benefit(people, "To")
    client = client_for("board_member")
    waiting = _start(client, django_capture_on_commit_callbacks)
    assert "/gevinster/malinger/eksport/" in waiting

    fragment = client.get(waiting, headers={"HX-Request": "true"}).content.decode()
    assert "Eksporten er klar" in fragment and "hx-trigger" not in fragment
    page = client.get(waiting, headers={"HX-Request": "true"})
    assert 'href="/gevinster/"' not in page.content.decode()  # the fragment only

    response = client.get(waiting)
    assert response.status_code == 200
    assert 'filename="gevinster-malinger-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Gevinst nr.", "Gevinst", "Indikator")  # Norwegian in the task
    assert len(rows) == 3
    assert {row[1] for row in rows[1:]} == {"En", "To"}
    assert rows[1][3] == "Prosent" and rows[1][5] == 41.5
    assert sheet.cell(row=2, column=8).data_type == "s"  # the formula stays text


def test_the_background_export_keeps_the_filters_and_the_format(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    lademoen = Area.objects.first()
    _benefit(people, "I området", area=lademoen)
    _benefit(people, "Også i området", area=lademoen)
    _benefit(people, "Utenfor")
    client = client_for("project_leader")
    waiting = _start(
        client, django_capture_on_commit_callbacks, fmt="csv", query=f"?area={lademoen.pk}"
    )
    response = client.get(waiting)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.strip().splitlines()
    assert len(lines) == 3 and "Utenfor" not in text
    assert "'=HYPERLINK" in text


def test_while_it_is_made_the_page_says_so(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _benefit(people, "En")
    _benefit(people, "To")
    client = client_for("board_member")
    url = reverse("benefits:measurements_export", args=["xlsx"])
    with django_capture_on_commit_callbacks(execute=False):
        waiting = client.get(url)["Location"]
    response = client.get(waiting)
    assert response.status_code == 202
    html = response.content.decode()
    assert "Eksporten lages" in html and "0 av 2 rader skrevet" in html
    assert 'hx-trigger="every 2s"' in html


def test_another_user_cannot_fetch_the_export(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _benefit(people, "En")
    _benefit(people, "To")
    waiting = _start(client_for("board_member"), django_capture_on_commit_callbacks)
    assert client_for("programme_leader").get(waiting).status_code == 404
    assert client_for("outsider").get(waiting).status_code == 403
    bad = reverse("benefits:measurements_export_file", args=["0" * 30 + ".."])
    assert client_for("board_member").get(bad).status_code == 404


def test_an_unknown_format_is_404_on_both_paths(client_for, people, small_limit):
    _benefit(people, "En")
    _benefit(people, "To")
    response = client_for("board_member").get("/gevinster/malinger/eksport.pdf")
    assert response.status_code == 404
