"""Idle staff sessions expire: each staff request pushes the expiry forward, at most once a minute."""

import time

from django.conf import settings


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_touched", 0) >= 60:
                request.session["_touched"] = now
                request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        return self.get_response(request)
