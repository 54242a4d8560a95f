"""What the model modules share: the longest texts allowed, and a readable date for
`__str__`."""

from datetime import datetime

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

LONG_TEXT = 10_000  # characters; a clear message beyond it
SHORT_TEXT = 2_000


def long_text_field(**kwargs) -> models.TextField:
    """A text field of at most LONG_TEXT characters."""
    return models.TextField(validators=[MaxLengthValidator(LONG_TEXT)], **kwargs)


def readable_date(value) -> str:
    """«3. mars 2026» for a date or a moment (in Oslo time); '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, "j. F Y")
