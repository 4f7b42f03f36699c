"""Workbooks of the LKE evaluation: the worksheet in the layout evaluators use, the pemda-wide recap with ranking,
and the list of evidence per document type for upload to the national e-SAKIP review (ESR).

Scores are numbers (full precision, shown with 2 decimals); texts typed by users are written as inert text.
"""

from __future__ import annotations

from typing import Any

from sakip.evaluasi import services
from sakip.evaluasi.models import (
    BuktiLembar,
    Jawaban,
    JenisDokumen,
    KriteriaSkema,
    LembarKerja,
    PutaranEvaluasi,
)
from sakip.lib import angka, xlsx

NILAI = "#,##0.00"
NILAI_KRITERIA = "0.00"


def _n(v: Any) -> Any:
    return angka.KOSONG if v is None else xlsx.Sel(v, NILAI)


def lke_xlsx(lembar: LembarKerja, *, penilai: bool) -> bytes:
    """The LKE of one unit: component, sub-component and criterion rows (evidence items below a criterion scored
    per evidence) with the self-assessment and, for reviewers or once scored, each tier's answers and the score.

    Reviewers see every tier; the unit sees its own answers and, once scored, the final answers."""
    putaran = lembar.putaran
    tingkat = list(enumerate(putaran.tingkat_reviu, start=1))
    if penilai:
        tampil = [(i, nama) for i, nama in tingkat if i <= lembar.tahap]
    elif lembar.status == LembarKerja.Status.DINILAI:
        tampil = [(lembar.tahap, putaran.tingkat_reviu[lembar.tahap - 1])]
    else:
        tampil = []
    mandiri = services.hasil_lembar(lembar, 0)
    akhir = services.hasil_lembar(lembar, tampil[-1][0]) if tampil else None
    jawab = {(a.kriteria_id, a.bukti_id, a.tingkat): a for a in Jawaban.objects.filter(lembar=lembar)}
    bukti: dict[int, list[str]] = {}
    for b in BuktiLembar.objects.filter(lembar=lembar):
        bukti.setdefault(b.kriteria_id, []).append(b.label)
    kriteria = services._kriteria_skema(putaran.skema_id)
    kolom = [
        "Kode",
        "Komponen / Sub-komponen / Kriteria",
        "Bobot",
        "Jenis jawaban",
        "Bukti dukung",
        "Jawaban PD",
        "Catatan PD",
        "Nilai PD",
    ]
    for _, nama in tampil:
        kolom += [f"Jawaban {nama}", f"Catatan {nama}"]
    if akhir:
        kolom.append("Nilai akhir")
    lebar_tier = [10, 30] * len(tampil)
    baris: list[list[Any]] = []
    tebal: list[bool] = []

    def tambah(isi: list[Any], tebal_: bool = False) -> None:
        baris.append(isi)
        tebal.append(tebal_)

    komponen = list(putaran.skema.komponen.select_related("induk"))
    for k in (k for k in komponen if k.induk_id is None):
        isi = [k.kode, k.nama, _n(k.bobot), "", "", "", "", _n(mandiri.komponen.get(k.kode))]
        isi += [""] * (2 * len(tampil))
        if akhir:
            isi.append(_n(akhir.komponen.get(k.kode)))
        tambah(isi, True)
        for s in (s for s in komponen if s.induk_id == k.pk):
            isi = [s.kode, s.nama, _n(s.bobot), "", "", "", "", _n(mandiri.sub.get(s.kode))]
            isi += [""] * (2 * len(tampil))
            if akhir:
                isi.append(_n(akhir.sub.get(s.kode)))
            tambah(isi, True)
            for kr in (kr for kr in kriteria if kr.komponen_id == s.pk):
                per_bukti = kr.dinilai_per == KriteriaSkema.DinilaiPer.BUKTI and kr.bukti.exists()
                lampiran = "; ".join(bukti.get(kr.pk, []))
                a0 = None if per_bukti else jawab.get((kr.pk, None, 0))
                isi = [
                    kr.kode,
                    kr.uraian,
                    "",
                    kr.get_jenis_jawaban_display() + (" (per bukti)" if per_bukti else ""),
                    lampiran or "; ".join(b.nama for b in kr.bukti.all()),
                    a0.jawaban if a0 else "",
                    a0.catatan if a0 else "",
                    xlsx.Sel(mandiri.kriteria[kr.kode], NILAI_KRITERIA),
                ]
                for t, _ in tampil:
                    a = None if per_bukti else jawab.get((kr.pk, None, t))
                    isi += [a.jawaban if a else "", a.catatan if a else ""]
                if akhir:
                    isi.append(xlsx.Sel(akhir.kriteria[kr.kode], NILAI_KRITERIA))
                tambah(isi)
                if per_bukti:
                    for b in kr.bukti.all():
                        a0 = jawab.get((kr.pk, b.pk, 0))
                        isi = [
                            "",
                            f"• {b.nama}",
                            "",
                            "",
                            "",
                            a0.jawaban if a0 else "",
                            a0.catatan if a0 else "",
                            "",
                        ]
                        for t, _ in tampil:
                            a = jawab.get((kr.pk, b.pk, t))
                            isi += [a.jawaban if a else "", a.catatan if a else ""]
                        if akhir:
                            isi.append("")
                        tambah(isi)
    isi = ["", "Nilai akhir", xlsx.Sel(100, NILAI), "", "", "", "", _n(mandiri.total)]
    isi += [""] * (2 * len(tampil))
    if akhir:
        isi.append(_n(akhir.total))
    tambah(isi, True)
    isi = ["", "Predikat", "", "", "", "", "", f"{mandiri.predikat.kode} ({mandiri.predikat.label})"]
    isi += [""] * (2 * len(tampil))
    if akhir:
        isi.append(f"{akhir.predikat.kode} ({akhir.predikat.label})")
    tambah(isi, True)
    lembar_kerja = xlsx.Lembar(
        nama="LKE",
        judul=f"Lembar Kerja Evaluasi AKIP Tahun {putaran.tahun}",
        subjudul=f"{lembar.unit_kerja.nama} — {putaran.skema.nama} — status: {lembar.get_status_display()}",
        kolom=kolom,
        baris=baris,
        tebal=tebal,
        lebar=[8, 60, 8, 16, 40, 10, 30, 10, *lebar_tier, *([10] if akhir else [])],
        catatan=[
            "Nilai kriteria 0–1 = nilai jawaban (Y = 1, T = 0; berjenjang menurut skala skema); kriteria yang dinilai per "
            "bukti dukung = rata-rata bukti dukungnya. Nilai sub-komponen = rata-rata nilai kriteria × bobot "
            "(kriteria belum dijawab = 0); nilai komponen = jumlah sub-komponen; nilai akhir = jumlah komponen.",
        ],
    )
    return xlsx.tulis([lembar_kerja])


