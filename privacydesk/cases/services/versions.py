"""No lost update: every change a member of staff makes carries the case version they saw.

A service locks the case row first (always the case first, so that two transactions never wait on each other
in opposite orders), compares the version, and bumps it with ``F("version") + 1`` in the same UPDATE that writes
the change. A change sent from a page older than the case is refused with :class:`StaleCase`, which says what
changed, by whom and when; the view shows the page again with what was typed.

Appending an internal note neither checks nor bumps the version: it overwrites nothing, and a note written
while a colleague changed the case is still true and useful. A message to the requester is checked: it leaves
the desk for good, and one written before a colleague's decision or message could contradict it.
"""

from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from privacydesk.core.errors import ActionRefused

from ..models import Case, CaseEvent, EventKind
from ..timeline import describe

VERSION_KEY = "case_version"  # in the data of the timeline event written with each bump


class StaleCase(ActionRefused):
    """The change was made on a page older than the case: refused, nothing was written."""

    def __init__(self, message, *, seen: int, current: int) -> None:
        super().__init__(message)
        self.seen, self.current = seen, current


def seen_version(value) -> int:
    """The version a page carried (0, never a real version, when it carried none or nonsense)."""
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _conflict_message(case: Case, seen: int) -> str:
    latest = (
        CaseEvent.objects.filter(case=case, **{f"data__{VERSION_KEY}__gt": seen})
        .exclude(kind=EventKind.VIEWED)
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    if latest is None:  # a page without a version, or a change made before versions were recorded
        latest = case.events.exclude(kind=EventKind.VIEWED).select_related("actor").order_by("-pk").first()
    if latest is None:
        what, who, when = _("a change"), _("someone"), ""
    else:
        detail = describe(latest)
        what = f"{latest.get_kind_display()}: {detail}" if detail else str(latest.get_kind_display())
        if len(what) > 80:
            what = what[:79] + "…"
        actor = latest.actor
        who = (actor.get_full_name() or actor.get_username()) if actor else _("the system")
        when = formats.date_format(timezone.localtime(latest.created_at), "Y-m-d H:i")
    return _(
        "Someone else changed this case while you were working on it (%(what)s, by %(who)s, %(when)s). "
        "Your input is kept below; review the case and send again."
    ) % {"what": what, "who": who, "when": when}


def case_lock(case_id: int, *, version: int | None, related: tuple[str, ...] = ()) -> Case:
    """Lock the case row; with ``version`` (what the user saw), refuse when the case changed since.

    ``version=None`` is for the system's own changes (a requester's answer, a worker), which check nothing.
    """
    queryset = Case.objects.select_for_update(of=("self",)) if related else Case.objects.select_for_update()
    case = queryset.select_related(*related).get(pk=case_id)
    if version is not None and case.version != version:
        raise StaleCase(_conflict_message(case, version), seen=version, current=case.version)
    return case


def case_save(case: Case, fields: list[str]) -> int:
    """Write ``fields`` and bump the version in one UPDATE; returns the new version (the row is locked)."""
    new = case.version + 1
    case.version = F("version") + 1
    case.save(update_fields=[*dict.fromkeys([*fields, "version"])])
    case.version = new
    return new


def case_bump(case: Case) -> int:
    """A change kept in another row (a decision, a letter): the case's version still moves."""
    return case_save(case, ["updated_at"])
