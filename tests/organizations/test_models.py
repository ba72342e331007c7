import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS, FeeUnit, RequestType
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
    assert OrganizationFactory(request_types=types).offered_request_types() == list(APPI_STATUTORY_RIGHTS)
    org = OrganizationFactory(request_types=types, gdpr_enabled=True)
    assert org.offered_request_types() == [*APPI_STATUTORY_RIGHTS, RequestType.GDPR_ACCESS]


def test_a_desk_that_leaves_out_an_appi_right_is_refused_with_the_missing_rights_named():
    org = OrganizationFactory(request_types=["disclosure", "correction", "suspension"])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        org.full_clean()
    (message,) = error.value.message_dict["request_types"]
    assert "cannot switch them off" in message
    for missing in ("Notice of the purpose of use", "Disclosure of records of provision to third parties",
                    "Suspension of provision to third parties"):  # fmt: skip
        assert missing in message
    assert "Correction, addition, deletion" not in message
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "利用目的の通知" in error.value.message_dict["request_types"][0]


def test_the_six_appi_rights_are_offered_whatever_the_stored_setting_says():
    org = OrganizationFactory.build(request_types=[])
    assert org.offered_request_types() == list(APPI_STATUTORY_RIGHTS)
    assert {t.value for t in APPI_STATUTORY_RIGHTS} == {t.value for t in RequestType if t.jurisdiction == "appi"}


def test_a_desk_with_the_six_rights_and_gdpr_rights_is_valid():
    OrganizationFactory(request_types=[*APPI_STATUTORY_RIGHTS, "gdpr_access"], gdpr_enabled=True).full_clean()


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


def test_a_desk_without_a_representative_is_refused_because_the_public_notice_names_one():
    org = OrganizationFactory(representative_ja="  ")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            org.full_clean()
        assert "must name the representative" in error.value.message_dict["representative_ja"][0]
    with translation.override("ja"):
        assert org.notice_gaps() == ["代表者（日本語）"]
    org.representative_ja = "代表取締役 架空 太郎"
    org.full_clean()
    assert org.notice_gaps() == []
