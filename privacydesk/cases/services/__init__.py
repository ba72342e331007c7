"""Services: the only code that writes cases. Keyword-only arguments, one transaction each."""

from .intake import (
    Agent,
    Requester,
    Submission,
    case_submit,
    requester_message_add,
    staged_upload_create,
    staged_upload_delete,
    staged_uploads_purge,
    tracking_link_resend,
)
from .transitions import case_transition

__all__ = [
    "Agent",
    "Requester",
    "Submission",
    "case_submit",
    "case_transition",
    "requester_message_add",
    "staged_upload_create",
    "staged_upload_delete",
    "staged_uploads_purge",
    "tracking_link_resend",
]
