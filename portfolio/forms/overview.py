"""The portfolio overview's filters, read from the address (GET) so a view can be shared.

Every field is optional. A value that does not exist (a deleted area, a typo in a shared
link) is reported on its field and that filter is left out; the page never fails on it.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.forms import Form
from portfolio.models import (
    Area,
    BudgetLine,
    FocusArea,
    Goal,
    Level,
    Project,
    StatusReport,
    Strategy,
)
from portfolio.services.overview import NO_REPORT

FIRST_YEAR, LAST_YEAR = 2024, 2031  # the state agreement's first year; the programme's last


def year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    years = range(min(FIRST_YEAR, this_year), max(LAST_YEAR, this_year) + 1)
    return [(year, str(year)) for year in years]


def _many(label, queryset):
    return forms.ModelMultipleChoiceField(
        label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
    )


def _choices(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class OverviewFilterForm(Form):
    area = _many(_("Area"), Area.objects.order_by("name"))
    goal = _many(_("Goal"), Goal.objects.order_by("number"))
    strategy = _many(
        _("Strategy"),
        Strategy.objects.select_related("goal").order_by("goal__number", "number"),
    )
    focus_area = _many(_("Focus area"), FocusArea.objects.order_by("number"))
    level = _many(_("Level"), Level.objects.order_by("code"))
    status = _choices(_("Status"), Project.Status.choices)
    unit = _many(_("Owning unit"), Unit.objects.order_by("name"))
    source = _choices(_("Funding source"), BudgetLine.Source.choices)
    rag = _choices(
        _("Latest status"), [*StatusReport.Rag.choices, (NO_REPORT, _("No status report yet"))]
    )
    year = forms.TypedChoiceField(
        label=_("Budget year"),
        coerce=int,
        choices=year_choices,
        required=False,
        empty_value=None,
        help_text=_(
            "The year whose money is shown. With a funding source chosen, only projects with "
            "money from that source in this year are listed."
        ),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("year"):
            data = data.copy()  # no year chosen: this year, shown as chosen in the form
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def filters(self) -> dict:
        """The valid filters; a field with an invalid value is left out (and has a message)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        data.setdefault("year", timezone.localdate().year)
        return data
