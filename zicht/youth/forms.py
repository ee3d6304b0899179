from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Neighbourhood
from zicht.youth.models import AgeBand, ConsentState, LifeDomain, Platform

HELP_CHOICES = list(LifeDomain.choices)[:8]


class YouthForm(forms.Form):
    nickname = forms.CharField(label=_("Bijnaam"), max_length=60)
    age_band = forms.ChoiceField(
        label=_("Leeftijd"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.all(), required=False
    )
    life_domains = forms.MultipleChoiceField(
        label=_("Leefgebieden"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    help_questions = forms.MultipleChoiceField(
        label=_("Hulpvragen"),
        choices=HELP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    talents = forms.CharField(label=_("Talenten"), max_length=300, required=False)
    consent = forms.ChoiceField(label=_("Toestemming"), choices=ConsentState.choices)
    offline_note = forms.CharField(
        label=_("Offline notitie"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en feitelijk: wat je op straat weet en helpt. Geen diagnoses."),
    )


class HandleForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    value = forms.CharField(label=_("Account of nummer"), max_length=150)


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Profiel dat hierin opgaat"), widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
