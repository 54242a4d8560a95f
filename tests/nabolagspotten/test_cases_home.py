"""The staff home page's «Venter på deg» shows a case handler Nabolagspotten's new and
resubmitted applications and received appeals, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nabolagspotten.models import Appeal, Application, Decision
from nabolagspotten.services.cases import waiting_for
from tests.nabolagspotten.factories import ApplicationFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _appeal(handler):
    application = ApplicationFactory(status=S.REFUSED, amount_granted=0)
    decision = Decision.objects.create(
        application=application, outcome="avslatt", reasons="Drift.", decided_by=handler
    )
    return Appeal.objects.create(application=application, decision=decision, grounds="Uenig.")


def test_waiting_for_counts_new_resubmitted_and_appeals(people):
    handler = people["case_handler"]
    ApplicationFactory.create_batch(2)
    ApplicationFactory(status=S.RESUBMITTED)
    ApplicationFactory(status=S.DRAFT, submitted_at=None)
    _appeal(handler)
    handled = _appeal(handler)
    handled.status = Appeal.Status.FORWARDED
    handled.save()
    assert waiting_for(handler) == {"new": 2, "resubmitted": 1, "appeals": 1}
    assert waiting_for(people["board_member"]) == {"new": 0, "resubmitted": 0, "appeals": 0}


def test_the_home_page_shows_a_handler_what_waits(client_for, people):
    ApplicationFactory()
    _appeal(people["case_handler"])
    html = client_for("case_handler").get(reverse("home")).content.decode()
    assert nb("Nabolagspotten: applications and appeals to handle") in html
    assert reverse("nabolagspotten:cases") + "?status=sendt_inn" in html
    assert reverse("nabolagspotten:appeals") + "?status=mottatt" in html
    html = client_for("board_member").get(reverse("home")).content.decode()
    assert nb("Nabolagspotten: applications and appeals to handle") not in html


def test_the_home_page_query_count_does_not_grow_with_cases(
    client_for, people, django_assert_num_queries
):
    client = client_for("case_handler")
    ApplicationFactory()
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    ApplicationFactory.create_batch(6)
    ApplicationFactory.create_batch(3, status=S.RESUBMITTED)
    for _ in range(3):
        _appeal(people["case_handler"])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
