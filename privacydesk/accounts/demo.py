"""Demo staff accounts (README lists them). Passwords are for the demo only."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from privacydesk.organizations.models import Organization

from .models import Role, User

DEMO_PASSWORD = "privacydesk-demo"  # noqa: S105 - the published demo password

ACCOUNTS = [
    # username, role, language, desks (None: all), TOTP secret (base32; `oathtool --totp -b SECRET`)
    ("reception", Role.RECEPTION, "ja", None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    ("reception-en", Role.RECEPTION, "en", ["lumina-web", "hokushin-cluster"], "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
    ("supervisor", Role.SUPERVISOR, "ja", None, "ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU"),
    # One desk only: what a supervisor of one organisation sees (the audit log, exports) stays within it.
    ("supervisor-aoba", Role.SUPERVISOR, "ja", ["aoba-cloud"], "ON2XAZLSOZUXG33SFVQW6YTBFVSGK43L"),
    ("admin", Role.ADMIN, "en", None, "MFSG22LOMFSG22LOMFSG22LOMFSG22LO"),
]


def demo_staff_create(organizations: list[Organization]) -> list[str]:
    by_slug = {o.slug: o for o in organizations}
    names = []
    for username, role, language, slugs, secret in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"role": role, "language": language, "email": f"{username}@privacydesk.example"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMIN
            user.is_superuser = role == Role.ADMIN
            user.save()
        user.organizations.set([by_slug[s] for s in slugs] if slugs else organizations)
        key = base64.b32decode(secret).hex()
        TOTPDevice.objects.update_or_create(user=user, name="demo", defaults={"key": key, "confirmed": True})
        names.append(username)
    return names
