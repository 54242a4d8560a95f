"""A long portfolio overview export is built in the background (core.exports): the
export link sends the user to a waiting page, a task stores exactly the filtered, sorted
list, and only the user who asked can fetch it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.portfolio.test_overview import two_projects  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Two projects count as «long», so the background path runs on a small table."""
    monkeypatch.setattr("portfolio.services.exports.OVERVIEW_BACKGROUND_ROWS", 1)


def _start(client, capture, name="portfolio:overview_xlsx", query=None):
    with capture(execute=True):
        response = client.get(reverse(name), query or {})
    assert response.status_code == 302
    return response["Location"]


def test_a_short_list_is_still_answered_at_once(client_for, two_projects):  # noqa: F811
    response = client_for("programme_leader").get(reverse("portfolio:overview_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="portefolje-')


def test_a_long_list_is_built_in_the_background_and_downloaded(
    client_for,
    two_projects,  # noqa: F811
    small_limit,
    django_capture_on_commit_callbacks,
):
    client = client_for("board_member")
    waiting = _start(client, django_capture_on_commit_callbacks, query={"sort": "-title"})
    assert "/portefolje/eksport/" in waiting
    fragment = client.get(waiting, headers={"HX-Request": "true"}).content.decode()
    assert "Eksporten er klar" in fragment and "hx-trigger" not in fragment

    response = client.get(waiting)
    assert response.status_code == 200
    assert 'filename="portefolje-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][:3] == ("Tittel", "Type", "Status")  # Norwegian in the task
    assert [row[0] for row in rows[1:]] == ["Other", "Match"]  # the sort is kept
    assert rows[1][3] == "Enhet for Other"


def test_the_background_export_keeps_the_filters_and_the_format(
    client_for,
    two_projects,  # noqa: F811
    small_limit,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr("portfolio.services.exports.OVERVIEW_BACKGROUND_ROWS", 0)
    client = client_for("programme_leader")
    waiting = _start(
        client,
        django_capture_on_commit_callbacks,
        name="portfolio:overview_csv",
        query={"status": "i_portefoljen"},
    )
    response = client.get(waiting)
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8").strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Match;")


def test_while_it_is_made_the_page_says_so(
    client_for,
    two_projects,  # noqa: F811
    small_limit,
    django_capture_on_commit_callbacks,
):
    client = client_for("programme_leader")
    with django_capture_on_commit_callbacks(execute=False):
        waiting = client.get(reverse("portfolio:overview_xlsx"))["Location"]
    response = client.get(waiting)
    assert response.status_code == 202
    html = response.content.decode()
    assert "Eksporten lages" in html and "0 av 2 rader skrevet" in html
    assert "Tilbake til porteføljeoversikten" in html


def test_another_user_cannot_fetch_the_export(
    client_for,
    two_projects,  # noqa: F811
    small_limit,
    django_capture_on_commit_callbacks,
):
    waiting = _start(client_for("board_member"), django_capture_on_commit_callbacks)
    assert client_for("programme_leader").get(waiting).status_code == 404
    assert client_for("outsider").get(waiting).status_code == 403
    assert client_for("anonymous").get(waiting).status_code == 302  # to the login page
    bad = reverse("portfolio:overview_export_file", args=["0" * 30 + ".."])
    assert client_for("board_member").get(bad).status_code == 404
