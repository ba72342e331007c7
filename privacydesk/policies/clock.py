"""The one place the policy pages read the date: what the public sees is decided by the date in Tokyo."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils.timezone import localtime, now

TOKYO = ZoneInfo("Asia/Tokyo")


def today() -> date:
    return localtime(now(), TOKYO).date()
