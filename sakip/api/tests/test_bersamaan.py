"""Simultaneous first creates of one realisasi through the API, on real parallel connections (issue 19: 20 clients
got 8 × 400 "already exists" instead of the documented 409)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests.factories import renstra_dengan_iku

PARALEL = 20

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: SQLite serialises whole transactions"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_twenty_simultaneous_first_creates_store_one_realisasi_and_answer_409_to_the_rest(org, operator_a):
    indikator = renstra_dengan_iku(org.biro_a, by=operator_a).indikator.get(kode="IKU01")
    token = Token.objects.create(user=operator_a).key
    mulai = threading.Barrier(PARALEL)
    jawaban: list[tuple[int, dict]] = []

    def buat(n: int) -> None:
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            mulai.wait(30)
            response = client.post(
                "/api/realisasi/",
                {
                    "indikator": indikator.pk,
                    "tahun": 2024,
                    "periode": "TW1",
                    "masukan": {"selesai": str(n), "usulan": "40"},
                },
                format="json",
            )
            jawaban.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    utas = [threading.Thread(target=buat, args=(n,)) for n in range(1, PARALEL + 1)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(120)
    status = sorted(kode for kode, _ in jawaban)
    assert status == [201] + [409] * (PARALEL - 1), [j for j in jawaban if j[0] not in (201, 409)]
    [disimpan] = Realisasi.objects.filter(indikator=indikator)
    [dibuat] = [isi for kode, isi in jawaban if kode == 201]
    assert dibuat["id"] == disimpan.pk
    assert str(disimpan.nilai) == dibuat["nilai"]  # the winner's value; no loser overwrote it
    assert disimpan.versi == 1
    for kode, isi in jawaban:
        if kode == 409:
            assert "sudah diubah oleh operator_a" in isi["detail"] or "baru saja disimpan" in isi["detail"], (
                isi
            )
