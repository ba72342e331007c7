"""The demo policies carry the dates of the source policies they were modelled on (DOMAIN.md)."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from privacydesk.policies.models import PolicyVersion

pytestmark = pytest.mark.django_db


def test_demo_policies_take_effect_on_the_dates_of_their_source_policies():
    call_command("seed_demo", stdout=io.StringIO())
    dates = {
        slug: [v.effective_date for v in PolicyVersion.objects.filter(organization__slug=slug).order_by("number")]
        for slug in ("toto-voicenet", "hokushin-cluster", "lumina-web")
    }
    assert dates == {
        "toto-voicenet": [date(2007, 12, 1), date(2022, 4, 1)],  # established 2007-12-01
        "hokushin-cluster": [date(2005, 7, 1)],
        "lumina-web": [date(2017, 6, 21), date(2018, 7, 21)],  # established, then revised for the GDPR
    }
