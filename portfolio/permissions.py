"""Who may do what in the portfolio: plain predicates, checked on the server in each view."""


def can_view_structure(user) -> bool:
    """Every member of programme staff reads the programme's structure."""
    return (
        user.is_authenticated and user.is_active and (user.is_programme_staff or user.is_superuser)
    )
