from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import DateInput, Form, KronerField, ModelForm
from portfolio.models import (
    BudgetLine,
    CriterionAssessment,
    ExternalPartner,
    Project,
    StatusReport,
    Strategy,
)


def _people_with(role: Role):
    return (
        get_user_model()
        .objects.filter(groups__name=role.value, is_active=True)
        .order_by("full_name")
    )


class ProjectForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "title",
            "kind",
            "summary",
            "lasting_change",
            "areas",
            "goals",
            "strategies",
            "focus_areas",
            "levels",
            "owner_unit",
            "change_leader",
            "project_leader",
            "participating_units",
            "local_resources",
            "start_date",
            "end_date",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "lasting_change": forms.Textarea(attrs={"rows": 3}),
            "local_resources": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
            "participating_units": forms.CheckboxSelectMultiple,
            "start_date": DateInput,
            "end_date": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategies"].queryset = Strategy.objects.select_related("goal")
        self.fields["change_leader"].queryset = _people_with(Role.CHANGE_LEADER)
        self.fields["project_leader"].queryset = _people_with(Role.PROJECT_LEADER)
        self.fields["participating_units"].queryset = self.fields[
            "participating_units"
        ].queryset.filter(is_active=True)
        self.fields["owner_unit"].queryset = self.fields["owner_unit"].queryset.filter(
            is_active=True
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        strategies, goals = cleaned.get("strategies"), cleaned.get("goals")
        if strategies and goals is not None:
            stray = [s for s in strategies if s.goal not in goals]
            if stray:
                self.add_error(
                    "strategies",
                    _("These strategies belong to goals the project is not linked to: %(list)s")
                    % {"list": ", ".join(str(s) for s in stray)},
                )
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class AssessmentForm(ModelForm):
    class Meta:
        model = CriterionAssessment
        fields = ["result", "justification", "assessed_on"]
        widgets = {
            "result": forms.RadioSelect,
            "justification": forms.Textarea(attrs={"rows": 3}),
            "assessed_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["assessed_on"].initial = timezone.localdate()


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "Required when rejecting, stopping or closing a project. "
            "It is kept on the project's timeline."
        ),
    )


class BudgetLineForm(ModelForm):
    planned = KronerField(label=_("Planned (kr)"))
    spent = KronerField(label=_("Spent (kr)"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["year", "source", "funder", "category", "planned", "spent", "note"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2020 <= year <= 2040:
            raise ValidationError(_("Choose a year between 2020 and 2040."))
        return year

    def clean_spent(self):
        return self.cleaned_data.get("spent") or 0


class StatusReportForm(ModelForm):
    class Meta:
        model = StatusReport
        fields = ["date", "rag", "summary", "next_steps"]
        widgets = {
            "date": DateInput,
            "rag": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class PartnerForm(ModelForm):
    class Meta:
        model = ExternalPartner
        fields = ["name", "kind"]
