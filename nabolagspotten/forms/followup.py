"""Forms for the money after the decision: register a payment, filter the payments, the
applicant's final report (with photos), and settle a repayment."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form, KronerField
from nabolagspotten.forms.rounds import MAX_KRONER
from nabolagspotten.forms.uploads import JPEG, PNG, check_upload
from nabolagspotten.models import LONG_TEXT, SHORT_TEXT, Payment, Repayment, Round
from nabolagspotten.services.followup import MAX_PHOTOS
from portfolio.models import Area


class PaymentForm(Form):
    amount = KronerField(label=_("Amount (kr)"), min_value=1, max_value=MAX_KRONER)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=Payment._meta.get_field("reference").max_length,
        help_text=_("The payment's reference in the finance system, e.g. the voucher number."),
    )

    def __init__(self, *args, left: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate
        if left is not None:
            self.fields["amount"].initial = left


class PaymentFilterForm(Form):
    """The payment list's filters, read from the address; a bad value is reported on its
    field and left out."""

    round = forms.ModelChoiceField(
        label=_("Round"), required=False, queryset=Round.objects.all(), empty_label=_("All")
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.order_by("name"),
        empty_label=_("All"),
    )
    paid_from = forms.DateField(label=_("Paid from"), required=False, widget=DateInput)
    paid_to = forms.DateField(label=_("Paid to"), required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("paid_from"), cleaned.get("paid_to")
        if start and end and end < start:
            self.add_error("paid_to", _("The end date cannot be before the start date."))
            cleaned.pop("paid_to", None)
        return cleaned

    def filters(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        lookups = {}
        if data.get("round"):
            lookups["application__round"] = data["round"]
        if data.get("area"):
            lookups["application__area"] = data["area"]
        if data.get("paid_from"):
            lookups["paid_on__gte"] = data["paid_from"]
        if data.get("paid_to"):
            lookups["paid_on__lte"] = data["paid_to"]
        return lookups


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several JPEG or PNG photos, each checked by content, name and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [super(PhotosField, self).clean(item, initial) for item in files if item]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("Send at most %(count)s photos."), params={"count": MAX_PHOTOS}
            )
        errors = []
        for item in files:
            try:
                content_type = check_upload(item)
            except forms.ValidationError as error:
                errors.extend(f"{item.name}: {message}" for message in error.messages)
                continue
            if content_type not in (JPEG, PNG):
                errors.append(f"{item.name}: {_('Photos must be JPG or PNG files.')}")
        if errors:
            raise forms.ValidationError(errors)
        return files


class FinalReportForm(Form):
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write briefly what happened.")},
        help_text=_(
            "Tell us briefly how it went: what you did, who came, and what you would do "
            "differently. At most 10 000 characters."
        ),
    )
    participants = forms.IntegerField(
        label=_("How many took part?"),
        min_value=0,
        max_value=1_000_000,
        error_messages={"required": _("Write how many took part.")},
    )
    volunteer_hours = forms.IntegerField(
        label=_("Volunteer hours"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("About how many hours residents and volunteers put in, all together."),
    )
    money_used = KronerField(
        label=_("Money used from the grant (kr)"),
        max_value=MAX_KRONER,
        help_text=_("If you used less than you received, you pay the rest back."),
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_("Up to 5 photos, JPG or PNG. Only send photos the people in them agree to."),
    )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["photos"] = data.get("photos") or []
        return data


class RepaymentSettleForm(Form):
    outcome = forms.ChoiceField(
        label=_("What happened to the repayment?"),
        choices=[
            (Repayment.Status.PAID, _("Paid back")),
            (Repayment.Status.WAIVED, _("Waived")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it was paid back or waived.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the repayment is waived: say why."),
    )


class CloseForm(Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
