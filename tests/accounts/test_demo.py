"""The demo accounts: every role, and a supervisor of one desk only (what another desk's data looks like to them)."""

import pytest

from privacydesk.accounts.demo import ACCOUNTS, demo_staff_create
from privacydesk.accounts.models import User
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SLUGS = ["toto-voicenet", "hokushin-cluster", "minato-line", "lumina-web", "aoba-cloud"]


def test_the_demo_has_a_supervisor_of_one_desk_beside_the_supervisor_of_all():
    organizations = [OrganizationFactory(slug=slug) for slug in SLUGS]
    assert demo_staff_create(organizations) == [username for username, *_ in ACCOUNTS]
    desks = {u.username: set(u.organizations.values_list("slug", flat=True)) for u in User.objects.all()}
    assert desks["supervisor"] == set(SLUGS)
    assert desks["supervisor-aoba"] == {"aoba-cloud"}
    assert User.objects.get(username="supervisor-aoba").is_supervisor
