"""Staff sign-in: password, then a TOTP code; enrolment of the authenticator on first sign-in; lockout."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


def user_is_locked(user: User | None) -> bool:
    return bool(user and user.locked_until and user.locked_until > timezone.now())


def login_failure_record(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.refresh_from_db(fields=["failed_logins"])
    if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
        User.objects.filter(pk=user.pk).update(
            locked_until=timezone.now() + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS), failed_logins=0
        )


def login_success_record(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


def password_check(*, request: HttpRequest, username: str, password: str) -> User | None:
    """The user if the password is right and the account is not locked; counts failures."""
    user = User.objects.filter(username=username).first()
    if user_is_locked(user):
        return None
    authenticated = authenticate(request, username=username, password=password)
    if authenticated is None:
        if user is not None:
            login_failure_record(user=user)
        return None
    return authenticated


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user), created on first need."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def totp_verify(*, request: HttpRequest, user: User, device: TOTPDevice, token: str) -> bool:
    """Check the code; on success confirm the device (enrolment), mark the session as verified and give it a new
    key."""
    if user_is_locked(user) or not device.verify_token(token.strip().replace(" ", "")):
        login_failure_record(user=user)
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    login_success_record(user=user)
    otp_login(request, device)
    request.session.cycle_key()  # a step up in privilege: the key the session had before is worth nothing now
    return True
