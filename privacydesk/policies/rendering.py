"""Names of the policy languages as the visitor reads them, and the PDF of a version (WeasyPrint, IPAex fonts)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacydesk.core.vocabulary import Channel

LANGUAGE_NAMES = {"ja": _("Japanese"), "en": _("English")}


def policy_language_note(rendered, prevailing: str) -> str:
    """One coherent sentence on the language of the text shown: original or translation, and which text prevails.

    '' when the version has one language only (then the fallback note, if any, says the rest).
    """
    version = rendered.version
    if len(version.languages) < 2 or rendered.fallback:
        return ""
    shown = rendered.language
    other = "en" if shown == "ja" else "ja"
    names = {"shown": LANGUAGE_NAMES[shown], "other": LANGUAGE_NAMES[other],
             "original": LANGUAGE_NAMES[version.original_language]}  # fmt: skip
    if not rendered.is_original:
        if prevailing == shown:
            message = gettext(
                "This policy is translated into %(shown)s from the %(original)s original. In case of any "
                "difference between the two texts, however, this %(shown)s text prevails."
            )
        else:
            message = gettext(
                "This policy is translated into %(shown)s from the %(original)s original. In case of any "
                "difference between the two texts, the %(original)s original prevails."
            )
    elif prevailing == shown:
        message = gettext(
            "This is the original %(shown)s text of the policy; it is also published in %(other)s as a "
            "translation. In case of any difference between the two texts, this original prevails."
        )
    else:
        message = gettext(
            "This is the original %(shown)s text of the policy; it is also published in %(other)s as a "
            "translation. In case of any difference between the two texts, however, the %(other)s translation "
            "prevails."
        )
    return message % names


def policy_pdf_bytes(html: str) -> bytes:
    """A PDF from the PDF template (which carries its own <style>: fonts IPAexGothic and IPAexMincho)."""
    from weasyprint import HTML  # imported here: ~1 s and ~40 MB that no web page but the PDF needs

    return HTML(string=html, base_url=None).write_pdf()


def contact_lines(organization) -> list[tuple[str, str]]:
    """(label, value) for the channels the desk really accepts and has a number or address for, in its order.

    A number the desk does not take requests on (e.g. a switchboard) is left out, so no one is sent there.
    """
    values = {Channel.PHONE: organization.phone, Channel.FAX: organization.fax, Channel.EMAIL: organization.email}
    return [(str(Channel(code).label), values[code]) for code in organization.channels if values.get(code)]