def rekap_xlsx(putaran: PutaranEvaluasi, baris: list[dict[str, Any]]) -> bytes:
    """Every unit of the round with self and final totals, predikat and ranking (by the final total)."""
    isi = []
    for b in baris:
        akhir = b["akhir"]
        isi.append(
            [
                b.get("peringkat") or angka.KOSONG,
                b["lembar"].unit_kerja.nama,
                b["lembar"].get_status_display(),
                _n(b["mandiri"].total),
                _n(akhir.total) if akhir else angka.KOSONG,
                f"{akhir.predikat.kode} {akhir.predikat.label}" if akhir else angka.KOSONG,
                _n(akhir.total - b["mandiri"].total) if akhir else angka.KOSONG,
            ]
        )
    return xlsx.tulis(
        [
            xlsx.Lembar(
                nama="Rekap",
                judul=f"Rekapitulasi Nilai Evaluasi AKIP Tahun {putaran.tahun}",
                subjudul=f"{putaran.pemda} — {putaran.nama}",
                kolom=[
                    "Peringkat",
                    "Unit kerja",
                    "Status",
                    "Nilai mandiri",
                    "Nilai akhir",
                    "Predikat",
                    "Selisih",
                ],
                baris=isi,
                lebar=[10, 50, 22, 14, 14, 24, 12],
                catatan=["Peringkat menurut nilai akhir; unit yang belum dinilai tanpa peringkat."],
            )
        ]
    )


def bukti_xlsx(putaran: PutaranEvaluasi, lembar: list[LembarKerja], *, dasar_url: str = "") -> bytes:
    """The evidence of every worksheet, one sheet per document type, for upload to the e-SAKIP review (ESR)."""
    label = dict(JenisDokumen.choices)
    per_jenis: dict[str, list[list[Any]]] = {}
    for b in (
        BuktiLembar.objects.filter(lembar__in=lembar)
        .select_related("lembar__unit_kerja", "kriteria", "bukti_skema", "dokumen")
        .order_by("sumber_jenis", "lembar__unit_kerja__jalur", "kriteria__urutan", "pk")
    ):
        per_jenis.setdefault(b.sumber_jenis, []).append(
            [
                b.lembar.unit_kerja.nama,
                b.kriteria.kode,
                b.bukti_skema.nama if b.bukti_skema else angka.KOSONG,
                b.label,
                f"{dasar_url}{b.url}",
                b.dokumen.sha256[:16] if b.dokumen else angka.KOSONG,
            ]
        )
    daftar = [
        xlsx.Lembar(
            nama=label.get(jenis, jenis),
            judul=f"Bukti dukung: {label.get(jenis, jenis)}",
            subjudul=f"{putaran.pemda} — {putaran.nama}",
            kolom=["Unit kerja", "Kriteria", "Bukti yang diminta", "Dokumen", "Tautan", "SHA-256 (awal)"],
            baris=rows,
            lebar=[40, 10, 40, 50, 60, 18],
        )
        for jenis, rows in per_jenis.items()
    ]
    return xlsx.tulis(daftar)
