"""Twenty grants at the same moment against an almost empty area budget: the area's row
lock serialises them, so exactly as many succeed as the money allows and the budget is
never over-committed."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from nabolagspotten.models import Application
from nabolagspotten.services import decisions, ledger
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import a_round, committed, declare, lademoen

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20


def test_twenty_concurrent_grants_never_over_commit_the_area(people, settings):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0  # no confirmation step in the way
    handler = people["case_handler"]
    round_ = a_round(budget=100_000)
    committed(round_, 95_000, handler)
    applications = []
    for _ in range(THREADS):
        application = ApplicationFactory(
            round=round_,
            area=lademoen(),
            status=Application.Status.IN_REVIEW,
            amount_requested=1_000,
        )
        declare(application, handler)
        applications.append(application)

    barrier = threading.Barrier(THREADS)
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def grant(application):
        try:
            barrier.wait(timeout=30)
            decisions.decision_make(
                application=application,
                by=handler,
                outcome="innvilget",
                amount=1_000,
                reasons="Bra tiltak.",
            )
            results[application.pk] = "granted"
        except ValidationError as error:
            results[application.pk] = error.message_dict["amount"][0]
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=grant, args=(app,)) for app in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(results) == THREADS
    granted = [pk for pk, result in results.items() if result == "granted"]
    assert len(granted) == 5
    refusals = {result for result in results.values() if result != "granted"}
    assert len(refusals) == 1 and "Lademoen" in refusals.pop()

    area = ledger.area_ledger(round_.pk, lademoen().pk)
    assert area.committed == 100_000
    assert area.remaining == 0
    assert Application.objects.filter(round=round_, status=Application.Status.GRANTED).count() == 5
