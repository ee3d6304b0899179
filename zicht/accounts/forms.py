from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters. Na vijf mislukte "
            "pogingen wordt inloggen een kwartier geblokkeerd."
        ),
        "inactive": _("Dit account is uitgeschakeld. Neem contact op met je beheerder."),
    }


class TokenForm(forms.Form):
    """A six-digit TOTP code, checked against one device (single-use, throttled)."""

    token = forms.CharField(
        label=_("Code uit je authenticator-app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat uit zes cijfers."))
        allowed, _data = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Te veel foute codes achter elkaar. Wacht even en probeer het opnieuw.")
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Deze code klopt niet of is al gebruikt. Wacht op de volgende code.")
            )
        return token
