"""The health check (`/sehat/`) used by nginx/monitoring and by `make bench` as its minimal-view baseline."""

from unittest import mock

from django.db import DatabaseError
from django.urls import reverse


def test_health_answers_ok_without_login_and_shows_no_data(client, db):
    response = client.get(reverse("sehat"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_does_not(client, db):
    with mock.patch(
        "config.views.connection.cursor", side_effect=DatabaseError("server closed the connection")
    ):
        response = client.get(reverse("sehat"))
    assert response.status_code == 503
    assert response.json() == {"status": "basis data tidak tersedia"}
