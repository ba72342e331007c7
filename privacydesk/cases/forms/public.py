"""Public forms: validation and layout only. Nothing here writes; the views call services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from privacydesk.core import normalize
from privacydesk.core.forms import CleanInputForm
from privacydesk.core.vocabulary import FeeUnit, IdDocument, ReplyMethod
from privacydesk.organizations.models import Organization

from ..models import AgentType, AttachmentKind, Kind, Language
from ..selectors.public import reference_is_well_formed
from ..uploads import check_upload

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
FILE_FIELDS = {
    "id_document": AttachmentKind.ID_DOCUMENT,
    "authority_document": AttachmentKind.POWER_OF_ATTORNEY,
    "other_document": AttachmentKind.OTHER,
}
FILE_ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"


class UploadField(forms.FileField):
    """A file field whose cleaned value is a checked file (type sniffed, size limited)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_upload(upload) if upload else None


def _normalized(value: str, normalizer, message) -> str:
    if not value:
        return ""
    try:
        return normalizer(value)
    except ValueError:
        raise ValidationError(message) from None


PHONE_ERROR = _("Enter a telephone number of 10 or 11 digits, such as 03-1234-5678 (or +81 3 1234 5678).")
POSTAL_ERROR = _("Enter a postal code of 7 digits, such as 135-0016.")
FURIGANA_ERROR = _("Enter the furigana in katakana or hiragana, such as ヤマダ タロウ.")


