"""Privacy policies as a visitor reads them and as a supervisor publishes them, in Japanese and English.

Every public page of the policies app is checked with axe-core: no serious or critical violation.
"""

import io
import re
from datetime import UTC, date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import formats, translation
from playwright.sync_api import expect

from privacydesk.policies import clock
from tests.browser.helpers import Visitor, blocking_violations, ui
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.factories import OrganizationFactory
from tests.policies.helpers import published, set_clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["ja", "en"]


@pytest.fixture
def demo_desks():
    call_command("seed_demo", stdout=io.StringIO())


def heading(page):
    return page.get_by_role("heading", level=1)


def refusals(page) -> list[str]:
    """Collect what the Content-Security-Policy refuses on the page (none expected: no inline script or style)."""
    found: list[str] = []
    page.on("console", lambda m: found.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_reads_the_policy_an_old_version_and_what_changed(page, demo_desks, language):
    visitor, axe, found = Visitor(page, language), Axe(), []
    refused = refusals(page)
    visitor.open("toto-voicenet/policy/")
    expect(heading(page)).to_have_text(visitor.t("Privacy policy"))
    text = page.locator(".policy-text")
    expect(text).to_have_attribute("lang", language)
    expect(text).to_contain_text("不正利用" if language == "ja" else "fraudulent use")
    # One note: in Japanese a translation of the English original, which prevails; in English the original itself.
    note = page.locator(".policy-translation-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text(
        ui(language, "This policy is translated into %(shown)s from the %(original)s original. In case of any "
           "difference between the two texts, the %(original)s original prevails.")
        % {"shown": visitor.t("Japanese"), "original": visitor.t("English")}
        if language == "ja"
        else "In case of any difference between the two texts, this original prevails."
    )  # fmt: skip
    expect(page.locator(".policy-text")).to_contain_text(re.compile("お預かりした大切な財産|important asset entrusted"))
    assert "個人情報を お預かり" not in page.locator(".policy-text").inner_text()  # no stray space from a line break
    found += blocking_violations(axe, page)

    history = page.get_by_role("region", name=visitor.t("Revision history"))
    history.get_by_role("link", name=re.compile(r"1")).click()
    expect(page).to_have_url(re.compile(rf"/{language}/toto-voicenet/policy/1/$"))
    expect(page.get_by_role("note").filter(has_text=visitor.t("This is an earlier version of the policy, kept for reference."))).to_be_visible()  # fmt: skip
    expect(page.locator(".policy-text")).not_to_contain_text("不正利用" if language == "ja" else "fraudulent use")
    found += blocking_violations(axe, page)

    visitor.follow("Compare versions")
    expect(heading(page)).to_have_text(visitor.t("Compare versions of the privacy policy"))
    own = page.locator(f"#compare-{language}").locator("xpath=..")
    expect(own.locator("ins").filter(has_text=re.compile("不正利用|fraudulent"))).to_have_count(1)
    expect(own.get_by_text(visitor.t("Added")).or_(own.get_by_text(visitor.t("Changed"))).first).to_be_attached()
    found += blocking_violations(axe, page)

    visitor.open("toto-voicenet/policy/1/print/")
    expect(heading(page)).to_have_text(visitor.t("Privacy policy"))
    status = page.locator(".status-note")
    expect(status).to_contain_text(visitor.t("No longer in force: this is an earlier version, kept for reference."))
    expect(status.get_by_role("link")).to_have_attribute("href", re.compile(rf"/{language}/toto-voicenet/policy/$"))
    expect(page.locator("footer")).to_contain_text("03-5555-0102")  # the desk's FAX, its main written channel
    found += blocking_violations(axe, page)
    with page.expect_download() as download:
        page.get_by_role("link", name=visitor.t("PDF")).click(modifiers=["Alt"])
    assert download.value.suggested_filename.endswith(f"-v1-{language}.pdf")

    visitor.open("toto-voicenet/notice/")
    expect(heading(page)).to_have_text(visitor.t("Public notice of matters on retained personal data"))
    expect(page.get_by_text("1,000")).to_be_visible()
    found += blocking_violations(axe, page)
    assert not found, "\n".join(found)
    assert not refused, refused


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_japanese_only_policy_is_never_an_empty_page(page, demo_desks, language):
    visitor, axe = Visitor(page, language), Axe()
    visitor.open("aoba-cloud/policy/")
    text = page.locator(".policy-text")
    expect(text).to_have_attribute("lang", "ja")
    expect(text).to_contain_text("匿名加工情報")
    note = page.locator(".policy-language-note")
    if language == "en":
        expect(note).to_be_visible()
        expect(note).to_contain_text("Japanese")
    else:
        expect(note).to_have_count(0)
    found = blocking_violations(axe, page)
    visitor.open("aoba-cloud/notice/")
    expect(page.locator("#notice-purposes").locator("xpath=..")).to_contain_text("販売代理店")
    found += blocking_violations(axe, page)
    visitor.open("lumina-web/policy/")
    expect(page.locator(".policy-text")).to_contain_text("GDPR")
    found += blocking_violations(axe, page)
    visitor.open("aoba-cloud/policy/")  # the Japanese-only policy last, for the screenshot
    expect(page.locator(".policy-text")).to_have_attribute("lang", "ja")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_supervisor_publishes_a_version_that_takes_effect_later(page, browser, live_server, monkeypatch, language):
    today = clock.today()
    desk = OrganizationFactory()
    published(desk, effective=today - timedelta(days=400), body_en="# Policy\n\nWe keep data for five years.",
              body_ja="# 方針\n\n保管期間は5年です。", summary_en="First version.", summary_ja="制定。")  # fmt: skip
    user, device = desk_worker(desk, "supervisor", "sekinin")
    worker = DeskWorker(page, language)
    with translation.override(language):
        continue_ = translation.pgettext("policy publication", "Continue")
    worker.sign_in(user, device)
    page.get_by_role("link", name=worker.t("Privacy policy"), exact=True).click()
    expect(heading(page)).to_have_text(worker.t("Privacy policy"))
    staff_found = blocking_violations(Axe(), page)
    worker.follow("Write a new version")
    expect(worker.field("Text (English)")).to_have_value(re.compile("five years"))
    staff_found += blocking_violations(Axe(), page)
    worker.fill("Text (English)", "# Policy\n\nWe keep data for three years.")
    worker.fill("Text (Japanese)", "# 方針\n\n保管期間は3年です。")
    worker.fill("Summary of changes (English)", "Shorter retention period.")
    worker.fill("Summary of changes (Japanese)", "保管期間を短縮しました。")
    worker.press("Save the draft")
    expect(page.locator(".preview-columns")).to_contain_text("three years")
    expect(page.locator(".preview-columns")).to_contain_text("保管期間は3年です。")

    expect(worker.field("Effective date")).to_have_value("")  # no date chosen for the supervisor
    worker.fill("Effective date", (today - timedelta(days=1)).isoformat())  # in the past: refused
    page.get_by_role("button", name=continue_).click()
    expect(page.get_by_text(worker.t("The effective date cannot be in the past."))).to_be_visible()
    staff_found += blocking_violations(Axe(), page)
    effective = today + timedelta(days=7)
    worker.fill("Effective date", effective.isoformat())
    page.get_by_role("button", name=continue_).click()
    # The confirmation says what becomes public from when, the date in words; nothing is published yet.
    with translation.override(language):
        spelled = formats.date_format(effective, "DATE_FORMAT")  # e.g. "Dec. 3, 2026", 「2026年12月3日」
    expect(page.get_by_role("note")).to_contain_text(spelled)
    staff_found += blocking_violations(Axe(), page)
    assert not staff_found, "\n".join(staff_found)
    worker.press("Publish this version")
    expect(worker.flash()).to_contain_text(spelled)
    expect(worker.flash()).not_to_contain_text(effective.isoformat())

    visitor = Visitor(page, language)
    visitor.open(f"{desk.slug}/policy/")
    old, new = ("5年", "3年") if language == "ja" else ("five years", "three years")
    expect(page.locator(".policy-text")).to_contain_text(old)
    announcement = page.locator(".policy-announcement")
    expect(announcement).to_contain_text(
        "保管期間を短縮しました。" if language == "ja" else "Shorter retention period."
    )
    found = blocking_violations(Axe(), page)

    set_clock(monkeypatch, effective - timedelta(days=1))
    page.reload()
    expect(page.locator(".policy-text")).to_contain_text(old)

    set_clock(monkeypatch, effective)  # the day itself: no job has run, the date decides
    page.reload()
    expect(page.locator(".policy-text")).to_contain_text(new)
    expect(page.locator(".policy-announcement")).to_have_count(0)
    found += blocking_violations(Axe(), page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_comparison_folds_unchanged_lines_and_a_single_version_is_not_compared(
    phone_page, demo_desks, language
):
    page, visitor = phone_page, Visitor(phone_page, language)
    visitor.open("toto-voicenet/policy/compare/?from=1&to=2")
    folds = page.locator(".policy-diff-fold")
    expect(folds.first).to_be_visible()
    height_folded = page.evaluate("document.documentElement.scrollHeight")
    assert height_folded < 6000, height_folded  # ~10,000 px before folding
    folds.first.locator("summary").click()  # a <details>: opens without script
    expect(folds.first.locator(".policy-diff-folded-lines p").first).to_be_visible()
    found = blocking_violations(Axe(), page)
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(folds.first).to_be_hidden()  # wide screens show every line side by side
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.open("hokushin-cluster/policy/compare/")  # one version only: nothing to compare it with
    expect(page.locator("table.policy-diff")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(re.compile("比較できる版はありません|only one version"))
    expect(page.locator("main").get_by_role("link", name=re.compile("1"))).to_have_count(1)
    found += blocking_violations(Axe(), page)
    assert not found, "\n".join(found)


def test_dates_are_tokyo_dates(monkeypatch):
    """Just after midnight in Tokyo it is already the next day there (still the day before in UTC)."""
    from datetime import datetime

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 30, 15, 30, tzinfo=UTC))
    assert clock.today() == date(2026, 12, 1)
