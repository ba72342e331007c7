"""axe-core on the pages every visitor sees, in both languages: no serious or critical violation."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.helpers import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def blocking_violations(axe: Axe, page) -> list[str]:
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in BLOCKING:
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                found.append(f"{page.url} {violation['id']} ({violation['impact']}) at {node['target']}: {summary}")
    return found


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
