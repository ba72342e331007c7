"""Administrators set the rules in the admin; destruction records there can only be read."""

import pytest

from privacydesk.retention.models import RetentionRule
from tests.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    return sign_in(client, UserFactory(role="admin", is_staff=True, is_superuser=True))


def rule_form(organization, **overrides) -> dict:
    data = {
        "organization": organization.pk,
        "data_kind": "id_documents",
        "case_kind": "",
        "action": "delete",
        "period_days": "14",
        "counted_from": "verification",
        "note": "Two weeks are enough to verify.",
    }
    return {**data, **overrides}


def test_an_administrator_adds_a_rule_and_a_wrong_one_is_refused(admin_client, organization):
    response = admin_client.post("/admin/retention/retentionrule/add/", rule_form(organization))
    assert response.status_code == 302
    assert RetentionRule.objects.get().period_days == 14

    wrong = rule_form(organization, data_kind="letters", action="anonymise", counted_from="verification")
    response = admin_client.post("/admin/retention/retentionrule/add/", wrong)
    assert response.status_code == 200 and RetentionRule.objects.count() == 1
    assert set(response.context["adminform"].form.errors) == {"action", "counted_from"}


def test_destruction_records_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/retention/destructionrecord/").status_code == 200
    assert admin_client.get("/admin/retention/destructionrecord/add/").status_code == 403
