"""The one question every app's permissions and the navigation ask first."""


def is_programme_staff(user) -> bool:
    """A logged-in, active user with a role in the programme (or a superuser). Every
    member of programme staff reads the portfolio; what else they may do is up to each
    app's own predicates."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.roles)
    )
