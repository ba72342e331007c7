"""The audit log listens to what lower apps publish: each step of signing in and out."""

from django.http import HttpRequest

from .services import audit_record


def record_sign_in_step(sender, *, request: HttpRequest, action: str, detail: dict, **kwargs) -> None:
    audit_record(request=request, action=action, detail=detail or None)
