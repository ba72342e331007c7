"""Names of the policy languages as the visitor reads them, and the PDF of a version (WeasyPrint, IPAex fonts)."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES = {"ja": _("Japanese"), "en": _("English")}


def policy_pdf_bytes(html: str) -> bytes:
    """A PDF from the PDF template (which carries its own <style>: fonts IPAexGothic and IPAexMincho)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
