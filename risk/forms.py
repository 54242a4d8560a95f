"""Forms for the risk registers: register or edit a risk, review it, accept it, close it,
escalate it, add an action. Scores are chosen from the register's matrix, so a likelihood
of 6 or a letter is refused on the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form, KronerField, ModelForm
from risk.models import Action, Risk
from risk.models.registers import LONG_TEXT

SCORE_FIELDS = [
    f"{tier}_{axis}"
    for tier in ("inherent", "current", "forecast", "target")
    for axis in ("likelihood", "consequence")
]


def score_choices(matrix, axis: str, blank: bool) -> list:
    steps = [
        (step.score, f"{step.score} {step.label}")
        for step in matrix.steps.all()
        if step.axis == axis
    ]
    return ([("", _("Not assessed"))] if blank else []) + steps


def _score_field(field, matrix, axis, required):
    return forms.TypedChoiceField(
        label=field.label,
        choices=score_choices(matrix, axis, blank=not required),
        coerce=int,
        empty_value=None,
        required=required,
        help_text=field.help_text,
    )


def _indicator_label(indicator) -> str:
    return f"{indicator.benefit.title}: {indicator.name}"


def _partner_label(partner) -> str:
    return f"{partner.name} ({partner.project.title})"


class RiskForm(ModelForm):
    class Meta:
        model = Risk
        fields = [
            "kind",
            "ros_area",
            "title",
            "cause",
            "event",
            "effect",
            "goal",
            "strategy",
            "benefit",
            "indicator",
            "partners",
            "actor_groups",
            "owner",
            *SCORE_FIELDS,
            "target_justification",
            "uncertainty",
            "proximity_date",
            "proximity_phase",
            "response",
            "response_justification",
            "early_warning_indicator",
            "early_warning_threshold",
            "warning_indicator",
            "warning_when",
            "warning_value",
            "exempt_from_public",
            "exemption_basis",
        ]
        widgets = {"proximity_date": DateInput(), "partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, matrix, owners, partners=None, **kwargs):
        """`partners`: the local actors that may be named (the partners of the register's
        project, or of its area's projects); without any, the field is left out and the
        named groups are the place for them."""
        super().__init__(*args, **kwargs)
        if partners is None or not partners.exists():
            del self.fields["partners"]
        else:
            self.fields["partners"].queryset = partners
            self.fields["partners"].label_from_instance = _partner_label
        for name in SCORE_FIELDS:
            axis = name.split("_")[1]
            required = name.startswith(("inherent", "current"))
            self.fields[name] = _score_field(self.fields[name], matrix, axis, required)
        self.fields["owner"].queryset = owners
        self.fields["owner"].required = False
        self.fields["owner"].help_text = _("You, if you leave it empty.")
        for name in ("cause", "event", "effect", "target_justification", "response_justification"):
            self.fields[name].max_length = LONG_TEXT
            self.fields[name].widget.attrs["rows"] = 3
        self.fields["goal"].queryset = self.fields["goal"].queryset.order_by("number")
        self.fields["strategy"].queryset = self.fields["strategy"].queryset.select_related("goal")
        self.fields["benefit"].queryset = self.fields["benefit"].queryset.order_by("title")
        indicators = (
            self.fields["indicator"]
            .queryset.select_related("benefit")
            .order_by("benefit__title", "name")
        )
        for name in ("indicator", "warning_indicator"):
            self.fields[name].queryset = indicators
            self.fields[name].label_from_instance = _indicator_label

    def clean_owner(self):
        return self.cleaned_data.get("owner")


class ReviewForm(Form):
    likelihood = forms.TypedChoiceField(label=_("Likelihood now"), coerce=int)
    consequence = forms.TypedChoiceField(label=_("Consequence now"), coerce=int)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT
    )
    next_review_on = forms.DateField(
        label=_("Next review"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave it empty to use the interval of the risk's new level."),
    )

    def __init__(self, *args, matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].choices = score_choices(matrix, "likelihood", blank=False)
        self.fields["consequence"].choices = score_choices(matrix, "consequence", blank=False)


class AcceptanceForm(Form):
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput())


class CloseForm(Form):
    materialised = forms.TypedChoiceField(
        label=_("What happened"),
        choices=[
            ("", _("The risk is closed")),
            ("yes", _("The risk materialised (inntruffet)")),
        ],
        coerce=bool,
        empty_value=False,
        required=False,
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
    )


class EscalateForm(Form):
    note = forms.CharField(
        label=_("Why it goes to the register above"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=LONG_TEXT,
        required=False,
    )


class DelegateForm(Form):
    to = forms.ModelChoiceField(
        label=_("Register beneath"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a register directly beneath this one.")},
    )
    owner = forms.ModelChoiceField(
        label=_("New owner"),
        queryset=None,
        required=False,
        help_text=_("Leave it empty to keep the owner."),
    )
    note = forms.CharField(
        label=_("Why it goes to the register beneath"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=LONG_TEXT,
        required=False,
    )

    def __init__(self, *args, registers, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = registers
        self.fields["owner"].queryset = owners


class ActionForm(ModelForm):
    cost_estimate = KronerField(label=_("Cost estimate"), required=False, max_value=2_000_000_000)

    class Meta:
        model = Action
        fields = ["description", "owner", "due_on", "cost_estimate"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["description"].widget.attrs["rows"] = 3

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("A new action cannot be due in the past."))
        return due_on
