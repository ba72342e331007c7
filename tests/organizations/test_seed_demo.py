import pytest
from django.core.management import call_command

from privacydesk.accounts.models import User
from privacydesk.cases.forms import CaseForm
from privacydesk.cases.models import Case, Kind, Notification
from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS
from privacydesk.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_five_desks_and_is_safe_to_run_twice():
    call_command("seed_demo")
    call_command("seed_demo")
    assert set(Organization.objects.values_list("slug", flat=True)) == {
        "toto-voicenet",
        "hokushin-cluster",
        "minato-line",
        "lumina-web",
        "aoba-cloud",
    }
    assert Case.objects.count() == 15  # three sample cases per desk, once
    assert Notification.objects.filter(kind="acknowledgement").count() == 15
    assert User.objects.filter(username__in=["reception", "supervisor", "admin"]).count() == 3


def test_seed_demo_desks_keep_their_procedures():
    call_command("seed_demo")
    a = Organization.objects.get(slug="toto-voicenet")
    assert a.fee_for(["disclosure"], units=2) == 2000  # 1,000 JPY per contract
    c = Organization.objects.get(slug="minato-line")
    assert c.fee_unit == "per_line"
    d = Organization.objects.get(slug="lumina-web")
    assert d.gdpr_enabled and "gdpr_access" in [t.value for t in d.offered_request_types()]
    e = Organization.objects.get(slug="aoba-cloud")
    assert e.fee_amount == 0 and e.reply_methods == ["post"]


def test_seed_demo_adds_synthetic_cases_in_bulk():
    call_command("seed_demo", cases=500)
    assert Case.objects.count() == 15 + 500
    assert Case.objects.values("reference").distinct().count() == 515


def test_aoba_asks_for_an_identity_document_only_for_important_data():
    call_command("seed_demo")
    e = Organization.objects.get(slug="aoba-cloud")
    assert e.verification_methods[0] == "records"  # about two items it already holds, first
    assert "重要な情報のご請求の場合に限り" in e.intro_ja and "only for important data" in e.intro_en
    form = CaseForm(organization=e, kind=Kind.REQUEST)
    assert "id_document" in form.fields and not form.fields["id_document"].required  # offered, never demanded


def test_every_demo_desk_is_valid_and_its_request_form_offers_the_six_appi_rights():
    call_command("seed_demo")
    six = [t.value for t in APPI_STATUTORY_RIGHTS]
    for desk in Organization.objects.all():
        desk.full_clean()
        offered = [
            value for value, _label in CaseForm(organization=desk, kind=Kind.REQUEST).fields["request_types"].choices
        ]
        assert offered[:6] == six, desk.slug
        assert set(six) <= set(desk.request_types), desk.slug  # stored too, not only added when read
