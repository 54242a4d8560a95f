"""The application form's steps (no login, phone first). Each step is its own form; the
draft is saved at every step. «Save and continue» asks for the step's required fields;
«Save and continue later» keeps what is there (the check for completeness comes when the
application is sent, services/applications.py `missing_items`).

Every form is one of core.forms' (`tidy_fields`): no blank radio choice, «Velg …» on
selects, and a required field that is left empty says which field. A label that is a
question («Hvem søker?») gets its own required message instead."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, tidy_fields
from nabolagspotten.forms.uploads import ACCEPT, check_upload
from nabolagspotten.models import LONG_TEXT, SHORT_TEXT, Application, Round
from nabolagspotten.services.applications import STEP_FIELDS
from nabolagspotten.validators import normalise_orgnr, validate_orgnr
from portfolio.models import Area

Kind = Application.ApplicantKind
LONG_HELP = _("At most 10,000 characters.")


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _limit_long(form, names, size=LONG_TEXT):
    for name in names:
        field = form.fields[name]
        field.max_length = size
        field.validators.append(MaxLengthValidator(size))
        help_text = _("At most 2,000 characters.") if size == SHORT_TEXT else LONG_HELP
        field.help_text = f"{field.help_text} {help_text}".strip() if field.help_text else help_text


class StepForm(ModelForm):
    """`require=False` («save and continue later») makes every field optional.
    `required_messages` are the messages of required fields whose label is a question."""

    required_fields: tuple[str, ...] = ()
    required_messages: dict = {}

    def __init__(self, *args, require=True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            if name in self.fields:
                self.fields[name].required = require
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        tidy_fields(self)  # again: the fields made required here get their messages too


class ApplicantForm(StepForm):
    """Step 1: who applies and how we reach them."""

    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none())
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=11,  # spaces allowed when typed
        help_text=_("Only for registered organisations: 9 digits, found in Brønnøysundregistrene."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    applicant_kind = forms.ChoiceField(
        label=_("Who is applying?"), choices=Kind.choices, widget=forms.RadioSelect
    )

    required_fields = ("applicant_kind", "applicant_name", "contact_name", "email")
    required_messages = {"applicant_kind": _("Choose who is applying.")}

    class Meta:
        model = Application
        fields = [
            "round",
            "applicant_kind",
            "organisation_number",
            "applicant_name",
            "contact_name",
            "email",
            "phone",
        ]
        labels = {
            "organisation_number": _("Organisation number"),
            "applicant_name": _("Name of the organisation or group"),
            "contact_name": _("Contact person"),
            "email": _("E-mail address"),
            "phone": _("Phone"),
        }
        help_texts = {
            "organisation_number": _(
                "Only for registered organisations: 9 digits, found in Brønnøysundregistrene."
            ),
            "applicant_name": _(
                "Published on the public list of grants, also for a group of residents. "
                "Do not use a private person's name."
            ),
            "contact_name": _("The person we contact. Never published."),
            "email": _("We send your personal link here. Never published."),
            "phone": _("Never published."),
        }
        widgets = {
            "organisation_number": forms.TextInput(
                attrs={"autocomplete": "off", "inputmode": "numeric", "maxlength": 11}
            ),
            "applicant_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
            "phone": forms.TextInput(
                attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}
            ),
        }

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or rounds is None:
            del self.fields["round"]  # the round is fixed once the draft exists
        else:
            rounds = list(rounds)
            self.fields["round"].queryset = Round.objects.filter(pk__in=[r.pk for r in rounds])
            if len(rounds) == 1:
                self.fields["round"].initial = rounds[0].pk
                self.fields["round"].widget = forms.HiddenInput()
                self.fields["round"].required = False  # the view falls back to the one round
        self.fields["applicant_kind"].required = True
        if self.instance.pk:
            self.fields["email"].help_text = _(
                "Never published. If you change it, we send a link to the new address: it "
                "takes effect when you confirm it from there, and we tell the old address."
            )
        if self.instance.pending_email and not self.is_bound:
            # A change asked for but not yet confirmed: show the address asked for, so
            # that saving the step again does not cancel it.
            self.initial["email"] = self.instance.pending_email

    def clean_organisation_number(self):
        return normalise_orgnr(self.cleaned_data.get("organisation_number", ""))

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        number = data.get("organisation_number", "")
        if kind == Kind.ORGANISATION and "organisation_number" not in self.errors:
            if not number:
                self.add_error(
                    "organisation_number",
                    _("Write the organisation number, or choose «group of residents»."),
                )
            else:
                try:
                    validate_orgnr(number)
                except forms.ValidationError as error:
                    self.add_error("organisation_number", error)
        if kind == Kind.GROUP:
            data["organisation_number"] = ""
            self.instance.organisation_number = ""
        return data


class ActivityForm(StepForm):
    """Step 2: the activity."""

    required_fields = ("area", "title", "description", "target_group", "starts_on", "ends_on")
    required_messages = {
        "description": _("Describe what you want to do."),
        "target_group": _("Describe who the activity is for."),
        "starts_on": _("Fill in the start date."),
        "ends_on": _("Fill in the end date."),
    }

    class Meta:
        model = Application
        fields = STEP_FIELDS[2]
        labels = {
            "area": _("Area"),
            "location": _("Where in the area"),
            "title": _("Title of the activity"),
            "description": _("What do you want to do?"),
            "target_group": _("Who is it for?"),
            "starts_on": _("Starts"),
            "ends_on": _("Ends"),
            "expected_participants": _("How many do you expect to take part?"),
        }
        help_texts = {
            "location": _("For example a street, a park or a building."),
            "title": _("A short name, e.g. «Summer party in the backyard»."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "starts_on": _date_input(),
            "ends_on": _date_input(),
            "expected_participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        round_areas = Area.objects.filter(
            pk__in=self.instance.round.areas.values("area_id")
        ).order_by("name")
        self.fields["area"].queryset = round_areas
        self.fields["area"].empty_label = _("Choose the area")
        _limit_long(self, ["description", "target_group"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class InvolvementForm(StepForm):
    """Step 3: the residents' part."""

    required_fields = ("resident_involvement",)
    required_messages = {"resident_involvement": _("Describe how residents take part.")}

    class Meta:
        model = Application
        fields = STEP_FIELDS[3]
        labels = {
            "resident_involvement": _("How do residents take part, and what do they contribute?"),
            "volunteer_hours": _("Volunteer hours (dugnadstimer)"),
            "partners": _("Partners"),
        }
        help_texts = {
            "volunteer_hours": _(
                "About how many hours residents and volunteers will put in, all together."
            ),
            "partners": _("Other groups, organisations or services you work with (optional)."),
        }
        widgets = {
            "resident_involvement": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "volunteer_hours": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_long(self, ["resident_involvement", "partners"])


class OwnContributionForm(StepForm):
    """Step 4 (with the budget lines): own contribution."""

    class Meta:
        model = Application
        fields = STEP_FIELDS[4]
        labels = {"own_contribution": _("Own contribution (kr)")}
        help_texts = {
            "own_contribution": _("Money you bring yourselves, e.g. from ticket sales. 0 if none.")
        }
        widgets = {"own_contribution": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})}


