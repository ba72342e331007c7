"""What the sign-in publishes for the apps above it (the audit log records each step; accounts imports none)."""

from django.dispatch import Signal

# Sent with ``request``, ``action`` ("login", "login_failed" or "logout") and ``detail`` (a dict, may be empty)
# at each step of signing in and out, while ``request.user`` is still the person concerned.
sign_in_step = Signal()
