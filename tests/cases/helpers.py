"""Building blocks for case tests: a valid form post and a submission for the service."""

from privacydesk.cases.models import Kind
from privacydesk.cases.services import Requester, Submission


def form_data(kind: str = "request", **overrides) -> dict:
    data = {
        "name": "山田 太郎",
        "furigana": "やまだ たろう",
        "email": "taro@example.com",
        "phone": "０３－１２３４－５６７８",
        "postal_code": "１３５００１６",
        "address": "東京都江東区東陽1-1-1",
        "language": "ja",
        "consent": "on",
        "agent_type": "",
    }
    if kind == "request":
        data.update({"request_types": ["disclosure"], "units": "2", "reply_method": "post"})
    else:
        data.update({"subject": "利用目的について", "message": "教えてください。"})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submission(kind: Kind = Kind.REQUEST, **overrides) -> Submission:
    values = {
        "kind": kind,
        "language": "ja",
        "request_types": ["disclosure"] if kind == Kind.REQUEST else [],
        "requester": Requester(name="山田 太郎", email="Taro@Example.com", phone="0312345678"),
        "units": 1,
    }
    values.update(overrides)
    return Submission(**values)


def with_version(case, data: dict) -> dict:
    """A post from the case page: its form carries the case version the page showed, as a browser sends it."""
    from privacydesk.cases.models import Case

    return {**data, "version": Case.objects.values_list("version", flat=True).get(pk=case.pk)}
