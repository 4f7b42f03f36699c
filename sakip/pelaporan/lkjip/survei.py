"""The citizen-satisfaction survey (IKM) results inside BAB III's analysis of the indicators that use them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.lkjip.model import KOSONG, Blok, Paragraf, Tabel
from sakip.survei import ikm
from sakip.survei import queries as survei_queries
from sakip.survei.models import Survei

# --- Survei Kepuasan Masyarakat ------------------------------------------------------------------------------------
# Seed 004 reports the SKM of a unit inside the analysis of the IKM indicator it measures (BAB III C, sasaran 4,
# "2) Indeks Kepuasan Masyarakat Perangkat Daerah"): respondents, the nine averages, the IKM and its mutu per
# semester, and the lowest unsur. The figures come from `sakip.survei.queries`, as on the survey's own page.

_KATA_IKM = re.compile(r"\b(ikm|skm)\b|kepuasan", re.IGNORECASE)


@dataclass
class HasilSurvei:
    survei: Survei
    jumlah_respons: int
    hasil: ikm.HasilIKM


def hasil_survei(unit: UnitKerja, tahun: int, user: Any) -> list[HasilSurvei]:
    """Every survey of the unit and its subtree for the year with its official result (one aggregate query)."""
    qs = (
        Survei.objects.visible_to(user)
        .filter(unit_kerja__jalur__startswith=unit.jalur, tahun=tahun)
        .select_related("unit_kerja")
        .with_rekap()
        .order_by("unit_kerja__jalur", "metode", "periode", "pk")
    )
    return [HasilSurvei(s, int(s.jumlah_respons), survei_queries.hitung(s, vars(s))) for s in qs]


def _mengukur_ikm(ind: Any) -> bool:
    return bool(_KATA_IKM.search(ind.nama) or _KATA_IKM.search(ind.sumber_data or ""))


def survei_per_indikator(
    daftar: list[HasilSurvei], indikator: list[Any], unit: UnitKerja
) -> tuple[dict[int, list[HasilSurvei]], list[HasilSurvei]]:
    """Where each survey is reported: under the indicator it feeds (linked on the survey page), else under an IKM
    indicator its unit is responsible for (seed 004: the SKM of Biro Administrasi Pimpinan under IKU13), else, for a
    survey of the report's own unit, under the first IKM indicator without another responsible unit. The rest go
    to a section of their own, so that no survey of the unit is left out."""
    ids = {i.pk for i in indikator}
    ikm_indikator = [i for i in indikator if _mengukur_ikm(i)]
    per: dict[int, list[HasilSurvei]] = defaultdict(list)
    sisa: list[HasilSurvei] = []
    for h in daftar:
        s = h.survei
        tujuan = s.indikator_id if s.indikator_id in ids else None
        if tujuan is None:
            tujuan = next((i.pk for i in ikm_indikator if i.penanggung_jawab_id == s.unit_kerja_id), None)
        if tujuan is None and s.unit_kerja_id == unit.pk:
            tujuan = next((i.pk for i in ikm_indikator if i.penanggung_jawab_id in (None, unit.pk)), None)
        if tujuan is None:
            sisa.append(h)
        else:
            per[tujuan].append(h)
    return per, sisa


def kelompok_survei(daftar: list[HasilSurvei]) -> list[list[HasilSurvei]]:
    """The surveys of one unit and method side by side (Semester I, Semester II, Tahunan)."""
    kelompok: dict[tuple[int, str], list[HasilSurvei]] = {}
    for h in daftar:
        kelompok.setdefault((h.survei.unit_kerja_id, h.survei.metode), []).append(h)
    return list(kelompok.values())


def _nilai_mutu(h: ikm.HasilIKM, aturan: ikm.AturanMetode) -> Decimal | None:
    """The value the mutu is read from: the IKM unit (PermenPANRB 14/2017) or the 1–4 IKM (KepMenPAN 25/2004)."""
    return h.ikm_unit_dibulatkan if aturan.klasifikasi_unit else h.ikm_dibulatkan


def _teks_bobot(h: ikm.HasilIKM, aturan: ikm.AturanMetode) -> str:
    if h.bobot == ikm.Bobot.EKSAK:
        return f"1/{aturan.jumlah_unsur} (eksak)"
    return f"{angka.format_angka(h.nilai_bobot, 3)} (dibulatkan)"


def _kalimat_ikm(h: HasilSurvei, aturan: ikm.AturanMetode) -> list[Paragraf]:
    s, r = h.survei, h.hasil
    periode = f"{s.get_periode_display()} {s.tahun}"
    if not r.ada:
        sebab = (
            "unsur " + ", ".join(f"U{n}" for n in r.unsur_kosong) + " belum memiliki jawaban"
            if h.jumlah_respons
            else "belum ada jawaban"
        )
        return [
            Paragraf(f"{periode}: {h.jumlah_respons} responden; IKM belum dapat dihitung karena {sebab}.")
        ]
    nilai = _nilai_mutu(r, aturan)
    if aturan.klasifikasi_unit:
        teks_nilai = (
            f"nilai Indeks Kepuasan Masyarakat (IKM) unit pelayanan {angka.format_angka(r.ikm_unit_dibulatkan)} "
            f"({angka.format_angka(r.ikm_unit, 3)} sebelum dibulatkan)"
        )
    else:
        teks_nilai = f"nilai Indeks Kepuasan Masyarakat (IKM) {angka.format_angka(r.ikm_dibulatkan)}"
    kalimat = [
        f"Jumlah responden {periode} yakni {h.jumlah_respons} orang, {teks_nilai} dengan mutu pelayanan "
        f"{r.kode_mutu} yang berarti kinerja unit pelayanan {r.kinerja}."
    ]
    if r.mutu is not None and nilai is not None:
        lebih_tinggi = [
            p
            for p in aturan.skala.pita
            if p.bawah is not None and r.mutu.atas is not None and p.bawah >= r.mutu.atas
        ]
        standar = aturan.skala.nama[:1].lower() + aturan.skala.nama[1:]
        banding = (
            f"Dibandingkan dengan standar {standar}, nilai tersebut berada pada interval mutu {r.kode_mutu} "
            f"({r.mutu.uraian()})"
        )
        if lebih_tinggi:
            atas = min(lebih_tinggi, key=lambda p: p.bawah or Decimal(0))
            assert atas.bawah is not None
            banding += (
                f"; diperlukan kenaikan {angka.format_angka(atas.bawah - nilai)} poin untuk mencapai mutu "
                f"{atas.kode} ({atas.label})."
            )
        else:
            banding += ", mutu tertinggi."
        kalimat.append(banding)
    if r.terendah:
        kalimat.append(
            "Unsur pelayanan dengan nilai rata-rata terendah: "
            + "; ".join(f"{u.label} ({angka.format_angka(u.nrr, 3)})" for u in r.terendah)
            + "; unsur-unsur ini menjadi prioritas rencana tindak lanjut perbaikan pelayanan."
        )
    return [Paragraf(" ".join(kalimat))]


def blok_ikm(kelompok: list[HasilSurvei], tahun: int) -> list[Blok]:
    """The SKM results of one unit for the year: paragraphs, the per-unsur table and the comparison with the
    standard's mutu bands. Both tables are unnumbered, as in seed 004, so the chapter's numbering stays."""
    pertama = kelompok[0].survei
    aturan = pertama.aturan
    unit = pertama.unit_kerja.nama
    periode = [h.survei.get_periode_display() for h in kelompok]
    n = len(kelompok)
    blok: list[Blok] = [
        Paragraf(
            f"Hasil Survei Kepuasan Masyarakat (SKM) {unit} Tahun {tahun}, metode {aturan.nama}", "tebal"
        )
    ]
    for h in kelompok:
        blok += _kalimat_ikm(h, aturan)

    t = Tabel(
        "",
        f"Hasil Survei Kepuasan Masyarakat {unit} Tahun {tahun}",
        ["No.", "Unsur Pelayanan", *periode],
        nomor_kolom=[f"({k})" for k in range(1, n + 3)],
        angka=[False, False, *[True] * n],
        bobot=[8, 50, *[14] * n],
    )
    for i, u in enumerate(kelompok[0].hasil.unsur):
        nrr = [h.hasil.unsur[i].nrr if i < len(h.hasil.unsur) else None for h in kelompok]
        t.tambah(
            [f"U{u.nomor}", u.label, *[angka.format_angka(v, 3) for v in nrr]],
            [f"U{u.nomor}", u.label, *nrr],
        )
    hasil = [h.hasil for h in kelompok]
    ringkasan: list[tuple[str, list[str], list[Any], str]] = [
        (
            "Jumlah responden",
            [str(h.jumlah_respons) for h in kelompok],
            [h.jumlah_respons for h in kelompok],
            "",
        ),
        ("Bobot per unsur", [_teks_bobot(r, aturan) for r in hasil], [r.nilai_bobot for r in hasil], ""),
        (
            "IKM (Σ NRR × bobot)",
            [angka.format_angka(r.ikm, 3) for r in hasil],
            [r.ikm for r in hasil],
            "" if aturan.klasifikasi_unit else "total",
        ),
    ]
    if aturan.klasifikasi_unit:
        ringkasan.append(
            (
                f"IKM unit pelayanan (konversi IKM × {ikm.KONVERSI_UNIT})",
                [angka.format_angka(r.ikm_unit_dibulatkan) for r in hasil],
                [r.ikm_unit for r in hasil],
                "total",
            )
        )
    ringkasan += [
        ("Mutu pelayanan", [r.kode_mutu or KOSONG for r in hasil], [r.kode_mutu for r in hasil], "total"),
        ("Kinerja unit pelayanan", [r.kinerja or KOSONG for r in hasil], [r.kinerja for r in hasil], ""),
        (
            "Unsur terendah",
            [", ".join(f"U{u.nomor}" for u in r.terendah) or KOSONG for r in hasil],
            [", ".join(f"U{u.nomor}" for u in r.terendah) for r in hasil],
            "",
        ),
    ]
    for label, teks, nilai, gaya in ringkasan:
        t.tambah(["", label, *teks], ["", label, *nilai], gaya)
    t.catatan = [
        "NRR = Σ nilai unsur / jumlah jawaban; IKM = Σ (NRR × bobot)"
        + (
            f"; IKM unit pelayanan = IKM × {ikm.KONVERSI_UNIT}, dibulatkan dua desimal sebelum digolongkan."
            if aturan.klasifikasi_unit
            else "; dibulatkan dua desimal sebelum digolongkan."
        ),
        f"Sumber: Survei Kepuasan Masyarakat {unit} Tahun {tahun}, diolah.",
    ]
    blok.append(t)

    standar = Tabel(
        "",
        f"Perbandingan IKM {unit} Tahun {tahun} dengan Standar Mutu Pelayanan",
        [
            "Mutu Pelayanan",
            "Nilai Interval Konversi IKM" if aturan.klasifikasi_unit else "Nilai Interval IKM",
            "Kinerja Unit Pelayanan",
            *periode,
        ],
        nomor_kolom=[f"({k})" for k in range(1, n + 4)],
        angka=[False, False, False, *[True] * n],
        bobot=[14, 26, 24, *[14] * n],
    )
    for pita in aturan.skala.pita:
        nilai = [
            _nilai_mutu(r, aturan) if r.mutu is not None and r.mutu.kode == pita.kode else None for r in hasil
        ]
        standar.tambah(
            [
                pita.kode,
                pita.uraian(),
                pita.label,
                *["" if v is None else angka.format_angka(v) for v in nilai],
            ],
            [pita.kode, pita.uraian(), pita.label, *nilai],
            "total" if any(v is not None for v in nilai) else "",
        )
    standar.catatan = [f"Standar: {aturan.skala.nama}; nilai dibulatkan dua desimal sebelum digolongkan."]
    blok.append(standar)
    return blok
