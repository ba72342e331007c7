"""Django's database sessions, except that a lost database is reported as such.

Django's ``SessionStore.save`` turns any ``DatabaseError`` on update into ``UpdateError``, which the session
middleware answers with "400 Bad Request" (``SessionInterrupted``). When PostgreSQL is restarting after the view
has done its work (a case filed), the visitor would see "Bad Request" and think the form was refused. Here a
connection error stays a connection error, so ``middleware_db`` answers the polite 503 page; the draft is still
in the session, and sending it again returns the case already filed.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import InterfaceError, OperationalError


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except UpdateError as exc:
            lost = exc.__context__
            if isinstance(lost, (OperationalError, InterfaceError)):
                raise lost from exc
            raise
