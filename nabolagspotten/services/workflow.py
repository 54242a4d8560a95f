"""The case's states and the moves between them (issue 4):

utkast → sendt inn → under behandling → (mer informasjon etterspurt → sendt inn igjen, or
svar mottatt when the applicant answers with a message, → under behandling) →
innvilget, delvis innvilget or avslått → akseptert or avslått av søker → utbetalt →
sluttrapport levert → avsluttet; trukket by the applicant before a decision.

`move()` is the one place a status changes: it locks the row, checks the move is allowed,
saves with history and records a `CaseEvent`. A move the state does not allow is refused
with `core.exceptions.TransitionRefused`, as in the portfolio.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import TransitionRefused
from nabolagspotten.models import Application, CaseEvent

S = Application.Status

ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.IN_REVIEW, S.WITHDRAWN},
    S.IN_REVIEW: {S.INFO_REQUESTED, S.GRANTED, S.PARTLY_GRANTED, S.REFUSED, S.WITHDRAWN},
    # The applicant changes the application and sends it again, or answers with a message.
    S.INFO_REQUESTED: {S.RESUBMITTED, S.ANSWERED, S.WITHDRAWN},
    S.RESUBMITTED: {S.IN_REVIEW, S.WITHDRAWN},
    S.ANSWERED: {S.IN_REVIEW, S.RESUBMITTED, S.WITHDRAWN},
    # An upheld appeal sends a decided case back for a new decision.
    S.GRANTED: {S.ACCEPTED, S.DECLINED, S.IN_REVIEW},
    S.PARTLY_GRANTED: {S.ACCEPTED, S.DECLINED, S.IN_REVIEW},
    S.REFUSED: {S.IN_REVIEW, S.CLOSED},
    S.ACCEPTED: {S.PAID},
    S.DECLINED: {S.CLOSED},
    S.PAID: {S.REPORTED},
    S.REPORTED: {S.CLOSED},
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
}

FINAL = {S.CLOSED, S.WITHDRAWN}


def lock(application: Application) -> Application:
    """The application's row, locked for the rest of the transaction, freshly read."""
    return Application.objects.select_for_update().get(pk=application.pk)


def move(
    application: Application,
    to: str,
    *,
    by=None,
    note: str = "",
    visible_to_applicant: bool = True,
    **fields,
) -> Application:
    """Change the status of a *locked* application (see `lock`) and record it. `by` is the
    handler, or None for the applicant. Extra `fields` are set in the same save."""
    current = application.status
    if to not in ALLOWED.get(current, set()):
        raise TransitionRefused(
            _("This cannot be done while the application is «%(status)s».")
            % {"status": S(current).label}
        )
    application.status = to
    for name, value in fields.items():
        setattr(application, name, value)
    if to in FINAL and application.closed_at is None:
        application.closed_at = timezone.now()
    application.version += 1
    application._history_user = by
    application.save()
    CaseEvent.objects.create(
        application=application,
        kind=CaseEvent.Kind.STATUS,
        actor=by,
        from_status=current,
        to_status=to,
        note=note,
        visible_to_applicant=visible_to_applicant,
    )
    return application


def record(application, kind, *, by=None, note="", visible_to_applicant=True) -> CaseEvent:
    """Put a step that is not a status change on the case's timeline."""
    return CaseEvent.objects.create(
        application=application,
        kind=kind,
        actor=by,
        note=note,
        visible_to_applicant=visible_to_applicant,
    )


def new_reference(year: int) -> str:
    """The next case number, e.g. NP-2026-00042, from a database sequence (no races)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('nabolagspotten_reference_seq')")
        (number,) = cursor.fetchone()
    return f"NP-{year}-{number:05d}"
