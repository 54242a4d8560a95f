"""The Norwegian organisation number (organisasjonsnummer): nine digits, the last a mod-11
control digit with the weights 3, 2, 7, 6, 5, 4, 3, 2. A control digit of 10 means the
number cannot exist. Spaces are allowed when typed (e.g. «974 760 673»)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalise_orgnr(value: str) -> str:
    """The number without spaces (and the non-breaking spaces phones like to add)."""
    return "".join((value or "").split())


def orgnr_is_valid(value: str) -> bool:
    number = normalise_orgnr(value)
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(number[:8], WEIGHTS, strict=True)) % 11
    control = 0 if remainder == 0 else 11 - remainder
    return control != 10 and control == int(number[8])


def validate_orgnr(value: str) -> None:
    number = normalise_orgnr(value)
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        raise ValidationError(
            _("An organisation number has 9 digits, e.g. 974 760 673."), code="orgnr_format"
        )
    if not orgnr_is_valid(number):
        raise ValidationError(
            _(
                "This organisation number does not exist: the last digit does not match. "
                "Check it in Brønnøysundregistrene."
            ),
            code="orgnr_control",
        )
