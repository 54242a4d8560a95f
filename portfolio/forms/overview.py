"""The portfolio overview's filters, read from the address (GET) so a view can be shared.

Every field is optional. A value that does not exist (a deleted area, a typo in a shared
link) is reported on its field and that filter is left out; the page never fails on it.

The choices that come from the database (areas, goals, strategies, focus areas, levels,
units) are read once when the form is made, one query each, and validated in Python: the
form then costs the same number of queries whichever filters are chosen, and the summary of
the chosen filters (`active_filters`) needs none.
"""

from dataclasses import dataclass, field

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
from portfolio.services.overview import NO_REPORT, SEARCH_LENGTH

FIRST_YEAR, LAST_YEAR = 2024, 2031  # the state agreement's first year; the programme's last


def year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    years = range(min(FIRST_YEAR, this_year), max(LAST_YEAR, this_year) + 1)
    return [(year, str(year)) for year in years]


def _database_choices() -> dict:
    """The list filters whose choices are rows, each with the rows in the order shown."""
    return {
        "area": Area.objects.order_by("name"),
        "goal": Goal.objects.order_by("number"),
        "strategy": Strategy.objects.select_related("goal").order_by("goal__number", "number"),
        "focus_area": FocusArea.objects.order_by("number"),
        "level": Level.objects.order_by("code"),
        "unit": Unit.objects.order_by("name"),
    }


def _rows(label):
    """Rows by id (the choices are filled in by the form, see `_database_choices`)."""
    return forms.TypedMultipleChoiceField(
        label=label, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


def _choices(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


@dataclass
class ActiveFilter:
    """One chosen filter in words: its label and the chosen values' labels (none for a
    yes/no filter, whose label says it all)."""

    label: str
    values: list[str] = field(default_factory=list)


class OverviewFilterForm(Form):
    # The order of the fields is the order of the page and of the summary of chosen filters.
    q = forms.CharField(
        label=_("Search in titles and summaries"),
        required=False,
        max_length=SEARCH_LENGTH,
        widget=forms.SearchInput(attrs={"class": "ds-input", "autocomplete": "off"}),
        error_messages={
            "max_length": _(
                "The search can be at most %(limit_value)d characters long "
                "(it has %(show_value)d). Use fewer or shorter words."
            )
        },
    )
    stale = forms.BooleanField(label=_("Only projects that need a status report"), required=False)
    no_benefit_plan = forms.BooleanField(
        label=_("Only projects in the portfolio without an approved benefit-realisation plan"),
        required=False,
    )
    year = forms.TypedChoiceField(
        label=_("Budget year"),
        coerce=int,
        choices=year_choices,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "ds-input"}),
        help_text=_(
            "The year whose money is shown. With a funding source chosen, only projects with "
            "money from that source in this year are listed."
        ),
    )
    area = _rows(_("Area"))
    goal = _rows(_("Goal"))
    level = _rows(_("Level"))
    focus_area = _rows(_("Focus area"))
    status = _choices(_("Status"), Project.Status.choices)
    rag = _choices(
        _("Latest status"), [*StatusReport.Rag.choices, (NO_REPORT, _("No status report yet"))]
    )
    source = _choices(_("Funding source"), BudgetLine.Source.choices)
    strategy = _rows(_("Strategy"))
    unit = _rows(_("Owning unit"))

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("year"):
            data = data.copy()  # no year chosen: this year, shown as chosen in the form
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)
        for name, rows in _database_choices().items():
            self.fields[name].choices = [(row.pk, str(row)) for row in rows]

    def checkbox_groups(self) -> list[forms.BoundField]:
        """The fields shown as a group of checkboxes, in the order of the page."""
        return [
            self[name]
            for name, form_field in self.fields.items()
            if isinstance(form_field.widget, forms.CheckboxSelectMultiple)
        ]

    def filters(self) -> dict:
        """The valid filters; a field with an invalid value is left out (and has a message)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        data.setdefault("year", timezone.localdate().year)
        return data

    def active_filters(self) -> list[ActiveFilter]:
        """The valid filters that narrow the list or change its money, in words, in the order
        of the page. The budget year counts only when it is not this year (the default)."""
        filters = self.filters()
        active = []
        for name, form_field in self.fields.items():
            value = filters.get(name)
            if not value or (name == "year" and value == timezone.localdate().year):
                continue
            if name == "q":
                active.append(ActiveFilter(_("Search"), [f"«{value}»"]))
            elif name in ("stale", "no_benefit_plan"):
                active.append(ActiveFilter(form_field.label))
            else:
                chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
                labels = [label for key, label in form_field.choices if str(key) in chosen]
                active.append(ActiveFilter(form_field.label, labels))
        return active
