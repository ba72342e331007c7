"""The side-by-side comparison: lines paired, words marked with <del>/<ins>, HTML escaped."""

from privacydesk.policies.diff import diff_rows, has_changes


def test_unchanged_texts_have_no_changes():
    rows = diff_rows("a\nb", "a\nb")
    assert not has_changes(rows) and [r.kind for r in rows] == ["same", "same"]


def test_a_changed_line_marks_only_the_changed_words():
    rows = diff_rows("We keep data for five years.", "We keep data for three years.")
    assert rows[0].kind == "changed"
    assert "<del>five</del>" in rows[0].old and "<ins>three</ins>" in rows[0].new
    assert "We keep data for" in rows[0].old


def test_added_and_removed_lines_stand_on_their_own_side():
    rows = diff_rows("one\ntwo", "one\ntwo\nthree")
    assert rows[-1].kind == "added" and "<ins>three</ins>" in rows[-1].new and rows[-1].old == ""
    rows = diff_rows("one\ntwo", "two")
    assert rows[0].kind == "removed" and "<del>one</del>" in rows[0].old


def test_japanese_is_compared_character_by_character():
    rows = diff_rows("保管期間は5年です。", "保管期間は3年です。")
    assert "<del>5</del>" in rows[0].old and "<ins>3</ins>" in rows[0].new


def test_the_text_is_escaped():
    rows = diff_rows("<b>x</b>", "<script>alert(1)</script>")
    new = str(rows[0].new)
    assert "<script" not in new
    assert new.replace("<ins>", "").replace("</ins>", "") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_long_runs_of_unchanged_lines_are_folded_with_two_lines_of_context():
    from privacydesk.policies.diff import Fold, fold_unchanged

    old = [f"line {n}" for n in range(1, 13)]
    new = [*old]
    new[5] = "line six, changed"
    items = fold_unchanged(diff_rows("\n".join(old), "\n".join(new)))
    folds = [item for item in items if isinstance(item, Fold)]
    # Before the change: lines 1–5, the first three folded (the start of the text needs no context), 4–5 kept.
    # After it: lines 7–12, 7–8 kept, 9–12 folded.
    assert [f.count for f in folds] == [3, 4] and [str(x) for x in folds[0].lines] == ["line 1", "line 2", "line 3"]
    visible = [str(item.new) for item in items if not isinstance(item, Fold) and not item.folded]
    assert visible == ["line 4", "line 5", "line <ins>six, changed</ins>", "line 7", "line 8"]
    assert len([i for i in items if not isinstance(i, Fold)]) == 12  # every row is still there for wide screens


def test_short_runs_and_unchanged_texts_are_not_folded():
    from privacydesk.policies.diff import Fold, fold_unchanged

    items = fold_unchanged(diff_rows("a\nb\nc\nd\ne", "a\nb\nX\nd\ne"))
    assert not any(isinstance(i, Fold) for i in items)
    assert fold_unchanged([]) == []
