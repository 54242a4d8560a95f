"""Form fields and helpers every app's forms share."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class KronerField(forms.IntegerField):
    """Whole kroner, zero or more. Accepts «1 234 567» and «1 234 567 kr»."""

    default_error_messages = {
        "invalid": _("Write the amount in whole kroner, with digits only (for example 250 000)."),
        "min_value": _("The amount cannot be less than 0 kr."),
        "max_value": _("The amount is too large."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10**12)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0]+", "", value.strip())
            value = value.removesuffix("kr").removesuffix(",-")
        return super().to_python(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has that
    field, at the top of the form otherwise."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
