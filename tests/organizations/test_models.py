import pytest
from django.core.exceptions import ValidationError

from privacydesk.core.vocabulary import FeeUnit, RequestType
from privacydesk.organizations.models import DeadlineRule
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_fee_is_charged_per_contract_only_for_charged_request_types():
    org = OrganizationFactory(fee_amount=1000, fee_unit=FeeUnit.PER_CONTRACT)
    assert org.fee_for(["disclosure"], units=3) == 3000
    assert org.fee_for(["disclosure", "correction"], units=2) == 2000
    assert org.fee_for(["correction"], units=3) == 0


def test_fee_per_request_ignores_units():
    org = OrganizationFactory(fee_amount=800, fee_unit=FeeUnit.PER_REQUEST)
    assert org.fee_for(["disclosure"], units=5) == 800


def test_the_law_allows_no_fee_for_correction():
    org = OrganizationFactory(fee_request_types=["correction"])
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "fee_request_types" in error.value.message_dict


def test_unknown_values_in_choice_lists_are_refused():
    org = OrganizationFactory(request_types=["disclosure", "teleport"])
    with pytest.raises(ValidationError):
        org.full_clean()


def test_gdpr_rights_are_offered_only_where_gdpr_is_enabled():
    types = ["disclosure", "gdpr_access", "ccpa_delete"]
    assert [t.value for t in OrganizationFactory(request_types=types).offered_request_types()] == ["disclosure"]
    org = OrganizationFactory(request_types=types, gdpr_enabled=True)
    assert org.offered_request_types() == [RequestType.DISCLOSURE, RequestType.GDPR_ACCESS]


def test_bilingual_fields_follow_the_active_language():
    from django.utils import translation

    org = OrganizationFactory(name_ja="架空商事株式会社", name_en="Kaku Trading K.K.")
    with translation.override("en"):
        assert org.name == "Kaku Trading K.K."
    with translation.override("ja"):
        assert org.name == "架空商事株式会社"
    org.name_en = ""
    with translation.override("en"):
        assert org.name == "架空商事株式会社"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"jurisdiction": "gdpr", "response_amount": 20}, "jurisdiction"),
        ({"jurisdiction": "ccpa", "response_amount": 60, "response_unit": "days"}, "jurisdiction"),
        ({"jurisdiction": "appi", "request_type": "gdpr_access", "response_amount": 5}, "request_type"),
        ({"jurisdiction": "appi", "response_amount": 10, "extension_amount": 10}, "extension_amount"),
    ],
)
def test_a_desks_deadline_rule_may_set_only_the_appi_target(fields, field):
    rule = DeadlineRule(organization=OrganizationFactory(), ack_amount=3, **fields)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert field in error.value.message_dict


def test_a_desks_appi_target_rule_is_accepted():
    rule = DeadlineRule(
        organization=OrganizationFactory(), jurisdiction="appi", kind="request", ack_amount=2, response_amount=7
    )
    rule.full_clean()
