"""Forms for lessons learned: log or correct one, change its status, filter and search the
list, and choose the date «lærdommer så langt» counts from."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.forms import Form, ModelForm
from portfolio.models import Area, Goal, Lesson, Level, Project
from portfolio.models.projects import LONG_TEXT

MAX_TAGS = 20
TAG_LENGTH = 50  # as the model's ArrayField of tags allows
SEARCH_LENGTH = 200


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LessonForm(ModelForm):
    """Tags are typed as one text, separated by commas."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=MAX_TAGS * (TAG_LENGTH + 2),
        help_text=_("Separate tags with commas, e.g. «møteplasser, frivillighet»."),
    )

    class Meta:
        model = Lesson
        fields = [
            "title",
            "what_happened",
            "learned",
            "recommendation",
            "arena",
            "date",
            "project",
            "area",
            "unit",
            "goal",
            "level",
            "tags",
        ]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 5}),
            "learned": forms.Textarea(attrs={"rows": 5}),
            "recommendation": forms.Textarea(attrs={"rows": 4}),
            "date": _date_input(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("what_happened", "learned", "recommendation"):
            self.fields[name].max_length = LONG_TEXT
        self.fields["project"].queryset = Project.objects.order_by("title")
        self.fields["area"].queryset = Area.objects.order_by("name")
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        self.fields["goal"].queryset = Goal.objects.order_by("number")
        self.fields["level"].queryset = Level.objects.order_by("code")
        if self.instance.pk is None:
            self.fields["date"].initial = timezone.localdate
        else:
            self.initial["tags"] = ", ".join(self.instance.tags)

    def clean_tags(self) -> list[str]:
        tags = []
        for tag in (self.cleaned_data.get("tags") or "").split(","):
            tag = tag.strip()
            if not tag or tag.casefold() in {t.casefold() for t in tags}:
                continue
            if len(tag) > TAG_LENGTH:
                raise forms.ValidationError(
                    _("A tag can be at most %(length)s characters long: «%(tag)s»."),
                    params={"length": TAG_LENGTH, "tag": tag[:TAG_LENGTH] + "…"},
                )
            tags.append(tag)
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Give at most %(count)s tags."), params={"count": MAX_TAGS}
            )
        return tags


class LessonStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Lesson.Status.choices)


def _filter_choices() -> dict:
    """The list filters whose choices are rows, each with the rows in the order shown."""
    return {
        "area": Area.objects.order_by("name"),
        "unit": Unit.objects.order_by("name"),
        "goal": Goal.objects.order_by("number"),
        "level": Level.objects.order_by("code"),
    }


def _rows(label):
    """A filter on rows by id; its choices are filled in by the form (`_filter_choices`)."""
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)


class LessonFilterForm(Form):
    """The list's search and filters, read from the address (GET) so a search can be shared.
    A filter with a value that does not exist is reported on its field and left out.

    The rows to filter by (areas, units, goals, levels) are read once when the form is
    made, one query each, and validated in Python: the form costs the same queries whichever
    filters are chosen, and rendering its selects reads nothing more."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_LENGTH)
    arena = forms.ChoiceField(
        label=_("Arena"), required=False, choices=[("", _("All"))] + Lesson.Arena.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Lesson.Status.choices
    )
    area = _rows(_("Area"))
    unit = _rows(_("Unit"))
    goal = _rows(_("Goal"))
    level = _rows(_("Level"))
    tag = forms.CharField(label=_("Tag"), required=False, max_length=TAG_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, rows in _filter_choices().items():
            self.fields[name].choices = [("", _("All"))] + [(row.pk, str(row)) for row in rows]

    def filters(self) -> dict:
        """The valid filters as queryset lookups; invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data
        lookups = {}
        for name in ("arena", "status"):
            if data.get(name):
                lookups[name] = data[name]
        for name in ("area", "unit", "goal", "level"):
            if data.get(name) is not None:
                lookups[f"{name}_id"] = data[name]
        if data.get("tag", "").strip():
            lookups["tags__contains"] = [data["tag"].strip()]
        return lookups

    def search_text(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q", "").strip()


class SinceForm(Form):
    siden = forms.DateField(
        label=_("Lessons since"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty to use the date of the board's last decision."),
    )
