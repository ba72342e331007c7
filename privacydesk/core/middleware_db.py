"""A polite "try again" page (503) when the database cannot be reached, instead of a 500 or a stack trace.

Django turns an exception in any middleware or view into a 500 response *inside* that layer, so an outer
middleware never sees the exception itself. ``got_request_exception`` is sent from inside the handler's
``except`` block, with the request: the receiver below marks the request when the exception (or one it was
raised from) is a database connection error, and the outermost middleware then swaps the 500 for the 503 page.
This also covers errors raised by the session or auth middleware (sessions are stored in the database).

The page is rendered without a request context, so it touches neither the session, nor the user, nor the
messages: nothing that needs the database. Its language comes from the URL prefix, the language cookie or the
browser, as LocaleMiddleware would choose it.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
DB_ERRORS = (OperationalError, InterfaceError)
_FLAG = "_privacydesk_database_unavailable"


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The exception, or one it was raised from or while handling, is a lost or refused connection."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DB_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _mark_request(sender, request=None, **kwargs) -> None:
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


got_request_exception.connect(_mark_request, dispatch_uid="privacydesk.core.middleware_db")


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        body = render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Outermost: a request that failed because the database was unreachable gets the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except Exception as exc:  # normally converted to a 500 inside; kept for a layer that lets it through
            if not is_database_unavailable(exc):
                raise
            setattr(request, _FLAG, True)
            response = None
        if getattr(request, _FLAG, False):
            logger.warning("Database unavailable: answered %s %s with the 503 page", request.method, request.path)
            return database_unavailable_response(request)
        return response
