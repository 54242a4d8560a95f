"""Numbers the Norwegian way."""

from django import template

register = template.Library()

NBSP = "\u00a0"


@register.filter
def kroner(amount) -> str:
    """1234567 -> '1 234 567 kr' (non-breaking spaces), whole kroner."""
    if amount is None or amount == "":
        return ""
    number = int(amount)
    digits = f"{abs(number):,}".replace(",", NBSP)
    return f"{'−' if number < 0 else ''}{digits}{NBSP}kr"


@register.filter
def thousands(amount) -> str:
    """1234567 -> '1 234 567' (non-breaking spaces)."""
    if amount is None or amount == "":
        return ""
    number = int(amount)
    return f"{'−' if number < 0 else ''}{abs(number):,}".replace(",", NBSP)
