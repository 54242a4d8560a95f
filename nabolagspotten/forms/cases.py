"""Forms for case handling and decisions: the list's filters, habilitet, the assessment,
comments, asking for information, the decision, appeals, and the applicant's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm
from nabolagspotten.models import (
    LONG_TEXT,
    SHORT_TEXT,
    Appeal,
    Application,
    Assessment,
    Decision,
    Round,
)
from portfolio.models import Area

SEARCH_LENGTH = 200
LONG_HELP = _("At most 10 000 characters.")


def _long_text(label, *, required=True, help_text=LONG_HELP, rows=6, required_message=None):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message} if required_message else None,
    )


class CaseFilterForm(Form):
    """The case list's search and filters, read from the address (GET). A filter with a
    value that does not exist is reported on its field and left out."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_LENGTH,
        help_text=_("Case number, title, applicant, contact person or e-mail address."),
    )
    round = forms.ModelChoiceField(
        label=_("Round"), required=False, queryset=Round.objects.all(), empty_label=_("All")
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.order_by("name"),
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All but drafts"))] + Application.Status.choices,
    )
    report = forms.ChoiceField(
        label=_("Final report"),
        required=False,
        choices=[("", _("All")), ("overdue", _("Overdue"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-submitted", _("Newest first")),
            ("submitted", _("Oldest first")),
            ("waiting", _("Waiting longest first")),
            ("-amount", _("Largest amount first")),
            ("amount", _("Smallest amount first")),
        ],
    )

    def filters(self) -> dict:
        """The valid filters as keyword arguments for `services.cases.case_list`."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status") or ""
        return {
            "round_": data.get("round"),
            "area": data.get("area"),
            "status": status,
            "report": data.get("report") or "",
            "include_drafts": status == Application.Status.DRAFT,
            "text": (data.get("q") or "").strip(),
            "sort": data.get("sort") or "-submitted",
        }


class DeclarationForm(Form):
    impartial = forms.TypedChoiceField(
        label=_("Are you impartial in this case?"),
        choices=[
            ("ja", _("Yes, I am impartial (habil)")),
            ("nei", _("No, I am not impartial (inhabil)")),
        ],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether you are impartial in this case.")},
    )
    note = forms.CharField(
        label=_("If not: why"),
        required=False,
        max_length=SHORT_TEXT,
        help_text=_(
            "For example a family tie, or a role in the organisation. At most 2 000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssessmentForm(ModelForm):
    class Meta:
        model = Assessment
        fields = ["notes", "recommendation", "suggested_amount"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 8}),
            "recommendation": forms.RadioSelect,
            "suggested_amount": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }
        help_texts = {"notes": LONG_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].max_length = LONG_TEXT
        self.fields["recommendation"].choices = Assessment.Recommendation.choices
        self.fields["suggested_amount"].min_value = 0


class CommentForm(Form):
    body = _long_text(
        _("Internal comment"),
        rows=3,
        help_text=_("Only handlers see it. At most 10 000 characters."),
    )


class InfoRequestForm(Form):
    message = _long_text(
        _("What do you need from the applicant?"),
        required_message=_("Write what you need from the applicant."),
        help_text=_(
            "Sent by e-mail with a link to the application, which the applicant can then "
            "change and send again. Write plainly. At most 10 000 characters."
        ),
    )


class DecisionForm(Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    amount = forms.IntegerField(
        label=_("Amount granted (kr)"),
        required=False,
        min_value=0,
        help_text=_("Whole kroner. Leave empty or 0 when the application is refused."),
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )
    reasons = _long_text(
        _("Reasons"),
        help_text=_(
            "The rules and facts the decision rests on, in plain words (forvaltningsloven "
            "§§ 24-25). At most 10 000 characters."
        ),
    )
    conditions = _long_text(
        _("Conditions"),
        required=False,
        rows=4,
        help_text=_("What the grant is given on condition of. At most 10 000 characters."),
    )
    confirm_low_budget = forms.BooleanField(
        label=_("I know this leaves little money in the area, and I want to grant it"),
        required=False,
    )

    def __init__(self, *args, low_budget: bool = False, **kwargs):
        """`low_budget`: the grant proposed leaves the area low, so the handler must tick the
        confirmation (services/decisions.budget_warning); otherwise the form has no box."""
        super().__init__(*args, **kwargs)
        if not low_budget:
            del self.fields["confirm_low_budget"]

    @classmethod
    def proposal(cls, data) -> tuple[str, int | None]:
        """The outcome and amount in posted (or, for the live check, queried) `data`, read
        before the form is validated, to decide whether the confirmation applies."""
        outcome = data.get("outcome") or ""
        try:
            amount = cls.base_fields["amount"].clean(data.get("amount"))
        except forms.ValidationError:
            amount = None
        return outcome, amount

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.REFUSED:
            data["amount"] = 0
        elif data.get("outcome") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount granted."))
        return data


class AppealForm(Form):
    grounds = _long_text(
        _("Why do you appeal?"),
        required_message=_("Write why you appeal."),
        help_text=_(
            "Say what you think is wrong in the decision and what you want changed. "
            "At most 10 000 characters."
        ),
    )


class AppealRegisterForm(Form):
    grounds = _long_text(
        _("The appeal's grounds"),
        help_text=_("Copy or sum up the letter. At most 10 000 characters."),
        rows=4,
    )


class AppealHandleForm(Form):
    ACTIONS = {
        Appeal.Status.RECEIVED: [
            ("uphold", _("Uphold the appeal: reconsider and make a new decision")),
            ("forward", _("Keep the decision and send the appeal to the appeal body")),
        ],
        Appeal.Status.FORWARDED: [("decided", _("Record the appeal body's result"))],
    }

    action = forms.ChoiceField(
        label=_("What do you do?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you do with the appeal.")},
    )
    text = _long_text(
        _("Note or result"),
        required=False,
        help_text=_(
            "When you send the appeal on: why the decision stands. When the appeal body has "
            "decided: its result. At most 10 000 characters."
        ),
    )

    def __init__(self, *args, appeal: Appeal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = self.ACTIONS.get(appeal.status, [])


class RespondForm(Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], label=_("Your answer")
    )
