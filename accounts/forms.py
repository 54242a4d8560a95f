from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import tidy_fields
from core.mail import queue_email


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, asking for the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Check both and try again. "
            "After several failed attempts, logging in is blocked for a while."
        ),
        "inactive": _("This account is deactivated. Contact the programme leader."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_fields(self)


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_fields(self)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # All e-mail goes through the queue, after the transaction commits.
        queue_email(
            to=[to_email],
            subject_template=subject_template_name,
            body_template=email_template_name,
            context={
                "protocol": context["protocol"],
                "domain": context["domain"],
                "uid": context["uid"],
                "token": context["token"],
                "full_name": context["user"].full_name,
            },
        )


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "unit"]


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
