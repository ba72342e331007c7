"""How a letter's events read on the case timeline (registered with cases.timeline when the app loads)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacydesk.cases.timeline import choice_label as label

from .models import LetterKind


def describe_letter_event(d: dict) -> str:
    kind = label(LetterKind, d.get("kind"))
    attempts = int(d.get("attempts") or 0)
    texts = {
        "drafted": _("%(kind)s: drafted (version %(version)s)"),
        "submitted": _("%(kind)s: submitted for approval"),
        "approved": _("%(kind)s: approved"),
        "generated": _("%(kind)s: PDF produced, SHA-256 %(sha)s"),
        "posted": _("%(kind)s: posted on %(day)s"),
        "delivered": _("%(kind)s: available to download on the tracking page"),
        "superseded": _("%(kind)s: version %(version)s replaced by a newer version"),
        "failed": ngettext(
            "%(kind)s: the PDF could not be produced (%(attempts)d attempt)",
            "%(kind)s: the PDF could not be produced (%(attempts)d attempts)",
            attempts,
        ),
        "retried": _("%(kind)s: production tried again"),
    }
    text = texts.get(d.get("what"), "%(kind)s")
    return text % {
        "kind": kind,
        "version": d.get("version", ""),
        "sha": (d.get("sha256") or "")[:16],
        "day": d.get("posted_on", ""),
        "attempts": attempts,
    }
