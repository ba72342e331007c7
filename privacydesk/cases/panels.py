"""Work panels that apps above ``cases`` add to the staff case page, registered when those apps load.

``cases`` never imports the apps built on it: the letters app, for one, registers its panel's form in its
``AppConfig.ready`` and the case page shows it (see ``selectors.case_page.case_page_context``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms

from .models import Case


@dataclass(frozen=True)
class Panel:
    name: str
    form: Callable[[Case], forms.Form]


_PANELS: dict[str, Panel] = {}


def panel_register(*, name: str, form: Callable[[Case], forms.Form]) -> None:
    _PANELS[name] = Panel(name=name, form=form)


def panel_forms(case: Case) -> dict[str, forms.Form]:
    """Each registered panel's empty form for this case, by panel name."""
    return {panel.name: panel.form(case) for panel in _PANELS.values()}
