"""Forms for the annual action plan and the board's work on it. They validate input; the
services in portfolio/services/plans.py do the work."""

from django import forms
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.formatting import kroner
from core.forms import Form
from portfolio.models import PlanSubmission, Project
from portfolio.models.projects import LONG_TEXT


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanCreateForm(Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2024,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    introduction = forms.CharField(
        label=_("Introduction"), max_length=LONG_TEXT, widget=_textarea(4)
    )


class ProjectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(title)s (planned this year: %(amount)s)") % {
            "title": obj.title,
            "amount": kroner(obj.planned_for_year),
        }


def plan_project_choices(plan):
    """The projects the plan may include: those in the portfolio, and those already in the
    plan (so one that left the portfolio shows, and can be taken out), with the money
    planned for the plan's year."""
    return (
        Project.objects.filter(
            Q(status=Project.Status.IN_PORTFOLIO) | Q(pk__in=plan.projects.values("pk"))
        )
        .annotate(
            planned_for_year=Coalesce(
                Sum("budget_lines__planned", filter=Q(budget_lines__year=plan.year)), 0
            )
        )
        .order_by("title", "pk")
    )


class PlanEditForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    introduction = forms.CharField(
        label=_("Introduction"), max_length=LONG_TEXT, widget=_textarea(8)
    )
    projects = ProjectChoiceField(
        label=_("Projects in the plan"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only projects in the portfolio can be in the plan."),
    )

    def __init__(self, *args, plan, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        self.fields["projects"].queryset = plan_project_choices(plan)
        for goal in self.goals:
            self.fields[f"priority_{goal.pk}"] = forms.CharField(
                label=_("Priorities for %(goal)s") % {"goal": goal},
                max_length=LONG_TEXT,
                required=False,
                widget=_textarea(4),
            )
        # the priorities after the introduction, the projects last
        order = ["version", "introduction", *[f"priority_{g.pk}" for g in self.goals], "projects"]
        self.order_fields(order)

    @property
    def priorities(self) -> dict[int, str]:
        return {goal.pk: self.cleaned_data.get(f"priority_{goal.pk}", "") for goal in self.goals}


class CommentForm(Form):
    text = forms.CharField(label=_("Comment"), max_length=LONG_TEXT, widget=_textarea(4))


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("The board's decision"),
        choices=PlanSubmission.Decision.choices,
        widget=forms.RadioSelect,
    )
    meeting_date = forms.DateField(
        label=_("Meeting date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    decision_text = forms.CharField(
        label=_("Decision text"), max_length=LONG_TEXT, widget=_textarea(5)
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=LONG_TEXT,
        required=False,
        widget=_textarea(4),
        help_text=_("Required when the board approves with conditions."),
    )


class DiffForm(Form):
    """Which two versions to compare (GET ?fra=1&til=2)."""

    fra = forms.TypedChoiceField(label=_("From version"), coerce=int)
    til = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["fra"].choices = choices
        self.fields["til"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fra") is not None and cleaned.get("fra") == cleaned.get("til"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned
