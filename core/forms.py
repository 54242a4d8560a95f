"""Form fields and helpers every app's forms share."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CHOOSE = _("Choose …")
DEFAULT_EMPTY_LABELS = {"", "---------", str(BLANK_CHOICE_LABEL)}


def _first_lower(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


first_lower = lazy(_first_lower, str)


def _is_default_label(label) -> bool:
    return label is None or str(label) in DEFAULT_EMPTY_LABELS or label == BLANK_CHOICE_LABEL


def _required_message(field: forms.Field):
    """«Velg status», «Fyll inn møtedato», «Legg ved fil»: the required field by name."""
    label = first_lower(field.label or "")
    if isinstance(field, forms.FileField):
        return format_lazy(_("Attach {label}."), label=label)
    if isinstance(field, forms.BooleanField):
        return format_lazy(_("Tick «{label}» to continue."), label=field.label)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return format_lazy(_("Choose {label}."), label=label)
    return format_lazy(_("Fill in {label}."), label=label)


def tidy_fields(form: forms.BaseForm) -> None:
    """What every form of ours does to its fields, so that no English or empty choice
    reaches a Norwegian page:

    - radio buttons have no blank choice (so nothing is pre-selected either);
    - a select's blank choice reads «Velg …» unless the form chose its own label;
    - a required field that is left empty says which field, in plain words («Velg
      vedtak», «Fyll inn møtedato») instead of «Feltet er påkrevet».
    """
    default_required = forms.Field.default_error_messages["required"]
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = None
            elif isinstance(field, forms.ChoiceField):
                field.choices = [c for c in field.choices if c[0] not in ("", None)]
        elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label is not None and _is_default_label(field.empty_label):
                    field.empty_label = CHOOSE
            elif isinstance(field, forms.ChoiceField):
                field.choices = [
                    (value, CHOOSE if value in ("", None) and _is_default_label(label) else label)
                    for value, label in field.choices
                ]
        if field.required and field.error_messages.get("required") == default_required:
            field.error_messages["required"] = _required_message(field)


class Form(forms.Form):
    """A form of ours (see `tidy_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_fields(self)


class ModelForm(forms.ModelForm):
    """A model form of ours (see `tidy_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_fields(self)


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
