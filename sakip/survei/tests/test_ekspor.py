"""A survey's result page as an Excel workbook: the page's figures as numbers, public text neutralised."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from sakip.lib import xlsx
from sakip.lib.tests.test_xlsx import sama, teks_aman
from sakip.organisasi.models import Pengguna
from sakip.survei import queries
from sakip.survei.models import Respons, Survei


def _survei(periode: str = "S2") -> Survei:
    return Survei.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA.ADPIM", tahun=2024, periode=periode
    )


def _url(periode: str = "S2") -> str:
    return reverse("survei:detail_xlsx", args=[_survei(periode).pk])


def _login(client, username: str) -> None:
    client.force_login(Pengguna.objects.get(username=username))


def _isi(ws) -> dict:
    return {r[0].value: r for r in ws.iter_rows(min_row=5)}


def test_workbook_holds_what_the_result_page_computes(demo, client):
    _login(client, "pimpinan.adpim")
    response = client.get(_url())
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.JENIS_MIME
    wb = load_workbook(io.BytesIO(response.content))
    hasil = queries.hasil_survei(_survei())
    ringkasan = {k: r[1].value for k, r in _isi(wb["Ringkasan"]).items()}
    assert ringkasan["Jumlah responden"] == hasil.jumlah_respons == 127
    assert sama(ringkasan["IKM unit pelayanan (IKM × 25)"], hasil.resmi.ikm_unit)
    assert sama(ringkasan["IKM unit pelayanan dibulatkan"], hasil.resmi.ikm_unit_dibulatkan)
    assert ringkasan["IKM unit pelayanan dibulatkan"] == 86.42
    assert ringkasan["Mutu pelayanan"] == "B"
    assert _isi(wb["Ringkasan"])["IKM unit pelayanan dibulatkan"][1].number_format == "#,##0.00"
    nrr = _isi(wb["NRR per unsur"])
    for u in hasil.resmi.unsur:
        r = nrr[f"U{u.nomor}"]
        assert r[1].value == u.label
        assert (r[2].value, r[3].value) == (u.jumlah_nilai, u.jumlah_jawaban)
        assert sama(r[4].value, u.nrr)
        assert r[4].number_format == "#,##0.000"
    bobot = list(wb["IKM per bobot"].iter_rows(min_row=5, values_only=True))
    assert [sama(r[3], h.ikm_unit_dibulatkan) for r, h in zip(bobot, hasil.kedua_bobot, strict=True)] == [
        True
    ] * 2
    assert [r[0].value for r in wb["Unsur terendah"].iter_rows(min_row=5) if r[2].value is not None] == [
        f"U{u.nomor}" for u in hasil.resmi.terendah
    ]
    profil = {(r[0], r[1]): r[2] for r in wb["Profil responden"].iter_rows(min_row=5, values_only=True)}
    assert (profil[("Jenis kelamin", "Laki-laki")], profil[("Jenis kelamin", "Perempuan")]) == (61, 66)


def test_suggestions_typed_by_the_public_cannot_run_as_formulas(demo, client):
    s = _survei()
    Respons.objects.create(
        survei=s, saran='=HYPERLINK("http://contoh.invalid","klik")', **{f"u{i}": 3 for i in range(1, 10)}
    )
    Respons.objects.create(
        survei=s, saran="+62 811 1234", layanan="@layanan", **{f"u{i}": 3 for i in range(1, 10)}
    )
    _login(client, "pimpinan.adpim")
    wb = load_workbook(io.BytesIO(client.get(_url()).content))
    for teks in ('=HYPERLINK("http://contoh.invalid","klik")', "+62 811 1234", "@layanan"):
        assert teks_aman(wb, teks), teks


def test_outsider_gets_404_and_anonymous_the_login_page(demo, client):
    assert client.get(_url()).status_code == 302
    _login(client, "operator.organisasi")  # another biro of the same pemda
    assert client.get(_url()).status_code == 404


def test_result_page_links_its_workbook(demo, client):
    _login(client, "pimpinan.adpim")
    body = client.get(reverse("survei:detail", args=[_survei().pk])).content.decode()
    assert _url() in body
