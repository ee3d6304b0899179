"""Writes for accounts: creating users, teams and partner organisations, enrolling TOTP."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import PartnerOrganisation, Role, Team, User
from zicht.privacy.audit import AuditAction, audit


class AccountError(ValueError):
    """A request to create or change an account that cannot be honoured, with the reason."""


def team_get_or_create(*, name: str) -> Team:
    team, _created = Team.objects.get_or_create(slug=slugify(name), defaults={"name": name.strip()})
    return team


def partner_organisation_get_or_create(*, name: str) -> PartnerOrganisation:
    organisation, _created = PartnerOrganisation.objects.get_or_create(
        slug=slugify(name), defaults={"name": name.strip()}
    )
    return organisation


def user_create(
    *,
    username: str,
    role: str,
    password: str | None = None,
    team_names: tuple[str, ...] = (),
    partner_name: str | None = None,
    actor: User | None = None,
    validate: bool = True,
) -> User:
    """Create a user with one role. Without a password the user can only use API tokens.

    Everything is checked before anything is written, so a refused request leaves nothing.
    """
    username = username.strip()
    if role not in Role.values:
        raise AccountError(f"Unknown role {role!r}; choose one of: {', '.join(Role.values)}.")
    if not username:
        raise AccountError("A username is required.")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"User {username!r} already exists.")
    if role == Role.PARTNER and not partner_name:
        raise AccountError("A partner user needs --partner ORGANISATION.")
    if role != Role.PARTNER and partner_name:
        raise AccountError("Only users with role 'partner' belong to a partner organisation.")
    if role == Role.PARTNER and team_names:
        raise AccountError("A partner user is not a member of a youth-work team.")
    user = User(username=username, role=role, is_staff=role == Role.BEHEERDER)
    if password and validate:
        validate_password(password, user)
    with transaction.atomic():
        if partner_name:
            user.partner_organisation = partner_organisation_get_or_create(name=partner_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user.teams.set([team_get_or_create(name=name) for name in team_names])
        audit(actor=actor, action=AuditAction.CREATE, obj=user, reason="account created")
    return user


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, made once and reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(
            actor=device.user,
            action=AuditAction.CHANGE,
            obj=device.user,
            reason="second factor enrolled",
        )
    return device
