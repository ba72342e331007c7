from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "privacydesk.letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        # Imported here, not at the top: they import models, which exist only once the apps are loaded.
        from privacydesk.cases import panels, timeline
        from privacydesk.cases.choices import EventKind

        from .forms import letter_form_for_case
        from .selectors import letters_sent
        from .timeline import describe_letter_event

        timeline.describer_register(EventKind.LETTER, describe_letter_event)
        panels.panel_register(name="letter", form=letter_form_for_case)
        panels.tracking_section_register(
            name="letters",
            template="letters/_track_letters.html",
            context=lambda case: {"letters": list(letters_sent(case=case))},
        )
