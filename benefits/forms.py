"""Forms for the benefits register: filter the register, create or edit a benefit, add an
indicator with its baselines and target, record a measurement, confirm a transition."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from benefits.models import Benefit, BenefitPlan, Indicator, Measurement
from benefits.models.benefits import LONG_TEXT
from core.forms import Form, ModelForm
from core.uploads import ACCEPT, check_upload, clean_name
from portfolio.models import Area, Goal, Level, Project


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterFilterForm(Form):
    area = forms.ModelChoiceField(
        Area.objects.all(), label=_("Area"), required=False, empty_label=_("All")
    )
    goal = forms.ModelChoiceField(
        Goal.objects.all(), label=_("Goal"), required=False, empty_label=_("All")
    )
    unit = forms.ModelChoiceField(
        Unit.objects.all(),
        label=_("Owning unit"),
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Benefit.Status.choices
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        lookups = {}
        if data.get("area"):
            lookups["areas"] = data["area"]
        if data.get("goal"):
            lookups["goal"] = data["goal"]
        if data.get("unit"):
            lookups["owner_unit"] = data["unit"]
        if data.get("status"):
            lookups["status"] = data["status"]
        return lookups


class BenefitForm(ModelForm):
    direct_projects = forms.ModelMultipleChoiceField(
        Project.objects.all(),
        label=_("Projects contributing directly"),
        required=False,
    )

    class Meta:
        model = Benefit
        fields = [
            "title",
            "description",
            "observable_outcome",
            "kind",
            "measurability",
            "dfo_class",
            "goal",
            "strategies",
            "areas",
            "focus_areas",
            "levels",
            "owner_unit",
            "accountable",
            "assumptions",
            "planned_realisation",
            "unplanned",
        ]
        widgets = {
            "planned_realisation": _date_input(),
            "strategies": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
        }


class IndicatorForm(Form):
    """An indicator with its two baselines (2022 and 2025) and a target."""

    name = forms.CharField(label=_("Name"), max_length=200)
    definition = forms.CharField(
        label=_("Definition"), widget=forms.Textarea, required=False, max_length=LONG_TEXT
    )
    unit = forms.ChoiceField(label=_("Unit of measure"), choices=Indicator.Unit.choices)
    direction = forms.ChoiceField(label=_("Desired direction"), choices=Indicator.Direction.choices)
    source = forms.CharField(label=_("Data source and method"), max_length=300, required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Indicator.Frequency.choices)
    area = forms.ModelChoiceField(
        Area.objects.order_by("name"),
        label=_("Area"),
        required=False,
        empty_label=_("The whole benefit (no one area)"),
        help_text=_(
            "For perceived change: a survey result per area and year, e.g. the share of "
            "residents of one area who feel safe in their neighbourhood."
        ),
    )
    baseline_2022 = forms.DecimalField(
        label=_("Baseline from the 2022 place analysis"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    baseline_2022_date = forms.DateField(
        label=_("Date of the 2022 baseline"), widget=_date_input(), required=False
    )
    baseline_2025 = forms.DecimalField(
        label=_("Baseline from the 2025 place analysis"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    baseline_2025_date = forms.DateField(
        label=_("Date of the 2025 baseline"), widget=_date_input(), required=False
    )
    target = forms.DecimalField(
        label=_("Target value"), max_digits=14, decimal_places=2, required=False
    )
    target_date = forms.DateField(label=_("Target date"), widget=_date_input(), required=False)


class MeasurementForm(ModelForm):
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        help_text=format_lazy(
            _("A PDF, JPG or PNG file, e.g. the survey's summary. At most {mb} MB."),
            mb=settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB,
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Measurement
        fields = ["period_end", "value", "text", "comment"]
        widgets = {"period_end": _date_input()}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        if indicator.is_qualitative:
            del self.fields["value"]
        else:
            del self.fields["text"]

    def clean_evidence(self):
        """The same checks as Nabolagspotten's attachments (core.uploads): PDF, JPG or PNG
        by content and name, the size limit, no active content in a PDF."""
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            check_upload(evidence)
            evidence.name = clean_name(evidence.name)
        return evidence

    def _post_clean(self):
        pass  # the service validates (and puts its objections on the fields)


class TransitionForm(Form):
    note = forms.CharField(
        label=_("Note or reason"), widget=forms.Textarea, required=False, max_length=LONG_TEXT
    )


class PriorityForm(Form):
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )


class PlanCreateForm(Form):
    """A new benefit-realisation plan, for a project or for a goal."""

    project = forms.ModelChoiceField(
        Project.objects.filter(benefit_plan__isnull=True).order_by("title"),
        label=_("Project"),
        required=False,
    )
    goal = forms.ModelChoiceField(
        Goal.objects.filter(benefit_plan__isnull=True),
        label=_("Goal"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("project")) == bool(data.get("goal")):
            raise forms.ValidationError(_("Choose either a project or a goal."))
        return data


class PlanEditForm(ModelForm):
    class Meta:
        model = BenefitPlan
        fields = ["milestones", "responsibilities", "into_operations"]
        widgets = {
            "milestones": forms.Textarea(attrs={"rows": 5}),
            "responsibilities": forms.Textarea(attrs={"rows": 4}),
            "into_operations": forms.Textarea(attrs={"rows": 5}),
        }


class HandoverForm(Form):
    """Handing a realised benefit over to ordinary operations."""

    receiving_unit = forms.ModelChoiceField(Unit.objects.all(), label=_("Receiving unit"))
    hop_reference = forms.CharField(
        label=_("HØP reference"),
        max_length=100,
        help_text=_("The budget line in Handlings- og økonomiplanen, e.g. «HØP 2027, 4.2.1»."),
    )
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=_date_input())
    follow_up = forms.CharField(
        label=_("Follow-up measurements after the project"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
        help_text=_("Which indicators go on being measured, by whom, after the project closes."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
    )

    def clean_handed_over_on(self):
        day = self.cleaned_data["handed_over_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The handover date cannot be in the future."))
        return day


class ImportForm(Form):
    file = forms.FileField(
        label=_("File with measurements (CSV or XLSX)"),
        help_text=_(
            "Use the template: one row per measurement. Nothing is saved until you confirm."
        ),
    )


class MapFilterForm(Form):
    area = forms.ModelChoiceField(Area.objects.all(), label=_("Area"), required=False)
    goal = forms.ModelChoiceField(Goal.objects.all(), label=_("Goal"), required=False)
    level = forms.ModelChoiceField(Level.objects.all(), label=_("Level"), required=False)
    project = forms.ModelChoiceField(
        Project.objects.filter(benefit_contributions__isnull=False).distinct().order_by("title"),
        label=_("Project"),
        required=False,
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        lookups = {}
        for name, lookup in (
            ("area", "areas"),
            ("goal", "goal"),
            ("level", "levels"),
            ("project", "contributions__project"),
        ):
            if data.get(name):
                lookups[lookup] = data[name]
        return lookups
