"""Numbers the Norwegian way: «1 234 567 kr», with non-breaking spaces.

Services, exports and letters call these; the template filters in
`core/templatetags/formatting.py` only hand them on.
"""

NBSP = "\u00a0"


def thousands(amount) -> str:
    """1234567 -> '1 234 567' (non-breaking spaces); '' for nothing."""
    if amount is None or amount == "":
        return ""
    number = int(amount)
    return f"{'−' if number < 0 else ''}{abs(number):,}".replace(",", NBSP)


def kroner(amount) -> str:
    """1234567 -> '1 234 567 kr' (non-breaking spaces), whole kroner; '' for nothing."""
    if amount is None or amount == "":
        return ""
    return f"{thousands(amount)}{NBSP}kr"
