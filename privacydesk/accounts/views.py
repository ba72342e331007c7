"""Staff sign-in in two steps (password, then TOTP), with enrolment of the authenticator on first sign-in."""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.contrib.auth import login, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import PasswordLoginForm, TokenForm
from .services import password_check, totp_device_confirmed, totp_device_pending, totp_verify, user_is_locked
from .signals import sign_in_step

LOCKED = gettext_lazy(
    "Too many failed attempts. Your account is locked for 15 minutes; ask an administrator if you need it sooner."
)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = password_check(request=request, **form.cleaned_data)
        if user is None:
            sign_in_step.send(
                login_view, request=request, action="login_failed", detail={"username": form.cleaned_data["username"]}
            )
            form.add_error(None, _("The user name or password is not correct, or the account is locked."))
        else:
            login(request, user)
            request.session.cycle_key()  # login() keeps the key when the same person was already in the session
            return redirect(_otp_url(user, _next(request)))
    return render(request, "accounts/login.html", {"form": form, "next": _next(request)})


def _otp_url(user, next_url: str = "") -> str:
    url = reverse("accounts:otp" if totp_device_confirmed(user=user) else "accounts:enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@never_cache
@require_http_methods(["GET", "POST"])
def admin_login(request):
    """The Django admin's sign-in page (/admin/login/) is the staff sign-in: the same password check, lockout,
    second factor and audit row, then back to the admin page asked for. It checks no password itself."""
    target = _next(request) or reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
    if not request.user.is_verified():
        return redirect(_otp_url(request.user, target))
    if not admin.site.has_permission(request):
        raise PermissionDenied
    return redirect(target)


@never_cache
@require_http_methods(["GET", "POST"])
def otp_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    device = totp_device_confirmed(user=request.user)
    if device is None:
        return redirect("accounts:enrol")
    return _token_step(request, device, "accounts/otp.html", {})


@never_cache
@require_http_methods(["GET", "POST"])
def enrol_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if totp_device_confirmed(user=request.user):
        return redirect("accounts:otp")
    device = totp_device_pending(user=request.user)
    secret = base64.b32encode(device.bin_key).decode()
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(
        encoding="unicode"
    )
    extra = {"secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "qr_svg": mark_safe(svg)}
    return _token_step(request, device, "accounts/enrol.html", extra)


def _token_step(request, device, template, extra):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        if totp_verify(request=request, user=user, device=device, token=form.cleaned_data["token"]):
            sign_in_step.send(_token_step, request=request, action="login", detail={})
            return redirect(_next(request) or "staff:queue")
        sign_in_step.send(_token_step, request=request, action="login_failed", detail={"step": "otp"})
        if user_is_locked(user):
            logout(request)
            messages.error(request, LOCKED)
            return redirect("accounts:login")
        form.add_error("token", _("The code is not correct. Enter the current code from your authenticator app."))
    return render(request, template, {"form": form, "next": _next(request), **extra})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        sign_in_step.send(logout_view, request=request, action="logout", detail={})
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")