class BudgetLineForm(Form):
    description = forms.CharField(label=_("What is the money for?"), max_length=200, required=False)
    amount = forms.IntegerField(
        label=_("Amount (kr)"),
        required=False,
        min_value=1,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )

    def clean(self):
        data = super().clean()
        description, amount = data.get("description"), data.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Write the amount for this line."))
        if amount is not None and not description:
            self.add_error("description", _("Write what this amount is for."))
        return data


class BaseBudgetLineFormSet(forms.BaseFormSet):
    def refuse(self, messages) -> None:
        """Errors about the lines as a whole (e.g. the sum), shown above them."""
        self.full_clean()
        self._non_form_errors = self.error_class(list(messages))

    def lines(self) -> list[tuple[str, int]]:
        return [
            (form.cleaned_data["description"], form.cleaned_data["amount"])
            for form in self.forms
            if form.cleaned_data.get("description") and form.cleaned_data.get("amount")
        ]


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseBudgetLineFormSet, extra=0, max_num=50, absolute_max=60
)


class AttachmentForm(Form):
    """Step 5: one file at a time. Attachments are optional, so the field is not marked
    «Må fylles ut»; «Last opp» without a file says to choose one."""

    file = forms.FileField(
        label=_("Choose a file"),
        required=False,
        help_text=_("PDF, JPG or PNG, up to %(mb)s MB each, at most 10 files."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, max_mb=10, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": max_mb}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded:
            raise forms.ValidationError(_("Choose a file to upload."), code="required")
        self.content_type = check_upload(uploaded)
        return uploaded


class PrivacyForm(StepForm):
    """Step 6: the privacy notice and openness. The applicant confirms having read the
    notice; it is not a consent (the legal basis is the municipality's public task)."""

    required_fields = ("read_privacy_notice", "understands_public")
    required_messages = {
        "read_privacy_notice": _("Confirm that you have read the privacy notice."),
        "understands_public": _(
            "Confirm that you understand that applications are public documents."
        ),
    }

    class Meta:
        model = Application
        fields = STEP_FIELDS[6]
        labels = {
            "read_privacy_notice": _("I have read the privacy notice"),
            "understands_public": _(
                "I understand that applications are public documents (offentleglova): anyone "
                "may ask to read them."
            ),
            "exemption_request": _(
                "Is there anything that should be exempt from public access? What, and why?"
            ),
        }
        help_texts = {
            "exemption_request": _(
                "Optional. For example personal matters about someone. We decide this under "
                "offentleglova."
            )
        }
        widgets = {"exemption_request": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_long(self, ["exemption_request"], size=SHORT_TEXT)


class SubmitForm(Form):
    """On resubmission: an optional message to the handler."""

    message = forms.CharField(
        label=_("Message to the case handler (optional)"),
        required=False,
        max_length=LONG_TEXT,
        help_text=LONG_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MessageForm(Form):
    body = forms.CharField(
        label=_("Your answer"),
        error_messages={"required": _("Write your answer.")},
        max_length=LONG_TEXT,
        help_text=LONG_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
