import pytest

from tests.conftest import UNREACHABLE_BROKER, use_broker


@pytest.mark.django_db
@pytest.mark.redis
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker(client):
    with use_broker(UNREACHABLE_BROKER):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


def test_postal_code_api_answers_json(client):
    assert client.get("/api/postal-code/?code=1350016").json()["address"] == "東京都江東区東陽"
    assert client.get("/api/postal-code/?code=9999999").json() == {"found": False}
