"""One line of plain, translated words for each timeline event."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacydesk.core.vocabulary import Channel, RequestType, VerificationMethod

from .models import CaseEvent, Decision, EventKind, FeeRecord, IdentityVerification, LegalGround, NotificationKind
from .workflow import Status


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def describe(event: CaseEvent) -> str:
    d, kind = event.data or {}, event.kind
    if kind == EventKind.STATUS_CHANGED:
        text = f"{_label(Status, d.get('from'))} → {_label(Status, d.get('to'))}"
        return f"{text} ({d['note']})" if d.get("note") else text
    if kind in (EventKind.SUBMITTED, EventKind.ENTERED):
        documents = d.get("documents", 0)
        text = _label(Channel, d.get("channel"))
        if documents:
            text += ", " + ngettext("%(n)d document", "%(n)d documents", documents) % {"n": documents}
        return text
    if kind == EventKind.NOTE:
        return d.get("text", "")
    if kind == EventKind.ASSIGNED:
        return d.get("assignee") or _("nobody")
    if kind == EventKind.IDENTITY:
        return f"{_label(VerificationMethod, d.get('method'))}: {_label(IdentityVerification.Result, d.get('result'))}"
    if kind == EventKind.FEE:
        text = _("%(kind)s, %(amount)s JPY") % {
            "kind": _label(FeeRecord.Kind, d.get("kind")),
            "amount": f"{d.get('amount', 0):,}",
        }
        return f"{text} ({d['reason']})" if d.get("reason") else text
    if kind == EventKind.DECISION:
        text = f"{_label(RequestType, d.get('request_type'))}: {_label(Decision, d.get('decision'))}"
        return f"{text} ({_label(LegalGround, d['legal_ground'])})" if d.get("legal_ground") else text
    if kind == EventKind.APPROVAL:
        verdict = _("approved") if d.get("approved") else _("returned for rework")
        text = f"{_label(RequestType, d.get('request_type'))}: {verdict}"
        return f"{text} ({d['note']})" if d.get("note") else text
    if kind == EventKind.LINKED:
        return d.get("other", "")
    if kind == EventKind.MERGED:
        return (
            _("merged into %(ref)s") % {"ref": d["into"]}
            if d.get("into")
            else _("%(ref)s merged into this case") % {"ref": d.get("merged", "")}
        )
    if kind == EventKind.EMAIL_SENT:
        return f"{_label(NotificationKind, d.get('notification'))} → {d.get('recipient', '')}"
    if kind == EventKind.DEADLINE:
        return _deadline(d)
    if kind == EventKind.LETTER:
        return _letter(d)
    if kind == EventKind.OUTCOME:
        return d.get("outcome", "")
    if kind in (EventKind.MESSAGE_OUT, EventKind.MESSAGE_IN) and d.get("ask"):
        return _("asked the requester and waiting for the answer")
    return ""


def _day(value: str) -> str:
    from django.utils import formats, timezone
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(value or "")
    return formats.date_format(timezone.localtime(moment), "Y-m-d") if moment else ""  # as elsewhere on staff pages


def _deadline(d: dict) -> str:
    what = d.get("what")
    if what == "set":
        return _("response deadline %(due)s (%(rule)s)") % {"due": _day(d.get("due")), "rule": d.get("rule", "")}
    if what == "paused":
        return _("clock paused while waiting for the requester")
    if what == "resumed":
        return _("clock resumed; response deadline now %(due)s") % {"due": _day(d.get("due"))}
    if what == "extended":
        return _("extended from %(previous)s to %(due)s: %(reason)s") % {
            "previous": _day(d.get("previous")),
            "due": _day(d.get("due")),
            "reason": d.get("reason", ""),
        }
    return ""


def _letter(d: dict) -> str:
    from privacydesk.letters.models import LetterKind

    kind = _label(LetterKind, d.get("kind"))
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
