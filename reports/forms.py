from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form, tidy_fields

LONG_TEXT = 10_000  # characters, as in the portfolio


class AnnualOrderForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in reversed(years)]


class BoardOrderForm(Form):
    meeting_date = forms.DateField(label=_("Date of the board meeting"), widget=DateInput())
    since = forms.DateField(
        label=_("Since"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to start at the previous board meeting."),
    )


class SummaryForm(Form):
    """One text per section of the report, and an introduction."""

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["introduction"] = forms.CharField(
            label=_("Introduction"),
            required=False,
            max_length=LONG_TEXT,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        for section in sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                required=False,
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        tidy_fields(self)
