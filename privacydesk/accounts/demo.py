"""Demo staff accounts (README lists them). Passwords are for the demo only."""

from privacydesk.organizations.models import Organization

from .models import Role, User

DEMO_PASSWORD = "privacydesk-demo"  # noqa: S105 - the published demo password

ACCOUNTS = [
    # username, role, language, desks (None: all)
    ("reception", Role.RECEPTION, "ja", None),
    ("reception-en", Role.RECEPTION, "en", ["lumina-web", "hokushin-cluster"]),
    ("supervisor", Role.SUPERVISOR, "ja", None),
    ("admin", Role.ADMIN, "en", None),
]


def demo_staff_create(organizations: list[Organization]) -> list[str]:
    by_slug = {o.slug: o for o in organizations}
    names = []
    for username, role, language, slugs in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"role": role, "language": language, "email": f"{username}@privacydesk.example"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMIN
            user.is_superuser = role == Role.ADMIN
            user.save()
        user.organizations.set([by_slug[s] for s in slugs] if slugs else organizations)
        names.append(username)
    return names
