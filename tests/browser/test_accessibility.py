"""axe-core on the pages every visitor sees, in both languages: no serious or critical violation."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.helpers import Visitor, blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_landing_page_and_the_request_form_have_no_serious_accessibility_violations(page):
    call_command("seed_demo", stdout=io.StringIO())  # aoba-cloud: the fullest form (records and documents)
    axe, found = Axe(), []
    for language in ("ja", "en"):
        visitor = Visitor(page, language)
        visitor.open("aoba-cloud/")
        found += blocking_violations(axe, page)
        visitor.follow("Make a request")
        found += blocking_violations(axe, page)
        visitor.press("Continue to confirmation")  # the same form showing its errors
        found += blocking_violations(axe, page)
    assert not found, "\n".join(found)
