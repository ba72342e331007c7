"""A visitor's unfinished form, kept in their session: what they typed and the files they already sent.

The form posts to itself; valid input goes to a confirmation page (確認画面) and only then to
``case_submit``. On any error, or when the visitor goes back to edit, nothing typed or uploaded is lost.
"""

import uuid
from dataclasses import dataclass, field

from django.http import HttpRequest, QueryDict

from .models import StagedUpload
from .services import staged_upload_create, staged_upload_delete

SKIP_KEYS = {"csrfmiddlewaretoken", "lookup_postal", "remove_upload", "action"}


@dataclass
class Draft:
    key: str
    data: dict[str, list[str]] = field(default_factory=dict)
    uploads: list[str] = field(default_factory=list)
    nonce: str = field(default_factory=lambda: uuid.uuid4().hex)

    def querydict(self) -> QueryDict:
        qd = QueryDict(mutable=True)
        for name, values in self.data.items():
            qd.setlist(name, values)
        return qd


def session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def draft_load(request: HttpRequest, key: str) -> Draft:
    stored = request.session.get(key) or {}
    draft = Draft(key=key, data=stored.get("data", {}), uploads=stored.get("uploads", []))
    if stored.get("nonce"):
        draft.nonce = stored["nonce"]
    return draft


def draft_save(request: HttpRequest, draft: Draft) -> None:
    request.session[draft.key] = {"data": draft.data, "uploads": draft.uploads, "nonce": draft.nonce}


def draft_clear(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)


def draft_update_from_post(request: HttpRequest, draft: Draft) -> None:
    draft.data = {k: request.POST.getlist(k) for k in request.POST if k not in SKIP_KEYS}
    for token in request.POST.getlist("remove_upload"):
        if token in draft.uploads:
            staged_upload_delete(session_key=session_key(request), token=token)
            draft.uploads.remove(token)


def draft_stage_files(request: HttpRequest, draft: Draft, files, kinds: dict, id_document_type: str = "") -> None:
    """Keep every file that passed its checks, so the visitor never has to choose it again."""
    for name, checked in files:
        staged = staged_upload_create(
            session_key=session_key(request),
            checked=checked,
            kind=kinds[name],
            id_document_type=id_document_type if name == "id_document" else "",
        )
        draft.uploads.append(str(staged.token))


def draft_staged_uploads(request: HttpRequest, draft: Draft) -> list[StagedUpload]:
    if not draft.uploads or not request.session.session_key:
        return []
    found = StagedUpload.objects.filter(session_key=request.session.session_key, token__in=draft.uploads)
    return sorted(found, key=lambda s: draft.uploads.index(str(s.token)))


def draft_submission_key(request: HttpRequest, draft: Draft) -> str:
    """The draft's one-time key: the same draft sent twice (a double click, two tabs) files one case."""
    return draft.nonce
