"""A large payments export is built in the background (core.exports): the export link
sends the handler to a waiting page, a task stores the file, and only the handler who
asked can fetch it."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core import exports
from nabolagspotten.models import PersonalDataAccess
from tests.nabolagspotten.test_followup_payments import _paid_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """Two payments count as «large», so the background path runs on a small table."""
    monkeypatch.setattr("nabolagspotten.views.followup.BACKGROUND_ROWS", 1)


def _start(client, fmt="xlsx", query="", capture=None):
    url = reverse("nabolagspotten:payments_export", args=[fmt]) + query
    with capture(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def test_a_small_export_is_still_answered_at_once(client_for, people):
    _paid_cases(people, 2)
    response = client_for("case_handler").get(
        reverse("nabolagspotten:payments_export", args=["xlsx"])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"  # issue 9, item 8


def test_a_large_export_is_built_in_the_background_and_downloaded(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _paid_cases(people, 2)
    client = client_for("case_handler")
    waiting = _start(client, capture=django_capture_on_commit_callbacks)
    assert "/utbetalinger/eksport/" in waiting
    assert not PersonalDataAccess.objects.filter(what=PersonalDataAccess.What.EXPORT).exists()

    # The task ran (eagerly in tests): the htmx poll sees the file ready.
    fragment = client.get(waiting, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert 'aria-live="polite"' in html
    assert "Eksporten er klar" in html
    assert "hx-trigger" not in html  # it stops asking

    response = client.get(waiting)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="utbetalinger-' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Dato" and rows[0][7] == "Runde"  # Norwegian headers in the task
    assert len(rows) == 3
    assert {row[1] for row in rows[1:]} == {1_000, 1_001}
    assert rows[1][0].date() == timezone.localdate()  # a date cell
    assert PersonalDataAccess.objects.filter(
        what=PersonalDataAccess.What.EXPORT, user=people["case_handler"], application=None
    ).exists()


def test_the_background_export_keeps_the_filters_and_the_format(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    round_ = _paid_cases(people, 2)
    _paid_cases(people, 3)
    client = client_for("case_handler")
    waiting = _start(
        client, fmt="csv", query=f"?round={round_.pk}", capture=django_capture_on_commit_callbacks
    )
    response = client.get(waiting)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert text.startswith("\ufeff")
    assert len(text.strip().splitlines()) == 3  # the header and the round's two payments
    assert "'=HYPERLINK" in text  # still no formula


def test_while_it_is_made_the_page_says_so_with_progress(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _paid_cases(people, 2)
    client = client_for("case_handler")
    url = reverse("nabolagspotten:payments_export", args=["xlsx"])
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not started yet
        waiting = client.get(url)["Location"]
    response = client.get(waiting)
    assert response.status_code == 202
    html = response.content.decode()
    assert "Eksporten lages" in html
    assert 'hx-get="' + waiting in html and 'hx-trigger="every 2s"' in html
    assert 'aria-live="polite"' in html
    assert "0 av 2 rader skrevet" in html
    assert "<noscript>" in html and "Last inn siden på nytt" in html


def test_another_user_cannot_fetch_the_export(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _paid_cases(people, 2)
    waiting = _start(client_for("case_handler"), capture=django_capture_on_commit_callbacks)
    assert client_for("programme_leader").get(waiting).status_code == 404
    assert client_for("board_member").get(waiting).status_code == 403
    unknown = reverse("nabolagspotten:payments_export_file", args=["0" * 32])
    assert client_for("case_handler").get(unknown).status_code == 404
    bad = reverse("nabolagspotten:payments_export_file", args=["0" * 30 + ".."])
    assert client_for("case_handler").get(bad).status_code == 404


def test_a_failed_build_is_shown_not_polled_forever(
    client_for, people, small_limit, monkeypatch, django_capture_on_commit_callbacks
):
    _paid_cases(people, 2)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("core.exports.xlsx_content", broken)
    client = client_for("case_handler")
    url = reverse("nabolagspotten:payments_export", args=["xlsx"])
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)  # the task runs (and fails) after the answer
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Eksporten kunne ikke lages" in html
    assert "hx-trigger" not in html


def test_stored_exports_are_deleted_after_a_day(
    client_for, people, small_limit, django_capture_on_commit_callbacks
):
    _paid_cases(people, 2)
    client = client_for("case_handler")
    waiting = _start(client, capture=django_capture_on_commit_callbacks)
    assert exports.exports_delete_old() == 0
    later = timezone.now() + exports.KEEP + timedelta(minutes=1)
    assert exports.exports_delete_old(later) == 1
    export_id = waiting.rstrip("/").rsplit("/", 1)[-1]
    folder = f"{exports.ROOT}/{people['case_handler'].pk}/{export_id}/"
    assert default_storage.listdir(folder) == ([], [])
    assert not os.path.exists(default_storage.path(folder + "data"))
