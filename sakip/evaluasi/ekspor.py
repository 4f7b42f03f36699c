"""The LHE history page of a unit (`evaluasi:unit`) as an Excel workbook: the component scores over the last five
evaluations with totals, predikat and change (table 3.1 of an LKjIP), the recommendations with their follow-up,
and the list of evaluations. Scores are written as numbers; texts typed by users are neutralised against
formulas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sakip.evaluasi import nilai
from sakip.evaluasi.models import EvaluasiAkip, Rekomendasi
from sakip.lib import angka, xlsx

TAHUN = "0"  # a year without a thousands separator


def _skor(v: Any) -> Any:
    return angka.KOSONG if v is None else xlsx.Sel(v, xlsx.DUA_DESIMAL)


def _tanggal(t: Any) -> str:
    return t.strftime("%d-%m-%Y") if t else ""


def riwayat_xlsx(
    *,
    unit: Any,
    tabel: nilai.Riwayat,
    evaluasi: Sequence[EvaluasiAkip],
    rekomendasi: Iterable[Rekomendasi],
) -> bytes:
    n = len(tabel.tahun)
    ada_perubahan = n > 1
    kolom = ["No", "Komponen Penilaian", *[str(t) for t in tabel.tahun]]
    nomor_kolom = ["(1)", "(2)", *[f"({k + 3})" for k in range(n)]]
    if ada_perubahan:
        kolom.append(f"Peningkatan/ Penurunan {tabel.tahun[-2]}–{tabel.tahun[-1]}")
        nomor_kolom.append(f"({n + 3}) = ({n + 2}) − ({n + 1})")
    baris: list[list[Any]] = []
    for k, b in enumerate(tabel.baris, start=1):
        baris.append(
            [k, b.nama, *[_skor(v) for v in b.nilai], *([_skor(b.perubahan)] if ada_perubahan else [])]
        )
    baris.append(
        [
            None,
            "Nilai Hasil Evaluasi AKIP",
            *[_skor(v) for v in tabel.total],
            *([_skor(tabel.perubahan_total)] if ada_perubahan else []),
        ]
    )
    baris.append(
        [
            None,
            "Kategori Penilaian",
            *[p.label if p else angka.KOSONG for p in tabel.predikat],
            *([None] if ada_perubahan else []),
        ]
    )
    judul = "Nilai Hasil Evaluasi Akuntabilitas Kinerja"
    if tabel.tahun:
        judul += f" Tahun {tabel.tahun[0]}" + (f"–{tabel.tahun[-1]}" if n > 1 else "")
    nilai_lhe = xlsx.Lembar(
        nama="Nilai LHE",
        judul=judul,
        subjudul=unit.nama,
        kolom=kolom,
        nomor_kolom=nomor_kolom if tabel.tahun else (),
        baris=baris if tabel.tahun else [],
        tebal=[False] * len(tabel.baris) + [True, True],
        lebar=[6, 44, *[10] * n, *([16] if ada_perubahan else [])],
        catatan=[
            "Nilai adalah poin dari bobot komponen menurut skema tiap tahun; total = jumlah nilai komponen, "
            "dihitung dengan presisi penuh. “–”: komponen belum dinilai atau tidak ada dalam skema tahun itu."
        ],
    )
    daftar_lhe = xlsx.Lembar(
        nama="Daftar LHE",
        judul="Laporan Hasil Evaluasi",
        subjudul=unit.nama,
        kolom=["Tahun", "Skema", "Evaluator", "Nomor LHE", "Tanggal LHE"],
        baris=[
            [
                xlsx.Sel(e.tahun, TAHUN),
                e.skema.nama,
                e.lembaga or angka.KOSONG,
                e.nomor_lhe,
                _tanggal(e.tanggal_lhe),
            ]
            for e in evaluasi
        ],
        lebar=[8, 40, 30, 24, 14],
    )
    daftar_rekomendasi = xlsx.Lembar(
        nama="Rekomendasi",
        judul="Rekomendasi dan tindak lanjut",
        subjudul=unit.nama,
        kolom=[
            "LHE",
            "No.",
            "Komponen",
            "Rekomendasi",
            "Tindak lanjut / rencana",
            "Penanggung jawab",
            "Batas waktu",
            "Sudah/ Belum",
        ],
        baris=[
            [
                xlsx.Sel(r.evaluasi.tahun, TAHUN),
                r.urutan,
                str(r.komponen) if r.komponen else angka.KOSONG,
                r.uraian,
                r.tindak_lanjut or angka.KOSONG,
                str(r.penanggung_jawab) if r.penanggung_jawab else "unit yang dievaluasi",
                _tanggal(r.batas_waktu),
                r.get_status_display(),
            ]
            for r in rekomendasi
        ],
        lebar=[8, 6, 24, 60, 60, 24, 12, 10],
    )
    return xlsx.tulis([nilai_lhe, daftar_rekomendasi, daftar_lhe])
