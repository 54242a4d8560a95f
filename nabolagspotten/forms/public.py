"""Forms on Nabolagspotten's public pages: the eligibility check, opening a personal link
(and confirming a new e-mail address) by pasting it, asking for a new personal link, and
the filters of the public list of grants. The honeypot field of the public forms is not a
form field: the views read it (see `honeypot_filled`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from nabolagspotten.models import Round
from nabolagspotten.services import eligibility as e
from portfolio.models import Area

HONEYPOT = "nettside"


def honeypot_filled(request) -> bool:
    """A robot fills every field; people never see this one."""
    return bool(request.POST.get(HONEYPOT, "").strip())


class EligibilityForm(Form):
    who = forms.ChoiceField(
        label=_("Who is applying?"),
        error_messages={"required": _("Choose who is applying.")},
        widget=forms.RadioSelect,
        choices=[
            (e.ORGANISATION, _("A registered organisation (with an organisation number)")),
            (e.GROUP, _("A group of residents (not registered)")),
            (e.PERSON, _("I am a private person applying alone")),
            (e.BUSINESS, _("A business")),
        ],
    )
    where = forms.ChoiceField(
        label=_("Where does the activity take place?"),
        error_messages={"required": _("Choose where the activity takes place.")},
        widget=forms.RadioSelect,
        choices=[(e.IN_AREA, _("In one of the areas")), (e.ELSEWHERE, _("Somewhere else"))],
    )
    purpose = forms.ChoiceField(
        label=_("What is the money for?"),
        error_messages={"required": _("Choose what the money is for.")},
        widget=forms.RadioSelect,
        choices=[
            (e.ACTIVITY, _("An activity open to the neighbourhood")),
            (e.RUNNING_COSTS, _("Ordinary running costs (rent, wages, regular operations)")),
            (e.PROFIT, _("Something that makes a commercial profit")),
        ],
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas:
            names = ", ".join(str(area) for area in areas)
            self.fields["where"].help_text = _("The areas: %(areas)s.") % {"areas": names}


class CodeForm(Form):
    """The personal link (or a confirmation link) pasted by hand: the whole address from the
    e-mail, or the code after «#». With JavaScript, the page fills it in and sends it."""

    code = forms.CharField(
        label=_("The link or the code from the e-mail"),
        help_text=_("Paste the whole link from the e-mail, or only the code after «#»."),
        max_length=2000,
        error_messages={"required": _("Paste the link or the code from the e-mail.")},
        widget=forms.Textarea(
            attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )


class RequestLinkForm(Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address you gave in the application."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    reference = forms.CharField(
        label=_("Case number (if you have it)"),
        required=False,
        max_length=20,
        help_text=_("For example NP-2026-00042."),
    )


class GrantsFilterForm(Form):
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=Round.objects.all(), required=False, empty_label=_("All rounds")
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label=_("All areas"),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        found = {}
        if self.cleaned_data.get("round"):
            found["round"] = self.cleaned_data["round"]
        if self.cleaned_data.get("area"):
            found["area"] = self.cleaned_data["area"]
        return found
