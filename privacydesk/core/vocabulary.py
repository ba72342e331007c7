"""The domain's shared vocabulary: request types under each law, channels, identity documents, fees.

Organisations choose from these lists what their desk offers; cases record which were used. Labels are
the glossary's terms (../shared/DOMAIN.md) and are translated like every other string.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Jurisdiction(models.TextChoices):
    APPI = "appi", _("APPI (Japan)")
    GDPR = "gdpr", _("GDPR (EU/EEA)")
    CCPA = "ccpa", _("CCPA/CPRA (California)")


class RequestType(models.TextChoices):
    # APPI
    PURPOSE_NOTICE = "purpose_notice", _("Notice of the purpose of use")
    DISCLOSURE = "disclosure", _("Disclosure")
    THIRD_PARTY_RECORDS = "third_party_records", _("Disclosure of records of provision to third parties")
    CORRECTION = "correction", _("Correction, addition, deletion")
    SUSPENSION = "suspension", _("Suspension of use, erasure")
    THIRD_PARTY_STOP = "third_party_stop", _("Suspension of provision to third parties")
    # GDPR
    GDPR_ACCESS = "gdpr_access", _("GDPR: access (Art. 15)")
    GDPR_RECTIFICATION = "gdpr_rectification", _("GDPR: rectification (Art. 16)")
    GDPR_ERASURE = "gdpr_erasure", _("GDPR: erasure (Art. 17)")
    GDPR_RESTRICTION = "gdpr_restriction", _("GDPR: restriction of processing (Art. 18)")
    GDPR_PORTABILITY = "gdpr_portability", _("GDPR: data portability (Art. 20)")
    GDPR_OBJECTION = "gdpr_objection", _("GDPR: objection (Art. 21)")
    # CCPA/CPRA
    CCPA_KNOW = "ccpa_know", _("CCPA: right to know / access")
    CCPA_DELETE = "ccpa_delete", _("CCPA: right to delete")
    CCPA_CORRECT = "ccpa_correct", _("CCPA: right to correct")
    CCPA_OPT_OUT = "ccpa_opt_out", _("CCPA: opt out of sale or sharing")
    CCPA_LIMIT = "ccpa_limit", _("CCPA: limit use of sensitive personal information")

    @property
    def jurisdiction(self) -> Jurisdiction:
        prefix = self.value.split("_", 1)[0]
        return Jurisdiction(prefix) if prefix in ("gdpr", "ccpa") else Jurisdiction.APPI

    @property
    def chargeable(self) -> bool:
        """APPI Art. 38: a fee only for the notice of purpose and disclosure (incl. third-party records)."""
        return self in CHARGEABLE_REQUEST_TYPES


# APPI Arts. 32(2), 33(1), 33(5), 34(1), 35(1) and 35(3): the six requests every business handling personal information must accept.
# A desk configures how requests reach it (channels, fees, documents), never which of these it accepts.
APPI_STATUTORY_RIGHTS = (
    RequestType.PURPOSE_NOTICE,
    RequestType.DISCLOSURE,
    RequestType.THIRD_PARTY_RECORDS,
    RequestType.CORRECTION,
    RequestType.SUSPENSION,
    RequestType.THIRD_PARTY_STOP,
)

CHARGEABLE_REQUEST_TYPES = frozenset(
    {RequestType.PURPOSE_NOTICE, RequestType.DISCLOSURE, RequestType.THIRD_PARTY_RECORDS}
)


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    POST = "post", _("Post")
    FAX = "fax", pgettext_lazy("channel", "FAX")
    PHONE = "phone", pgettext_lazy("channel", "Telephone")
    VISIT = "visit", _("Visit to the desk")
    EMAIL = "email", _("E-mail")


class IdDocument(models.TextChoices):
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    PASSPORT = "passport", _("Passport")
    MY_NUMBER_CARD = "my_number_card", _("My Number card (front only)")
    HEALTH_INSURANCE = "health_insurance", _("Health insurance card or eligibility certificate (numbers masked)")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    RESIDENT_REGISTER_CARD = "resident_register_card", _("Residents' basic register card")
    RESIDENT_CERTIFICATE = "resident_certificate", _("Certificate of residence (without the Individual Number)")
    OTHER_OFFICIAL = "other_official", _("Other official identity document")


class FeeUnit(models.TextChoices):
    PER_CONTRACT = "per_contract", _("per contract")
    PER_LINE = "per_line", _("per subscriber line")
    PER_REQUEST = "per_request", _("per request")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    POSTAL_MONEY_ORDER = "postal_money_order", _("Postal money order")
    POSTAGE_STAMPS = "postage_stamps", _("Postage stamps")
    CASH_AT_DESK = "cash_at_desk", _("Cash at the desk")


class ReplyMethod(models.TextChoices):
    POST = "post", _("By post (sealed letter)")
    ELECTRONIC = "electronic", _("Electronically (download from the tracking page)")


class VerificationMethod(models.TextChoices):
    RECORDS = "records", _("Items that match our records")
    DOCUMENT = "document", _("Copy of an identity document")
    ACCOUNT = "account", _("The logged-in account of the service")
