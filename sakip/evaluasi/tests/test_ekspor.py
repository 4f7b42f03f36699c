"""The LHE history and recommendations of a unit as an Excel workbook (demo: Setda Kaltim, seed 004)."""

from __future__ import annotations

import io
from decimal import Decimal as D

from django.urls import reverse
from openpyxl import load_workbook

from sakip.evaluasi import nilai
from sakip.evaluasi.models import EvaluasiAkip, Rekomendasi
from sakip.lib import xlsx
from sakip.lib.tests.test_xlsx import sama, teks_aman
from sakip.organisasi.models import Pengguna, UnitKerja


def _setda() -> UnitKerja:
    return UnitKerja.objects.get(pemda__kode="64", kode="SETDA")


def _url() -> str:
    return reverse("evaluasi:unit_xlsx", args=[_setda().pk])


def _login(client, username: str) -> None:
    client.force_login(Pengguna.objects.get(username=username))


def _buka(client):
    response = client.get(_url())
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.JENIS_MIME
    return load_workbook(io.BytesIO(response.content))


def test_history_sheet_holds_the_scores_of_the_page_as_numbers(demo, client):
    _login(client, "pimpinan.setda")
    ws = _buka(client)["Nilai LHE"]
    evaluasi = sorted(
        EvaluasiAkip.objects.filter(unit_kerja=_setda()).lengkap().order_by("-tahun")[:5],
        key=lambda e: e.tahun,
    )
    tabel = nilai.riwayat({e.tahun: (e.skema.komponen_murni(), e.nilai_per_kode()) for e in evaluasi})
    rows = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    kepala, nomor = rows[0], rows[1]
    n = len(tabel.tahun)
    assert kepala[2 : 2 + n] == [str(t) for t in tabel.tahun]
    assert nomor[-1] == f"({n + 3}) = ({n + 2}) − ({n + 1})"
    per_nama = {r[1]: r for r in rows[2:] if r[1]}
    for b in tabel.baris:
        r = per_nama[b.nama]
        assert all((v is None and s == "–") or sama(s, v) for s, v in zip(r[2 : 2 + n], b.nilai, strict=True))
    total = per_nama["Nilai Hasil Evaluasi AKIP"]
    assert all(sama(s, v) for s, v in zip(total[2 : 2 + n], tabel.total, strict=True) if v is not None)
    assert per_nama["Kategori Penilaian"][2 : 2 + n] == [p.label if p else "–" for p in tabel.predikat]
    # seed 004, "Tabel Penilaian SAKIP Setda Prov. Kaltim": 2023 total 81,80 (A), change 7,90
    assert sama(total[kepala.index("2023")], D("81.80"))
    assert sama(total[-1], tabel.perubahan_total)


def test_recommendations_sheet_lists_every_recommendation_with_text_neutralised(demo, client):
    r = (
        Rekomendasi.objects.filter(evaluasi__unit_kerja=_setda())
        .order_by("-evaluasi__tahun", "urutan")
        .first()
    )
    r.tindak_lanjut = "=1+1"
    r.save(update_fields=["tindak_lanjut"])
    _login(client, "pimpinan.setda")
    wb = _buka(client)
    rows = [list(x) for x in wb["Rekomendasi"].iter_rows(min_row=5, values_only=True)]
    tampil = EvaluasiAkip.objects.filter(unit_kerja=_setda()).order_by("-tahun")[:5]
    assert len(rows) == Rekomendasi.objects.filter(evaluasi__in=tampil).count() > 0
    baris = next(x for x in rows if x[3] == r.uraian)  # recommendations starting with "- " stay as typed
    assert baris[0] == r.evaluasi.tahun
    assert baris[4] == "=1+1"
    assert teks_aman(wb, "=1+1")
    assert teks_aman(wb, r.uraian) == r.uraian.startswith(xlsx.FORMULA_AWAL)
    assert wb["Rekomendasi"]["A5"].number_format == "0"  # a year, not 2.023


def test_outsider_gets_404_and_anonymous_the_login_page(demo, client):
    assert client.get(_url()).status_code == 302
    _login(client, "operator.adpim")  # Biro Adpim only: the Setda is outside its scope
    assert client.get(_url()).status_code == 404


def test_unit_page_links_its_workbook(demo, client):
    _login(client, "pimpinan.setda")
    body = client.get(reverse("evaluasi:unit", args=[_setda().pk])).content.decode()
    assert _url() in body
