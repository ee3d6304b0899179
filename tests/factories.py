"""Object graphs for tests (factory_boy)."""

from typing import Any

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import PartnerOrganisation, Role, Team, User

PASSWORD = "correct-horse-battery-staple-42"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.JONGERENWERKER
    password = factory.django.Password(PASSWORD)
    partner_organisation = factory.Maybe(
        factory.LazyAttribute(lambda user: user.role == Role.PARTNER),
        yes_declaration=factory.SubFactory(PartnerOrganisationFactory),
        no_declaration=None,
    )

    @factory.post_generation
    def teams(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.teams.set(extracted)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "authenticator"
    confirmed = True
