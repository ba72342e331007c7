"""The public notice (APPI Art. 32(1)) of every demo desk names the business, its address and its representative."""

import io

import pytest
from django.core.management import call_command

from privacydesk.organizations.models import Organization

pytestmark = pytest.mark.django_db

SLUGS = ("toto-voicenet", "hokushin-cluster", "minato-line", "lumina-web", "aoba-cloud")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_demo_notice_names_the_legal_entity_its_address_and_its_representative(client, language):
    call_command("seed_demo", stdout=io.StringIO())
    for slug in SLUGS:
        desk = Organization.objects.get(slug=slug)
        assert desk.notice_gaps() == []
        response = client.get(f"/{language}/{slug}/notice/")
        assert response.status_code == 200
        html = response.content.decode()
        business = html[html.index('id="notice-business"') : html.index('id="notice-purposes"')]
        for field in ("name", "address", "representative"):
            value = getattr(desk, f"{field}_{language}")
            assert value and value in business, (slug, language, field)
    lumina = Organization.objects.get(slug="lumina-web")
    assert lumina.name_ja.startswith("合同会社") and lumina.name_en.endswith("G.K.")  # a legal entity, not a team
