from .public import FILE_FIELDS, CaseForm, TrackingLookupForm, TrackingMessageForm, UploadField

__all__ = ["FILE_FIELDS", "CaseForm", "TrackingLookupForm", "TrackingMessageForm", "UploadField"]