class CaseForm(CleanInputForm):
    """One form for the three kinds of case; the fields depend on the kind and on the organisation."""

    # What is asked
    request_types = forms.MultipleChoiceField(
        label=_("What would you like us to do?"), widget=forms.CheckboxSelectMultiple
    )
    units = forms.IntegerField(label=_("Number of contracts"), min_value=1, max_value=99, initial=1)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    # About the person
    name = forms.CharField(label=_("Full name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    furigana = forms.CharField(label=_("Furigana (katakana)"), max_length=100, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric", "data-postal": "address"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    customer_number = forms.CharField(label=_("Customer or contract number"), max_length=50, required=False)
    # An agent
    agent_type = forms.ChoiceField(
        label=_("Who is filing?"), choices=AgentType.choices, required=False, widget=forms.RadioSelect, initial=""
    )
    agent_name = forms.CharField(label=_("Agent's full name"), max_length=100, required=False)
    agent_furigana = forms.CharField(label=_("Agent's furigana (katakana)"), max_length=100, required=False)
    agent_relationship = forms.CharField(label=_("Relationship to the person"), max_length=100, required=False)
    agent_email = forms.EmailField(label=_("Agent's e-mail address"), required=False)
    agent_phone = forms.CharField(label=_("Agent's telephone"), max_length=30, required=False)
    agent_postal_code = forms.CharField(
        label=_("Agent's postal code"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "data-postal": "agent_address"}),
    )
    agent_address = forms.CharField(label=_("Agent's address"), max_length=300, required=False)
    # Documents
    id_document_type = forms.ChoiceField(label=_("Identity document"), required=False)
    id_document = UploadField(label=_("Copy of the identity document"))
    authority_document = UploadField(label=_("Power of attorney or proof of legal representation"))
    other_document = UploadField(label=_("Other document"))
    # Reply
    reply_method = forms.ChoiceField(label=_("How should we send our answer?"), widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Language for our replies"), choices=Language.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("I agree to the handling of the personal information in this form as described above.")
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, organization: Organization, kind: Kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.kind = kind
        self.fields["language"].initial = (translation.get_language() or "ja")[:2]
        if kind == Kind.REQUEST:
            self._setup_request()
        else:
            for name in ("request_types", "units", "reply_method", "date_of_birth"):
                del self.fields[name]
            self.fields["message"].help_text = _("Please tell us what happened and what you would like us to do.")
        if kind != Kind.REQUEST or not organization.accepts_id_documents:
            del self.fields["id_document_type"]
            del self.fields["id_document"]
        else:
            self.fields["id_document_type"].choices = [("", "---------")] + [
                (d, IdDocument(d).label) for d in organization.id_documents
            ]
        self.helper = self._helper()

    def _setup_request(self) -> None:
        org = self.organization
        self.fields["request_types"].choices = [(t.value, t.label) for t in org.offered_request_types()]
        del self.fields["subject"]
        self.fields["message"].required = False
        self.fields["message"].label = _("Details that help us find the data")
        self.fields["message"].help_text = _(
            "For example the service you use, the period, or what you believe is wrong."
        )
        if org.fee_unit_needs_count and org.charged_request_types():
            self.fields["units"].label = (
                _("Number of contracts") if org.fee_unit == FeeUnit.PER_CONTRACT else _("Number of subscriber lines")
            )
            self.fields["units"].help_text = _(
                "The handling fee is charged per contract or line for the charged requests."
            )
        else:
            del self.fields["units"]
        self.fields["reply_method"].choices = org.reply_method_choices()
        self.fields["reply_method"].initial = org.reply_methods[0] if org.reply_methods else ReplyMethod.POST

    # --- layout
    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        present = set(self.fields)

        def only(*names):
            return [Field(n) for n in names if n in present]

        postal_button = HTML("{% include 'cases/public/_postal_button.html' with target='address' %}")
        agent_postal_button = HTML("{% include 'cases/public/_postal_button.html' with target='agent_address' %}")
        what = _("Your request") if self.kind == Kind.REQUEST else _("Your message")
        helper.layout = Layout(
            Fieldset(what, *only("request_types", "units", "subject", "message", "customer_number")),
            Fieldset(
                _("About the person the data is about"),
                *only("name", "furigana", "date_of_birth", "email", "phone", "postal_code"),
                postal_button,
                *only("address"),
            ),
            Fieldset(
                _("Filing for someone else"),
                *only("agent_type"),
                Div(
                    *only(
                        "agent_name",
                        "agent_furigana",
                        "agent_relationship",
                        "agent_email",
                        "agent_phone",
                        "agent_postal_code",
                    ),
                    agent_postal_button,
                    *only("agent_address"),
                    css_class="js-agent-fields",
                ),
            ),
            Fieldset(
                _("Documents"),
                HTML("{% include 'cases/public/_staged_uploads.html' %}"),
                *only("id_document_type", "id_document", "authority_document", "other_document"),
            ),
            Fieldset(_("Our reply"), *only("reply_method", "language")),
        )
        if "website" in present:
            helper.layout.append(Div(Field("website"), css_class="visually-hidden", aria_hidden="true"))
        if "consent" in present:
            helper.layout.append(
                Fieldset(_("Consent"), HTML("{% include 'cases/public/_consent_text.html' %}"), Field("consent"))
            )
        return helper

    # --- field cleaning
    def clean_phone(self) -> str:
        return _normalized(self.cleaned_data["phone"], normalize.normalize_phone, PHONE_ERROR)

    def clean_agent_phone(self) -> str:
        return _normalized(self.cleaned_data["agent_phone"], normalize.normalize_phone, PHONE_ERROR)

    def clean_postal_code(self) -> str:
        return _normalized(self.cleaned_data["postal_code"], normalize.normalize_postal_code, POSTAL_ERROR)

    def clean_agent_postal_code(self) -> str:
        return _normalized(self.cleaned_data["agent_postal_code"], normalize.normalize_postal_code, POSTAL_ERROR)

    def clean_furigana(self) -> str:
        return _normalized(self.cleaned_data["furigana"], normalize.normalize_furigana, FURIGANA_ERROR)

    def clean_agent_furigana(self) -> str:
        return _normalized(self.cleaned_data["agent_furigana"], normalize.normalize_furigana, FURIGANA_ERROR)

    def clean_address(self) -> str:
        return normalize.normalize_name(self.cleaned_data["address"])

    def clean_agent_address(self) -> str:
        return normalize.normalize_name(self.cleaned_data["agent_address"])

    def clean_name(self) -> str:
        name = normalize.normalize_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Enter your full name."))
        return name

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and (value > timezone.localdate() or value.year < 1900):
            raise ValidationError(_("Enter your date of birth: a date in the past, after 1900."))
        return value

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise ValidationError(
                _(
                    "We could not accept the form. Please leave the field “Leave this field empty” blank and send it again."
                )
            )
        return ""

    def clean(self):
        data = super().clean()
        if self.kind == Kind.REQUEST and data.get("reply_method") == ReplyMethod.POST:
            if not self.cleaned_data.get("address") and "address" not in self.errors:
                self.add_error("address", _("Enter the address we should send our answer to."))
            if not self.cleaned_data.get("postal_code") and "postal_code" not in self.errors:
                self.add_error("postal_code", _("Enter the postal code of that address."))
        if data.get("agent_type"):
            if not data.get("agent_name") and "agent_name" not in self.errors:
                self.add_error("agent_name", _("Enter the agent's full name."))
            if not (data.get("agent_email") or data.get("agent_phone")) and not (
                self.has_error("agent_email") or self.has_error("agent_phone")
            ):
                self.add_error(
                    "agent_email", _("Enter an e-mail address or telephone number where we can reach the agent.")
                )
        if data.get("id_document") and not data.get("id_document_type") and "id_document_type" in self.fields:
            self.add_error("id_document_type", _("Choose which identity document you are sending."))
        return data

    # --- for the views
    def uploaded_files(self) -> list[tuple[str, object]]:
        """(field name, checked file) for each file that passed its checks, even when other fields did not."""
        return self.uploaded_files_with(FILE_FIELDS)

    def uploaded_files_with(self, names) -> list[tuple[str, object]]:
        cleaned = getattr(self, "cleaned_data", {})
        return [(name, cleaned[name]) for name in names if cleaned.get(name)]

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the confirmation page, in form order, skipping empty and technical fields."""
        rows = []
        for name, bound in ((n, self[n]) for n in self.fields):
            if name in FILE_FIELDS or name in ("website", "consent"):
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            field = self.fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                choices = dict(field.choices)
                value = "\n".join(str(choices[v]) for v in value)  # one per line: labels contain commas
            elif isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)
            elif name in ("phone", "agent_phone"):
                value = normalize.format_phone(value)
            rows.append((str(bound.label), str(value)))
        return rows


class TrackingMessageForm(CleanInputForm):
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    document_kind = forms.ChoiceField(
        label=_("Kind of document"), choices=[("", "---------"), *AttachmentKind.choices], required=False
    )
    document = UploadField(label=_("Document"))

    def clean(self):
        data = super().clean()
        if not data.get("message") and not data.get("document") and not self.errors and not self.staged:
            raise ValidationError(_("Write a message or choose a document to send."))
        return data

    def __init__(self, *args, staged=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staged = list(staged)


class TrackingLookupForm(CleanInputForm):
    reference = forms.CharField(label=_("Reference number"), max_length=30)
    email = forms.EmailField(label=_("E-mail address you gave us"))

    def clean_reference(self) -> str:
        """Only the shape is checked (it says nothing about whether such a case exists)."""
        reference = self.cleaned_data["reference"]
        if not reference_is_well_formed(reference):
            raise ValidationError(_("Enter the reference number as it appears in our e-mail, such as 2611-K7M3-9QXR."))
        return reference
