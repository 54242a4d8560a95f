"""Forms for rounds: set up or change a round with a budget per area on one form, and the
statistics page's year filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form, KronerField, tidy_fields
from nabolagspotten.models import LONG_TEXT, Round, RoundArea
from nabolagspotten.services.rounds import ROUND_FIELDS, budget_field
from portfolio.models import Area

MAX_KRONER = 2_000_000_000  # the largest amount the database's integer columns hold


class RoundForm(Form):
    """The round's settings, then one budget field per area (the active areas, and any
    inactive area the round already has a budget for)."""

    def __init__(self, *args, round_: Round | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields.update(
            forms.fields_for_model(
                Round,
                fields=ROUND_FIELDS,
                widgets={
                    "opens_on": DateInput,
                    "closes_on": DateInput,
                },
            )
        )
        self.fields["max_grant"] = KronerField(
            label=Round._meta.get_field("max_grant").verbose_name.capitalize(),
            min_value=1,
            max_value=MAX_KRONER,
        )
        self.fields["criteria"] = forms.CharField(
            label=_("Criteria"),
            max_length=LONG_TEXT,
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_("What the applications are assessed against. At most 10 000 characters."),
        )
        for name in ("accept_within_days", "report_within_days"):
            model_field = Round._meta.get_field(name)
            self.fields[name] = forms.IntegerField(
                label=model_field.verbose_name.capitalize(),
                min_value=1,
                max_value=365,
                initial=model_field.default,
            )
        existing = {}
        if round_ is not None:
            existing = {row.area_id: row for row in RoundArea.objects.filter(round=round_)}
            for name in ROUND_FIELDS:
                self.initial.setdefault(name, getattr(round_, name))
        areas = Area.objects.filter(is_active=True) | Area.objects.filter(pk__in=list(existing))
        self.areas = list(areas.distinct().order_by("name"))
        for area in self.areas:
            row = existing.get(area.pk)
            self.fields[budget_field(area.pk)] = KronerField(
                label=_("Budget for %(area)s (kr)") % {"area": area.name},
                required=row is None and area.is_active,
                initial=row.budget if row else None,
                max_value=MAX_KRONER,
                help_text=_("Write 0 if the area has no money in this round.")
                if row is None
                else "",
            )
        tidy_fields(self)  # again, for the fields added above

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The round cannot close before it opens."))
        year = cleaned.get("year")
        if opens_on and year and opens_on.year != year:
            self.add_error(
                "year",
                _("The year must be the year the round opens (%(year)s).")
                % {"year": opens_on.year},
            )
        return cleaned

    def budget_fields(self):
        return [self[budget_field(area.pk)] for area in self.areas]

    def round_fields(self):
        return [self[name] for name in ROUND_FIELDS]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ROUND_FIELDS}
        data["budgets"] = {
            area.pk: self.cleaned_data.get(budget_field(area.pk)) for area in self.areas
        }
        return data


class YearForm(Form):
    """The statistics page's filter: one year, or every year."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Round.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]

    def chosen_year(self):
        return self.cleaned_data.get("year") if self.is_valid() else None
