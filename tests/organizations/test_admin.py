"""The desk profile in the admin: a configuration the law does not allow is refused with a clear message."""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.utils import translation

from privacydesk.organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_form(organization, **changes):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[Organization]
    form_class = model_admin.get_form(request, organization, change=True)
    data = {key: value for key, value in model_to_dict(organization).items() if value is not None} | changes
    return form_class(data=data, instance=organization)


def test_the_admin_accepts_a_complete_desk():
    form = admin_form(OrganizationFactory())
    assert form.is_valid(), form.errors


def test_the_admin_refuses_to_switch_off_an_appi_right_and_says_which():
    form = admin_form(OrganizationFactory(), request_types='["disclosure", "correction", "suspension"]')
    with translation.override("en"):
        assert not form.is_valid()
        (message,) = form.errors["request_types"]
    assert "cannot switch them off" in message and "Notice of the purpose of use" in message


def test_the_admin_refuses_a_desk_whose_public_notice_would_name_no_representative():
    form = admin_form(OrganizationFactory(), representative_ja="")
    with translation.override("en"):
        assert not form.is_valid()
        assert "must name the representative" in form.errors["representative_ja"][0]
