"""One factory per model, with the smallest valid defaults."""

import factory
from django.utils import timezone

from privacydesk.accounts.models import User
from privacydesk.cases.models import Case, Kind
from privacydesk.core.vocabulary import (
    Channel,
    FeeUnit,
    IdDocument,
    PaymentMethod,
    ReplyMethod,
    RequestType,
    VerificationMethod,
)
from privacydesk.organizations.models import Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"desk-{n}")
    name_ja = factory.Sequence(lambda n: f"架空商事{n}株式会社")
    name_en = factory.Sequence(lambda n: f"Kaku Trading {n} K.K.")
    postal_code = "135-0016"
    address_ja = "東京都江東区東陽9-9-9"
    address_en = "9-9-9 Toyo, Koto-ku, Tokyo"
    representative_ja = "代表取締役 架空 太郎"
    privacy_officer_ja = "個人情報保護管理者"
    phone = "03-5555-0000"
    email = "desk@kaku.example"
    channels = [Channel.WEB.value, Channel.POST.value]
    request_types = [t.value for t in RequestType if t.jurisdiction == "appi"]
    fee_amount = 1000
    fee_unit = FeeUnit.PER_CONTRACT.value
    fee_request_types = [RequestType.DISCLOSURE.value]
    payment_methods = [PaymentMethod.BANK_TRANSFER.value]
    verification_methods = [VerificationMethod.DOCUMENT.value]
    id_documents = [IdDocument.DRIVING_LICENCE.value, IdDocument.PASSPORT.value]
    reply_methods = [ReplyMethod.POST.value, ReplyMethod.ELECTRONIC.value]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"staff{n}")
    password = factory.django.Password("correct-horse-battery")
    role = "reception"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    organization = factory.SubFactory(OrganizationFactory)
    reference = factory.Sequence(lambda n: f"2611-TEST-{n:04d}")
    kind = Kind.INQUIRY
    received_at = factory.LazyFunction(timezone.now)
    language = "ja"
    name = "山田 太郎"
    email = "taro@example.com"
    email_key = "taro@example.com"


def totp_device_for(user, confirmed: bool = True):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="test", confirmed=confirmed)


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"
