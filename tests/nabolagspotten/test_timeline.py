"""Both timelines of a case say each status in plain Norwegian and who took the step: the
handler by name for staff, «saksbehandleren» for the applicant, the applicant, or the system
for what it does by itself (letters, reminders, links)."""

import pytest
from django.utils import timezone

from nabolagspotten.models import Application, CaseEvent
from nabolagspotten.services import cases, workflow
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import declare, with_link
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _timeline(html: str) -> str:
    start = html.index('id="timeline-heading"')
    return html[start : html.index("</ol>", start)]


@pytest.fixture
def case(people):
    """Sent by the applicant, taken into review by the handler, a letter and a reminder
    sent by the system."""
    handler = people["case_handler"]
    application = ApplicationFactory(status=S.DRAFT, submitted_at=None)
    workflow.move(workflow.lock(application), S.SUBMITTED, note="Søknaden ble sendt.")
    declare(application, handler)
    cases.review_start(application=application, by=handler)
    workflow.record(application, CaseEvent.Kind.LETTER_SENT)
    CaseEvent.objects.create(
        application=application,
        kind=CaseEvent.Kind.REMINDER,
        note="after",
        visible_to_applicant=False,
        at=timezone.now(),
    )
    return application


def test_the_handler_reads_plain_statuses_and_who(client, people, case):
    client.force_login(people["case_handler"])
    timeline = _timeline(client.get(case.get_absolute_url()).content.decode())
    assert (
        nb(
            "Status changed from «%(from)s» to «%(to)s»",
            **{"from": nb("Draft")},
            to=nb("Submitted"),
        )
        in timeline
    )
    assert nb("by the applicant") in timeline
    assert nb("by %(name)s", name="Case Handler") in timeline
    assert nb("by the system") in timeline
    assert nb("Reminder sent: the final report is overdue") in timeline
    for raw in ["sendt_inn", "under_behandling", "utkast", ">after", "(søkeren eller systemet)"]:
        assert raw not in timeline
    assert nb("the applicant or the system") not in timeline


def test_the_applicant_reads_plain_statuses_and_who(client, case):
    with_link(client, case)
    timeline = _timeline(client.get(case.get_applicant_url()).content.decode())
    assert nb("Status: %(to)s", to=nb("Submitted")) in timeline
    assert nb("Status: %(to)s", to=nb("Under review")) in timeline
    assert nb("by you") in timeline
    assert nb("by the case handler") in timeline
    assert nb("by the system") in timeline
    assert "Case Handler" not in timeline
    for raw in ["sendt_inn", "under_behandling", "Status: <", "Status: .", "paminnelse"]:
        assert raw not in timeline
    assert nb("Reminder sent") not in timeline  # the reminders are not on the applicant's side
