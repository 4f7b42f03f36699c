"""The public form's flood limit holds against answers sent in parallel (issue 19: 16 of 30 parallel answers were
accepted with a limit of 5, since the count was read before and written after the answer was stored)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from sakip.survei import pembatas
from sakip.survei.models import KuotaIsian, Respons
from sakip.survei.tests.conftest import data_post

PARALEL = 30


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: SQLite serialises whole transactions"
)
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_answers_from_one_address_store_at_most_the_limit(survei_a):
    url = reverse("survei:isi", args=[survei_a.kode])
    data = data_post(survei_a)
    mulai = threading.Barrier(PARALEL)
    status: list[int] = []
    isi: list[str] = []

    def kirim() -> None:
        try:
            mulai.wait(30)
            response = Client().post(url, data, REMOTE_ADDR="10.7.7.7")
            status.append(response.status_code)
            isi.append(response.content.decode())
        finally:
            connections.close_all()

    utas = [threading.Thread(target=kirim) for _ in range(PARALEL)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(120)
    assert len(status) == PARALEL
    assert status.count(302) == pembatas.BATAS_PER_KLIEN
    assert status.count(429) == PARALEL - pembatas.BATAS_PER_KLIEN
    assert all(
        "Terlalu banyak jawaban" in teks for kode, teks in zip(status, isi, strict=True) if kode == 429
    )
    assert Respons.objects.filter(survei=survei_a).count() == pembatas.BATAS_PER_KLIEN
    assert KuotaIsian.objects.get(survei=survei_a).jumlah == pembatas.BATAS_PER_KLIEN
    # Another address still answers.
    assert Client().post(url, data, REMOTE_ADDR="10.7.7.8").status_code == 302
