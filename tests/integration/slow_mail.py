"""An e-mail backend for the worker-kill test: writes files like Django's, after a pause long enough to
kill the worker in the middle of sending."""

import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(4)
        return super().send_messages(email_messages)
