"""Who may open the top floor's own pages: plain predicates, checked on the server."""

from core.permissions import is_programme_staff


def can_view_programme_overview(user) -> bool:
    """The programme overview holds only what every member of programme staff reads in the
    parts it sums up (no personal data); it is made for the board and the Programeier."""
    return is_programme_staff(user)
