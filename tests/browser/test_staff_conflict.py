"""Two members of staff on the same case: the second to send is told what changed, and keeps what they typed."""

import pytest
from playwright.sync_api import expect

from privacydesk.cases.models import Case, Kind
from privacydesk.cases.services import case_submit
from tests.browser import staff_helpers
from tests.browser.conftest import ARTIFACTS, DESKTOP, _open_page
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.cases.helpers import submission

desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFLICT = (
    "Someone else changed this case while you were working on it (%(what)s, by %(who)s, %(when)s). "
    "Your input is kept below; review the case and send again."
)
TYPED = "お電話で、利用目的を口頭でご説明しました。"


def _both_on_the_case(request, browser, live_server, desk_page, language, desk):
    first_user, first_device = desk_worker(desk, "reception", "uketsuke")
    second_user, second_device = desk_worker(desk, "reception", "madoguchi")
    case = case_submit(organization=desk, submission=submission(kind=Kind.INQUIRY))
    locale = "en-US" if language == "en" else "ja-JP"
    first = DeskWorker(desk_page, language)
    second = DeskWorker(_open_page(request, browser, live_server, DESKTOP, locale=locale), language)
    for worker, (user, device) in ((first, (first_user, first_device)), (second, (second_user, second_device))):
        worker.sign_in(user, device)
        worker.find_in_queue(case.reference)
        worker.open_case(case.reference)
    return case, first, second, first_user


def test_the_second_to_save_an_outcome_is_told_who_assigned_and_keeps_the_text(
    request, browser, live_server, desk_page, language, desk
):
    case, first, second, first_user = _both_on_the_case(request, browser, live_server, desk_page, language, desk)
    second.field("Outcome and reply").fill(TYPED)  # the second is still writing…

    first.field("Assignee").select_option(value=str(first_user.pk))  # …when the first takes the case
    first.press("Assign")
    expect(first.flash()).to_have_text(first.t("The assignment has been saved."))

    second.press("Save the outcome")
    told = second.t(CONFLICT)
    expect(second.flash()).to_contain_text(told.split("%(")[0])
    expect(second.flash()).to_contain_text(told.rsplit(")s", 1)[1].strip())
    expect(second.flash()).to_contain_text(first_user.username)  # by whom
    expect(second.flash()).to_contain_text(second.t("Assignment"))  # what changed
    expect(second.field("Outcome and reply")).to_have_value(TYPED)  # nothing typed is lost
    second.page.screenshot(path=str(ARTIFACTS / f"staff_conflict_{language}.png"), full_page=True)
    assert Case.objects.get(pk=case.pk).outcome == ""

    second.press("Save the outcome")  # having read the case, they send again: now it is saved
    expect(second.flash()).to_have_text(second.t("The outcome has been recorded."))
    assert Case.objects.get(pk=case.pk).outcome == TYPED


def test_the_second_to_record_an_outcome_is_told_and_the_first_one_stands(
    request, browser, live_server, desk_page, language, desk
):
    case, first, second, _ = _both_on_the_case(request, browser, live_server, desk_page, language, desk)
    first.field("Outcome and reply").fill("先に記録した回答")
    first.press("Save the outcome")
    expect(first.flash()).to_have_text(first.t("The outcome has been recorded."))

    second.field("Outcome and reply").fill("後から書いた回答")
    second.press("Save the outcome")
    expect(second.flash()).to_contain_text(second.t(CONFLICT).split("%(")[0])
    expect(second.flash()).to_contain_text(second.t("Outcome"))
    expect(second.field("Outcome and reply")).to_have_value("後から書いた回答")
    assert Case.objects.get(pk=case.pk).outcome == "先に記録した回答"  # not overwritten
