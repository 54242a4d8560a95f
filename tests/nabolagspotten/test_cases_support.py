"""Helpers shared by the case-handling and decision tests (no tests of its own)."""

from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import Application, ImpartialityDeclaration, RoundArea
from nabolagspotten.services import decisions
from portfolio.models import Area
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory

S = Application.Status


def lademoen() -> Area:
    return Area.objects.get(slug="lademoen")


def a_round(budget: int = 200_000, **kwargs):
    """A round with a budget in Lademoen only."""
    return RoundFactory(budgets={"lademoen": budget}, **kwargs)


def declare(application, user, impartial: bool = True):
    return ImpartialityDeclaration.objects.create(
        application=application, handler=user, impartial=impartial, note="" if impartial else "Nabo"
    )


def in_review(handler, **kwargs) -> Application:
    """An application under review in Lademoen, its handler declared impartial."""
    kwargs.setdefault("area", lademoen())
    if "round" not in kwargs:
        kwargs["round"] = a_round()
    application = ApplicationFactory(status=S.IN_REVIEW, **kwargs)
    declare(application, handler)
    return application


def granted(handler, amount: int = 10_000, **kwargs) -> Application:
    """An application granted `amount` (the full amount asked for) by `handler`."""
    application = in_review(handler, amount_requested=amount, **kwargs)
    decisions.decision_make(
        application=application,
        by=handler,
        outcome="innvilget",
        amount=amount,
        reasons="Tiltaket skaper fellesskap.",
        confirm_low_budget=True,
    )
    application.refresh_from_db()
    return application


def committed(round_, amount: int, handler) -> Application:
    """Money already bound in Lademoen: an accepted grant of `amount`."""
    return ApplicationFactory(
        round=round_,
        area=lademoen(),
        status=S.ACCEPTED,
        amount_requested=amount,
        amount_granted=amount,
        decided_at=timezone.now(),
    )


def with_link(client, application) -> None:
    """Let the test client's session in as the application's applicant."""
    link = access.session_link(application)  # as if opened: links open once
    session = client.session
    access.grant(session, link)
    session.save()


def round_area(round_) -> RoundArea:
    return RoundArea.objects.get(round=round_, area=lademoen())
