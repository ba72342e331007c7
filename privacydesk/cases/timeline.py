"""The case timeline: its one writer (``event_record``) and one line of plain, translated words per event.

Apps above ``cases`` that write their own kind of event (letters) register how it reads with
``describer_register`` when they load; ``cases`` never imports them.
"""

from collections.abc import Callable
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacydesk.accounts.models import User
from privacydesk.core.vocabulary import Channel, RequestType, VerificationMethod

from .choices import Status
from .models import Case, CaseEvent, Decision, EventKind, FeeRecord, IdentityVerification, LegalGround, NotificationKind


def event_record(
    *, case: Case, kind: EventKind, actor: User | None = None, data: dict[str, Any] | None = None
) -> CaseEvent:
    """Append one event to the case's timeline: the only code that writes ``CaseEvent`` rows."""
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, data=data or {})


_DESCRIBERS: dict[str, Callable[[dict[str, Any]], str]] = {}


def describer_register(kind: EventKind, describe_data: Callable[[dict[str, Any]], str]) -> None:
    """Say how an event kind written by a higher app reads (called from its ``AppConfig.ready``)."""
    _DESCRIBERS[kind] = describe_data


def choice_label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def describe(event: CaseEvent) -> str:
    d, kind = event.data or {}, event.kind
    if kind in _DESCRIBERS:
        return _DESCRIBERS[kind](d)
    if kind == EventKind.STATUS_CHANGED:
        text = f"{choice_label(Status, d.get('from'))} → {choice_label(Status, d.get('to'))}"
        return f"{text} ({d['note']})" if d.get("note") else text
    if kind in (EventKind.SUBMITTED, EventKind.ENTERED):
        documents = d.get("documents", 0)
        text = choice_label(Channel, d.get("channel"))
        if documents:
            text += ", " + ngettext("%(n)d document", "%(n)d documents", documents) % {"n": documents}
        return text
    if kind == EventKind.NOTE:
        return str(d.get("text", ""))
    if kind == EventKind.ASSIGNED:
        return str(d.get("assignee") or _("nobody"))
    if kind == EventKind.IDENTITY:
        return f"{choice_label(VerificationMethod, d.get('method'))}: {choice_label(IdentityVerification.Result, d.get('result'))}"
    if kind == EventKind.FEE:
        text = _("%(kind)s, %(amount)s JPY") % {
            "kind": choice_label(FeeRecord.Kind, d.get("kind")),
            "amount": f"{d.get('amount', 0):,}",
        }
        return f"{text} ({d['reason']})" if d.get("reason") else text
    if kind == EventKind.DECISION:
        text = f"{choice_label(RequestType, d.get('request_type'))}: {choice_label(Decision, d.get('decision'))}"
        return f"{text} ({choice_label(LegalGround, d['legal_ground'])})" if d.get("legal_ground") else text
    if kind == EventKind.APPROVAL:
        verdict = _("approved") if d.get("approved") else _("returned for rework")
        text = f"{choice_label(RequestType, d.get('request_type'))}: {verdict}"
        return f"{text} ({d['note']})" if d.get("note") else text
    if kind == EventKind.LINKED:
        return str(d.get("other", ""))
    if kind == EventKind.MERGED:
        return (
            _("merged into %(ref)s") % {"ref": d["into"]}
            if d.get("into")
            else _("%(ref)s merged into this case") % {"ref": d.get("merged", "")}
        )
    if kind == EventKind.EMAIL_SENT:
        return f"{choice_label(NotificationKind, d.get('notification'))} → {d.get('recipient', '')}"
    if kind == EventKind.DEADLINE:
        return _deadline(d)
    if kind == EventKind.OUTCOME:
        return str(d.get("outcome", ""))
    if kind in (EventKind.MESSAGE_OUT, EventKind.MESSAGE_IN) and d.get("ask"):
        return _("asked the requester and waiting for the answer")
    return ""


def day_label(value: str | None) -> str:
    moment = parse_datetime(value or "")
    return formats.date_format(timezone.localtime(moment), "Y-m-d") if moment else ""  # as elsewhere on staff pages


def _deadline(d: dict[str, Any]) -> str:
    what = d.get("what")
    if what == "set":
        return _("response deadline %(due)s (%(rule)s)") % {
            "due": day_label(d.get("due")),
            "rule": d.get("rule", ""),
        }
    if what == "paused":
        return _("clock paused while waiting for the requester")
    if what == "resumed":
        return _("clock resumed; response deadline now %(due)s") % {"due": day_label(d.get("due"))}
    if what == "extended":
        return _("extended from %(previous)s to %(due)s: %(reason)s") % {
            "previous": day_label(d.get("previous")),
            "due": day_label(d.get("due")),
            "reason": d.get("reason", ""),
        }
    return ""
