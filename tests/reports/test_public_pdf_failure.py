"""When the publish step's task (`reports.tasks.make_public_pdf`) cannot make the public PDF
after its retries, the report keeps the reason: the programme leader sees it on the report's
page and on the waiting page, with «Prøv igjen», which queues the task again."""

import pytest
from django.urls import reverse
from django.utils import translation

from reports import outputs, services
from reports.models import Report
from tests.reports.world import world

pytestmark = pytest.mark.django_db(transaction=False)


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


@pytest.fixture
def published(people, django_capture_on_commit_callbacks):
    """A built annual report, published while the public PDF cannot be made."""
    world(people, 1)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_order(
            kind=Report.Kind.ANNUAL, year=2027, by=people["programme_leader"]
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    return report


def _publish_while_the_pdf_fails(report, people, monkeypatch, captured):
    calls = []

    def broken(report):
        calls.append(report.pk)
        raise RuntimeError("WeasyPrint ran out of memory")

    with monkeypatch.context() as patch, captured(execute=True):
        patch.setattr(outputs, "write_public_pdf", broken)
        services.report_publish(report=report, by=people["programme_leader"])
    report.refresh_from_db()
    return calls


def test_a_public_pdf_that_fails_for_good_keeps_the_reason_and_the_retry_makes_it(
    people, published, monkeypatch, settings, django_capture_on_commit_callbacks, client_for
):
    calls = _publish_while_the_pdf_fails(
        published, people, monkeypatch, django_capture_on_commit_callbacks
    )
    assert len(calls) == settings.REPORTS_BUILD_RETRIES + 1  # every retry was tried
    assert published.is_published and not published.public_pdf
    assert published.public_pdf_failed
    assert "RuntimeError" in published.public_pdf_failure
    assert list(services.published_reports()) == []  # not on the public page

    leader = client_for("programme_leader")
    page = leader.get(published.get_absolute_url())
    html = page.content.decode()
    assert nb("The public PDF could not be made") in html
    assert published.public_pdf_failure in html
    assert nb("A newer version is published.") not in html  # it is the only version
    retry_url = reverse("reports:report_public_pdf_retry", kwargs={"pk": published.pk})
    assert f'action="{retry_url}"' in html

    # The waiting page no longer waits: the reason and the button, and no polling.
    waiting = leader.get(reverse("reports:report_public_pdf", kwargs={"pk": published.pk}))
    assert waiting.status_code == 200
    html = waiting.content.decode()
    assert nb("The PDF could not be made") in html
    assert published.public_pdf_failure in html
    assert f'action="{retry_url}"' in html
    assert "hx-trigger" not in html

    # «Prøv igjen» queues the publish task again and leads to the waiting page (the task
    # runs here when the request's transaction commits); this time it makes the PDF.
    waiting_url = reverse("reports:report_public_pdf", kwargs={"pk": published.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = leader.post(retry_url)
    assert response.status_code == 302
    assert response.url == waiting_url
    assert leader.get(waiting_url)["Content-Type"] == "application/pdf"
    published.refresh_from_db()
    assert published.public_pdf and published.public_pdf_failure == ""
    assert list(services.published_reports()) == [published]
    page = leader.get(published.get_absolute_url()).content.decode()
    assert nb("The public PDF could not be made") not in page
    assert nb("Download the public PDF") in page


def test_the_board_member_sees_the_reason_but_no_retry_button(
    people, published, monkeypatch, django_capture_on_commit_callbacks, client_for
):
    _publish_while_the_pdf_fails(published, people, monkeypatch, django_capture_on_commit_callbacks)
    retry_url = reverse("reports:report_public_pdf_retry", kwargs={"pk": published.pk})
    board = client_for("board_member")
    html = board.get(published.get_absolute_url()).content.decode()
    assert published.public_pdf_failure in html
    assert retry_url not in html
    assert board.post(retry_url).status_code == 403
    published.refresh_from_db()
    assert published.public_pdf_failed  # nothing was queued


def test_a_retry_is_refused_unless_the_public_pdf_failed(people, published, client_for):
    retry_url = reverse("reports:report_public_pdf_retry", kwargs={"pk": published.pk})
    # Not published: nothing to retry.
    assert client_for("programme_leader").post(retry_url).status_code == 403
    with pytest.raises(services.TransitionRefused):
        services.report_public_pdf_retry(report=published, by=people["programme_leader"])
