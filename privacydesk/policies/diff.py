"""Side-by-side comparison of two versions in one language: rows of (old line, new line), words marked.

Changes are marked with <del>/<ins> and a sign column (−, +, ~), so they do not rely on colour alone.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass
class Row:
    kind: str  # "same", "changed", "removed", "added"
    old: SafeString
    new: SafeString
    old_number: int | None
    new_number: int | None
    folded: bool = False  # inside a long run of unchanged lines: hidden on narrow screens, see fold_unchanged


def _tokens(line: str) -> list[str]:
    # Japanese has no spaces: compare character by character there, word by word elsewhere.
    return list(line) if any(ord(c) > 0x2E7F for c in line) else _TOKENS.findall(line)


def _inline(old: str, new: str) -> tuple[SafeString, SafeString]:
    a, b = _tokens(old), _tokens(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def diff_rows(old_text: str, new_text: str) -> list[Row]:
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset, line in enumerate(old_lines[i1:i2]):
                rows.append(Row("same", escape(line), escape(new_lines[j1 + offset]), i1 + offset + 1, j1 + offset + 1))
            continue
        old_chunk, new_chunk = old_lines[i1:i2], new_lines[j1:j2]
        for k in range(max(len(old_chunk), len(new_chunk))):
            old_line = old_chunk[k] if k < len(old_chunk) else None
            new_line = new_chunk[k] if k < len(new_chunk) else None
            if old_line is not None and new_line is not None:
                left, right = _inline(old_line, new_line)
                rows.append(Row("changed", left, right, i1 + k + 1, j1 + k + 1))
            elif old_line is not None:
                rows.append(
                    Row("removed", mark_safe(f"<del>{escape(old_line)}</del>"), mark_safe(""), i1 + k + 1, None)
                )
            else:
                rows.append(Row("added", mark_safe(""), mark_safe(f"<ins>{escape(new_line)}</ins>"), None, j1 + k + 1))
    return rows


@dataclass
class Fold:
    """A run of unchanged lines between two kept lines of context: shown collapsed on narrow screens."""

    count: int
    lines: list[SafeString]
    kind: str = "fold"


def fold_unchanged(rows: list[Row], *, context: int = 2) -> list[Row | Fold]:
    """The rows with a Fold marker before each long run of unchanged lines.

    In a run of unchanged lines, ``context`` lines at each end stay as they are (at the very start and end of the
    text, only the side next to a change); the lines in between get ``folded = True`` and are preceded by one Fold
    that carries them (the same on both sides, so listed once). Runs too short to gain anything are left alone.
    """
    result: list[Row | Fold] = []
    i = 0
    while i < len(rows):
        if rows[i].kind != "same":
            result.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].kind == "same":
            j += 1
        run = rows[i:j]
        head = context if i > 0 else 0
        tail = context if j < len(rows) else 0
        middle = run[head : len(run) - tail]
        if len(middle) <= 2:
            result.extend(run)
        else:
            result.extend(run[:head])
            result.append(Fold(count=len(middle), lines=[row.new for row in middle]))
            for row in middle:
                row.folded = True
            result.extend(middle)
            result.extend(run[len(run) - tail :])
        i = j
    return result


def has_changes(rows: list[Row]) -> bool:
    return any(row.kind != "same" for row in rows)
