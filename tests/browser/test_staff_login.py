"""Staff sign-in: on the first sign-in the authenticator app is set up from the page; a wrong code is refused."""

import base64
import re
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser import staff_helpers
from tests.browser.staff_helpers import PASSWORD, DeskWorker, desk_worker
from tests.factories import UserFactory

# Fixtures of the staff tests (conftest.py belongs to the public-side tests).
desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRONG_CODE = "The code is not correct. Enter the current code from your authenticator app."


@pytest.fixture
def newcomer(desk):
    """A receptionist who has never signed in: no authenticator yet."""
    user = UserFactory(username="shinnyu", role="reception")
    user.organizations.add(desk)
    return user


def enters_password(worker: DeskWorker, username: str) -> None:
    worker.open("staff/login/")
    expect(worker.page.get_by_role("heading", level=1)).to_have_text(worker.t("Staff sign-in"))
    worker.fill("User name", username)
    worker.fill("Password", PASSWORD)
    worker.press("Next")


def reads_the_key(worker: DeskWorker) -> str:
    """The key as the page shows it, under "Key", in groups of four."""
    shown = worker.page.get_by_text(worker.t("Key"), exact=True).locator("xpath=following-sibling::*[1]").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})*", shown.strip()), shown
    return shown.replace(" ", "").strip()


def code_from_an_authenticator_app(key: str, seconds_ahead: int = 0) -> str:
    totp = TOTP(base64.b32decode(key), step=30, t0=0, digits=6)
    totp.time += seconds_ahead
    return f"{totp.token():06d}"


def queue_in_another_tab_leads_to(worker: DeskWorker, step: str) -> bool:
    """Open the queue in a second tab (leaving the first one as it is): does it lead to ``step``?"""
    tab = worker.page.context.new_page()
    tab.goto(f"/{worker.language}/staff/")
    arrived = urlsplit(tab.url).path
    tab.close()
    return arrived == f"/{worker.language}/staff/{step}"


def test_the_first_sign_in_sets_up_the_authenticator_app_from_the_key_on_the_page(desk_page, language, newcomer):
    worker = DeskWorker(desk_page, language)
    enters_password(worker, newcomer.username)

    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/login/enrol/"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Set up your authenticator app"))
    qr_code = desk_page.get_by_role("img", name=worker.t("QR code for the authenticator app"))
    expect(qr_code.locator("svg")).to_be_visible()
    assert qr_code.locator("svg").bounding_box()["width"] >= 150  # big enough for a phone camera
    key = reads_the_key(worker)

    worker.fill("Six-digit code from your authenticator app", code_from_an_authenticator_app(key))
    worker.press("Confirm and sign in")

    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/$"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Queue"))
    expect(desk_page.get_by_role("button", name=worker.t("Sign out"))).to_be_visible()
    assert TOTPDevice.objects.get(user=newcomer).confirmed


def test_a_wrong_code_while_setting_up_is_refused_and_the_same_key_is_shown_again(desk_page, language, newcomer):
    worker = DeskWorker(desk_page, language)
    enters_password(worker, newcomer.username)
    key = reads_the_key(worker)

    worker.fill("Six-digit code from your authenticator app", code_from_an_authenticator_app(key, 600))
    worker.press("Confirm and sign in")

    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/login/enrol/"))
    assert worker.error_under("Six-digit code from your authenticator app") == worker.t(WRONG_CODE)
    assert reads_the_key(worker) == key  # the app already holds this key: it must not change
    assert not TOTPDevice.objects.get(user=newcomer).confirmed

    assert queue_in_another_tab_leads_to(worker, "login/enrol/")  # not signed in yet


def test_a_wrong_code_at_the_second_step_is_refused_and_the_queue_stays_closed(desk_page, language, desk):
    user, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    enters_password(worker, user.username)
    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/login/code/"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Authenticator code"))

    stale_code = code_from_an_authenticator_app(base64.b32encode(device.bin_key).decode(), seconds_ahead=-600)
    worker.fill("Six-digit code from your authenticator app", stale_code)
    worker.press("Sign in")

    assert worker.error_under("Six-digit code from your authenticator app") == worker.t(WRONG_CODE)
    expect(desk_page.get_by_role("link", name=worker.t("Queue"), exact=True)).to_have_count(0)
    assert queue_in_another_tab_leads_to(worker, "login/code/")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(desk_page, language, desk):
    user, _device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.open("staff/login/")
    worker.fill("User name", user.username)
    worker.fill("Password", "wrong-horse-battery")
    worker.press("Next")

    expect(desk_page.get_by_role("alert")).to_have_text(
        worker.t("The user name or password is not correct, or the account is locked.")
    )
    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/login/$"))
