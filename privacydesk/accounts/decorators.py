"""Access to staff pages: signed in with password and TOTP, and a desk role. Supervisors for some pages."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': request.get_full_path()})}")
        if not user.is_desk_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def supervisor_required(view):
    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_supervisor:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
