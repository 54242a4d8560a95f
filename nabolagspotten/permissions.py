"""Who on the staff may do what in Nabolagspotten: plain predicates, checked on the server
in every view. Applicants have no account; their access is the personal link (access.py).

- Saksbehandler (case handler): the case list, cases, impartiality, assessment, comments,
  requests for more information, decisions, appeals, payments, final reports.
- Programleder (programme leader): sets up rounds and budgets, reads the ledger and the
  statistics, and may also handle cases.
- Other staff: read the rounds, the ledger and the statistics (no personal data).
"""

from core.permissions import is_programme_staff


def can_view_rounds(user) -> bool:
    """Rounds, budgets, the ledger and the statistics hold no personal data."""
    return is_programme_staff(user)


def can_manage_rounds(user) -> bool:
    return is_programme_staff(user) and (user.is_programme_leader or user.is_superuser)


def can_handle_cases(user) -> bool:
    """See applications with their personal data and work on them."""
    return is_programme_staff(user) and (
        user.is_case_handler or user.is_programme_leader or user.is_superuser
    )


def is_impartial(user, application, declarations=None) -> bool | None:
    """True or False after the handler has declared; None before. `declarations` may be the
    application's prefetched declarations."""
    items = declarations if declarations is not None else application.declarations.all()
    for declaration in items:
        if declaration.handler_id == user.pk:
            return declaration.impartial
    return None


def can_assess(user, application, declarations=None) -> bool:
    """Assess, ask for information and decide: a handler who has declared impartiality."""
    return can_handle_cases(user) and is_impartial(user, application, declarations) is True
