"""The result page of a survey (`survei:detail`) as an Excel workbook: the IKM with both weights, the NRR per unsur,
the lowest unsur, the respondent profile, the mutu bands and the respondents' suggestions. Figures come from
`queries.hasil_survei`, the same call the page makes; numbers are written as numbers, text (suggestions are typed
by the public) is neutralised against formulas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sakip.lib import angka, xlsx
from sakip.survei import ikm
from sakip.survei.queries import HasilSurvei

TIGA_DESIMAL = xlsx.format_desimal(3)
EMPAT_DESIMAL = xlsx.format_desimal(4)


def _sel(nilai: Decimal | None, format_angka: str) -> Any:
    return angka.KOSONG if nilai is None else xlsx.Sel(nilai, format_angka)


def _bobot(h: ikm.HasilIKM, jumlah_unsur: int) -> str:
    if h.bobot == ikm.Bobot.EKSAK:
        return f"1/{jumlah_unsur} (eksak)"
    return f"{angka.format_angka(h.nilai_bobot, 3)} (dibulatkan)"


def hasil_xlsx(hasil: HasilSurvei, saran: Iterable[tuple[dt.datetime, str, str]]) -> bytes:
    """`saran`: (filled in at, service, suggestion) of every response with a suggestion, newest first."""
    s = hasil.survei
    r = hasil.resmi
    subjudul = f"{s.unit_kerja.nama} · {s.get_periode_display()} {s.tahun} · {s.get_metode_display()}"
    ringkasan = xlsx.Lembar(
        nama="Ringkasan",
        judul=f"Hasil {s.nama}",
        subjudul=subjudul,
        kolom=["Uraian", "Nilai"],
        baris=[
            ["Jumlah responden", hasil.jumlah_respons],
            *[[f"Responden – {b.label}", b.jumlah] for b in hasil.per_sumber],
            ["Bobot IKM resmi", _bobot(r, s.jumlah_unsur)],
            ["IKM (Σ NRR × bobot)", _sel(r.ikm, TIGA_DESIMAL)],
            ["IKM unit pelayanan (IKM × 25)", _sel(r.ikm_unit, TIGA_DESIMAL)],
            ["IKM unit pelayanan dibulatkan", _sel(r.ikm_unit_dibulatkan, xlsx.DUA_DESIMAL)],
            ["Mutu pelayanan", r.kode_mutu or angka.KOSONG],
            ["Kinerja unit pelayanan", r.kinerja or angka.KOSONG],
            [
                "Unsur belum berjawaban",
                ", ".join(f"U{n}" for n in r.unsur_kosong) or angka.KOSONG,
            ],
        ],
        lebar=[36, 24],
        catatan=["Nilai dibulatkan ke dua desimal sebelum digolongkan; sel berisi nilai penuh."],
    )
    bobot = xlsx.Lembar(
        nama="IKM per bobot",
        judul="IKM menurut bobot unsur",
        subjudul=subjudul,
        kolom=["Bobot", "IKM (Σ NRR × bobot)", "IKM unit (× 25)", "Dibulatkan", "Mutu", "Kinerja", "Dipakai"],
        baris=[
            [
                _bobot(h, s.jumlah_unsur),
                _sel(h.ikm, EMPAT_DESIMAL),
                _sel(h.ikm_unit, TIGA_DESIMAL),
                _sel(h.ikm_unit_dibulatkan, xlsx.DUA_DESIMAL),
                h.kode_mutu or angka.KOSONG,
                h.kinerja or angka.KOSONG,
                "ya" if h.bobot == r.bobot else "",
            ]
            for h in hasil.kedua_bobot
        ],
        lebar=[22, 18, 16, 12, 8, 16, 10],
    )
    nrr = xlsx.Lembar(
        nama="NRR per unsur",
        judul="Nilai rata-rata per unsur (NRR)",
        subjudul=subjudul,
        kolom=["No", "Unsur", "Jumlah nilai", "Jawaban", "NRR", "NRR × bobot"],
        baris=[
            [
                f"U{u.nomor}",
                u.label,
                u.jumlah_nilai,
                u.jumlah_jawaban,
                _sel(u.nrr, TIGA_DESIMAL),
                _sel(u.nrr_tertimbang, TIGA_DESIMAL),
            ]
            for u in r.unsur
        ],
        lebar=[6, 44, 14, 10, 10, 14],
    )
    terendah = xlsx.Lembar(
        nama="Unsur terendah",
        judul="Tiga unsur dengan nilai terendah",
        subjudul=subjudul,
        kolom=["No", "Unsur", "NRR"],
        baris=[[f"U{u.nomor}", u.label, _sel(u.nrr, TIGA_DESIMAL)] for u in r.terendah],
        lebar=[6, 44, 10],
        catatan=["Unsur-unsur ini menjadi prioritas rencana tindak lanjut perbaikan pelayanan."],
    )
    profil = xlsx.Lembar(
        nama="Profil responden",
        judul="Profil responden",
        subjudul=subjudul,
        kolom=["Rincian", "Kategori", "Jumlah", "%"],
        baris=[
            [
                rincian.judul,
                b.label,
                b.jumlah,
                xlsx.Sel(
                    Decimal(100 * b.jumlah) / hasil.jumlah_respons if hasil.jumlah_respons else Decimal(0),
                    xlsx.format_desimal(1),
                ),
            ]
            for rincian in hasil.rincian
            for b in rincian.baris
        ],
        lebar=[16, 24, 10, 8],
    )
    mutu = xlsx.Lembar(
        nama="Mutu pelayanan",
        judul=f"Mutu pelayanan ({s.aturan.skala.nama})",
        kolom=["Mutu", "IKM unit" if s.aturan.klasifikasi_unit else "IKM (1–4)", "Kinerja unit pelayanan"],
        baris=[[p.kode, p.uraian(), p.label] for p in s.aturan.skala.pita],
        lebar=[8, 24, 24],
    )
    daftar_saran = xlsx.Lembar(
        nama="Saran",
        judul="Saran dan masukan responden",
        subjudul=subjudul,
        kolom=["Tanggal", "Jenis layanan", "Saran"],
        baris=[[waktu.strftime("%d-%m-%Y"), layanan, teks] for waktu, layanan, teks in saran],
        lebar=[12, 30, 80],
    )
    return xlsx.tulis([ringkasan, bobot, nrr, terendah, profil, mutu, daftar_saran])
