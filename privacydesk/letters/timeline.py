"""How a letter's events read on the case timeline (registered with cases.timeline when the app loads)."""

from django.utils.translation import gettext as _

from privacydesk.cases.timeline import choice_label as label

from .models import LetterKind


def describe_letter_event(d: dict) -> str:
    kind = label(LetterKind, d.get("kind"))
    texts = {
        "drafted": _("%(kind)s: drafted (version %(version)s)"),
        "submitted": _("%(kind)s: submitted for approval"),
        "approved": _("%(kind)s: approved"),
        "generated": _("%(kind)s: PDF produced, SHA-256 %(sha)s"),
        "posted": _("%(kind)s: posted on %(day)s"),
    }
    text = texts.get(d.get("what"), "%(kind)s")
    return text % {
        "kind": kind,
        "version": d.get("version", ""),
        "sha": (d.get("sha256") or "")[:16],
        "day": d.get("posted_on", ""),
    }
