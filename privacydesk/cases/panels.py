"""What apps above ``cases`` add to the case's pages, registered when those apps load.

``cases`` never imports the apps built on it: the letters app, for one, registers its panel's form on the staff
case page (see ``selectors.case_page.case_page_context``) and its list of letters on the requester's tracking page
in its ``AppConfig.ready``; the pages show whatever is registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class TrackingSection:
    """A section of the tracking page: its template, included with ``section`` (this section's context)."""

    name: str
    template: str
    context: Callable[[Case], dict[str, Any]]


_TRACKING_SECTIONS: dict[str, TrackingSection] = {}


def tracking_section_register(*, name: str, template: str, context: Callable[[Case], dict[str, Any]]) -> None:
    """Add a section to the requester's tracking page; ``context(case)`` gives what its template shows."""
    _TRACKING_SECTIONS[name] = TrackingSection(name=name, template=template, context=context)


def tracking_sections(case: Case) -> list[dict[str, Any]]:
    """Each registered section for this case, in the order registered: ``{"name", "template", **context}``."""
    return [
        {"name": section.name, "template": section.template, **section.context(case)}
        for section in _TRACKING_SECTIONS.values()
    ]
