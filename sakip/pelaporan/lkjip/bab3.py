"""BAB III AKUNTABILITAS KINERJA: LHE results, measurement, analysis per sasaran, efficiency, budget."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip.anggaran import queries as anggaran
from sakip.anggaran import tabel as anggaran_tabel
from sakip.evaluasi import nilai as evaluasi_nilai
from sakip.evaluasi.models import EvaluasiAkip, Rekomendasi
from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan import keputusan
from sakip.pelaporan.lkjip import analisis
from sakip.pelaporan.lkjip.bantu import (
    Penomoran,
    dari_tabel_anggaran,
    kalimat_anggaran,
    target_akhir,
    teks_atau,
    teks_kategori,
    teks_persen,
)
from sakip.pelaporan.lkjip.model import (
    KOSONG,
    RIWAYAT_LHE,
    RIWAYAT_TAHUN,
    Bab,
    Bagian,
    Grafik,
    Paragraf,
    Tabel,
    teks_sel,
)
from sakip.pelaporan.lkjip.model import Narasi as NarasiBlok
from sakip.pelaporan.lkjip.survei import (
    HasilSurvei,
    blok_ikm,
    hasil_survei,
    kelompok_survei,
    survei_per_indikator,
)
from sakip.pelaporan.models import TeksLaporan
from sakip.pengukuran import capaian as capaian_lib
from sakip.pengukuran import queries as pengukuran
from sakip.pengukuran.models import Narasi, Periode, Realisasi
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

# --- BAB III --------------------------------------------------------------------------------------------------------


def bab_3(
    renstra: RencanaStrategis,
    tahun: int,
    user: Any,
    pk: PerjanjianKinerja | None,
    capaian: pengukuran.TabelCapaian,
    per_sasaran: anggaran.AnggaranPerSasaran,
    pohon: anggaran.PohonAnggaran,
    nomor: Penomoran,
    *,
    teks: TeksLaporan | None = None,
) -> Bab:
    bab = Bab("III", "AKUNTABILITAS KINERJA")
    unit = renstra.unit_kerja
    gambar = Penomoran()
    teks = teks or TeksLaporan()
    lhe = _bagian_lhe(unit, tahun, nomor)
    lhe.blok += teks_atau(
        teks.penutup_lhe,
        f"Rekomendasi hasil evaluasi dan tindak lanjutnya menjadi dasar perbaikan implementasi SAKIP {unit.nama} "
        f"pada Tahun {tahun}.",
    )
    bab.bagian.append(lhe)

    ukur = Bagian("B. Pengukuran Kinerja")
    ukur.blok.append(
        Paragraf(
            f"Capaian kinerja {unit.nama} Tahun {tahun} sebesar {teks_persen(capaian.unit.nilai)}% dengan kategori "
            f"{teks_kategori(capaian.kategori_unit)}. Metode perhitungan: {capaian.unit.keterangan}. "
            f"Skala kategori: {capaian.skala.nama}."
        )
    )
    ukur.blok.append(_tabel_pengukuran(capaian, tahun, nomor(3)))
    ukur.blok.append(
        Grafik(
            gambar(3),
            f"Capaian Kinerja per Sasaran Strategis Tahun {tahun}",
            [f"Sasaran {k}" for k in range(1, len(capaian.sasaran) + 1)],
            {
                "Target": [Decimal(100)] * len(capaian.sasaran),
                "Capaian": [s.rollup.nilai for s in capaian.sasaran],
            },
        )
    )
    bab.bagian.append(ukur)

    analisis = Bagian("C. Analisis Capaian Kinerja")
    narasi = {n.indikator_id: n for n in Narasi.objects.filter(indikator__renstra=renstra, tahun=tahun)}
    masukan = {
        r.indikator_id: r.masukan
        for r in Realisasi.objects.filter(
            indikator__renstra=renstra, tahun=tahun, periode=Periode.TAHUN
        ).only("indikator_id", "masukan")
    }
    riwayat = pengukuran.riwayat_banyak([b.indikator for b in capaian.baris], tahun, RIWAYAT_TAHUN)
    per_indikator, tanpa_indikator = survei_per_indikator(
        hasil_survei(unit, tahun, user), [b.indikator for b in capaian.baris], unit
    )
    metode = anggaran.metode_efisiensi(unit.pemda_id)
    capaian_s = {s.sasaran.pk: s.rollup.nilai for s in capaian.sasaran}
    efisiensi = anggaran.efisiensi_per_sasaran(anggaran=per_sasaran, capaian=capaian_s, metode=metode)
    konteks = _KonteksSasaran(
        renstra,
        tahun,
        narasi,
        masukan,
        riwayat,
        per_indikator,
        nomor,
        gambar,
        efisiensi={e.sasaran.pk: e.hasil for e in efisiensi.baris},
        program={b.sasaran.pk: b.program for b in per_sasaran.sasaran},
    )
    for k, s in enumerate(capaian.sasaran, start=1):
        analisis.sub.append(_bagian_sasaran(k, s, konteks))
    if tanpa_indikator:
        lain = Bagian("Hasil Survei Kepuasan Masyarakat Unit Layanan")
        lain.blok.append(
            Paragraf(
                "Hasil survei kepuasan masyarakat unit layanan berikut tidak ditautkan ke indikator kinerja "
                "dalam laporan ini."
            )
        )
        for kelompok in kelompok_survei(tanpa_indikator):
            lain.blok += blok_ikm(kelompok, tahun)
        analisis.sub.append(lain)
    # C.5–C.7 as seed 004 numbers them, after the sasaran (1.–n.)
    n = len(capaian.sasaran)
    bagian_efisiensi = Bagian(f"{n + 1}. Analisis atas Efisiensi Penggunaan Sumber Daya")
    bagian_efisiensi.blok.append(Paragraf(f"Metode tingkat efisiensi: {efisiensi.label}."))
    bagian_efisiensi.blok.append(
        dari_tabel_anggaran(
            anggaran_tabel.tabel_3_16(efisiensi, tahun=tahun, ada_capaian=True), nomor(3), lebar=True
        )
    )
    program = Bagian(
        f"{n + 2}. Analisis Program yang Menunjang Keberhasilan/Kegagalan Pencapaian Pernyataan Kinerja"
    )
    tabel_program = dari_tabel_anggaran(anggaran_tabel.tabel_3_17(per_sasaran), nomor(3))
    program.blok += teks_atau(
        teks.analisis_program,
        f"Program yang menunjang keberhasilan atau kegagalan pencapaian sasaran strategis, dengan "
        f"penyerapan anggarannya, disajikan pada Tabel {tabel_program.nomor}.",
    )
    program.blok.append(tabel_program)
    banding = Bagian(
        f"{n + 3}. Analisis Perbandingan Realisasi Kinerja dengan Realisasi Kinerja {unit.pemda.nama}"
    )
    banding.blok += teks_atau(
        teks.perbandingan_kinerja,
        f"Indikator kinerja {unit.nama} merupakan penjabaran (cascading) indikator kinerja {unit.pemda.nama}; "
        f"realisasinya tidak dibandingkan langsung dengan realisasi kinerja {unit.pemda.nama} maupun nasional "
        "karena ukuran pada tingkat perangkat daerah berbeda dengan ukuran pada tingkat pemerintah daerah.",
    )
    analisis.sub += [bagian_efisiensi, program, banding]
    bab.bagian.append(analisis)

    realisasi = Bagian("D. Realisasi Anggaran")
    realisasi.blok.append(Paragraf(kalimat_anggaran(unit.nama, tahun, per_sasaran, pohon)))
    realisasi.blok.append(
        Grafik(
            gambar(3),
            f"Penyerapan Anggaran per Sasaran Strategis Tahun {tahun}",
            [f"Sasaran {k}" for k in range(1, len(per_sasaran.sasaran) + 1)],
            {"Penyerapan": [b.penyerapan for b in per_sasaran.sasaran]},
        )
    )
    if pk is not None:
        per_indikator = {
            b.indikator.pk: (b.realisasi, b.hasil.nilai, b.realisasi_teks) for b in capaian.baris
        }
        # values_list, not only(): the related manager reads each row's perjanjian_id, one query per deferred row
        cap = {
            line_pk: per_indikator.get(indikator_id, (None, None))
            for line_pk, indikator_id in pk.indikator.values_list("pk", "indikator_id")
        }
        data = anggaran.realisasi_per_pk(user=user, perjanjian=pk, capaian=cap)
        realisasi.blok.append(dari_tabel_anggaran(anggaran_tabel.tabel_3_18(data), nomor(3), lebar=True))
    realisasi.blok.append(dari_tabel_anggaran(anggaran_tabel.tabel_3_19(pohon), nomor(3), lebar=True))
    bab.bagian.append(realisasi)
    return bab


def _predikat(pita: Any) -> str:
    """ "BB (Sangat Baik)": the letter grade of PermenPANRB 88/2021 and its words; the label alone when the scale
    has no letter codes."""
    return f"{pita.kode} ({pita.label})" if pita.kode and pita.kode != pita.label else pita.label


def _bagian_lhe(unit: UnitKerja, tahun: int, nomor: Penomoran) -> Bagian:
    bagian = Bagian("A. Hasil Evaluasi Akuntabilitas Kinerja")
    evaluasi = sorted(
        EvaluasiAkip.objects.filter(unit_kerja=unit, tahun__lt=tahun)
        .lengkap()
        .order_by("-tahun")[:RIWAYAT_LHE],
        key=lambda e: e.tahun,
    )
    if not evaluasi:
        bagian.blok.append(Paragraf("Belum ada hasil evaluasi akuntabilitas kinerja yang tercatat."))
        return bagian
    riwayat = evaluasi_nilai.riwayat(
        {e.tahun: (e.skema.komponen_murni(), e.nilai_per_kode()) for e in evaluasi}
    )
    akhir = evaluasi[-1]
    predikat_akhir = riwayat.predikat[-1]
    bagian.blok.append(
        Paragraf(
            f"Hasil evaluasi akuntabilitas kinerja Tahun {akhir.tahun} oleh {akhir.lembaga or KOSONG}: nilai "
            f"{angka.format_angka(riwayat.total[-1])}"
            + (f" dengan predikat {_predikat(predikat_akhir)}." if predikat_akhir else ".")
        )
    )
    n_tahun = len(riwayat.tahun)
    t = Tabel(
        nomor(3),
        f"Nilai Hasil Evaluasi Akuntabilitas Kinerja Tahun {riwayat.tahun[0]}-{riwayat.tahun[-1]}",
        ["No.", "Komponen", *[str(th) for th in riwayat.tahun], "Perubahan"],
        nomor_kolom=["(1)", "(2)", *[f"({k + 3})" for k in range(n_tahun)], f"({n_tahun + 3})"],
        angka=[False, False, *[True] * n_tahun, True],
        bobot=[6, 40, *[10] * n_tahun, 12],
    )
    for k, b in enumerate(riwayat.baris, start=1):
        t.tambah(
            [f"{k}.", b.nama, *[teks_sel(v) for v in b.nilai], teks_sel(b.perubahan)],
            [k, b.nama, *b.nilai, b.perubahan],
        )
    t.tambah(
        [
            "",
            "Nilai Akuntabilitas Kinerja",
            *[teks_sel(v) for v in riwayat.total],
            teks_sel(riwayat.perubahan_total),
        ],
        ["", "Total", *riwayat.total, riwayat.perubahan_total],
        "total",
    )
    # the AKIP grade as evaluators print it ("BB"), with its meaning in words after it
    t.tambah(["", "Predikat", *[_predikat(p) if p else KOSONG for p in riwayat.predikat], ""], None, "total")
    bagian.blok.append(t)

    rekomendasi = list(
        Rekomendasi.objects.filter(evaluasi=akhir).select_related("komponen").order_by("urutan", "pk")
    )
    if rekomendasi:
        t = Tabel(
            nomor(3),
            "Rekomendasi, Tindak Lanjut, dan Rencana Aksi",
            ["No.", "Komponen", "Rekomendasi", "Tindak Lanjut / Rencana Aksi", "Status"],
            bobot=[5, 18, 35, 35, 10],
            lebar=True,
        )
        for k, r in enumerate(rekomendasi, start=1):
            t.tambah(
                [
                    f"{k}.",
                    r.komponen.nama if r.komponen else KOSONG,
                    r.uraian,
                    r.tindak_lanjut or KOSONG,
                    r.get_status_display(),
                ]
            )
        bagian.blok.append(t)
    return bagian


def _tabel_pengukuran(capaian: pengukuran.TabelCapaian, tahun: int, nomor: str) -> Tabel:
    t = Tabel(
        nomor,
        f"Pengukuran Kinerja Tahun {tahun}",
        [
            "No.",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
        ],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7=6/5*100)", "(8)"],
        angka=[False, False, False, False, True, True, True, False],
        lebar=True,
        bobot=[5, 25, 30, 8, 9, 9, 9, 12],
    )
    for k, s in enumerate(capaian.sasaran, start=1):
        for j, b in enumerate(s.baris):
            t.tambah(
                [
                    f"{k}." if j == 0 else "",
                    s.sasaran.uraian if j == 0 else "",
                    b.indikator.nama,
                    b.indikator.satuan,
                    b.target_teks,
                    b.realisasi_teks,
                    teks_persen(b.hasil.nilai),
                    teks_kategori(b.kategori),
                ],
                [
                    k,
                    s.sasaran,
                    b.indikator,
                    b.indikator.satuan,
                    b.target.nilai,
                    b.realisasi,
                    b.hasil.nilai,
                    teks_kategori(b.kategori),
                ],
                "sasaran" if j == 0 else "",
            )
        t.tambah(
            [
                "",
                "",
                f"Rata-rata capaian sasaran {k}",
                "",
                "",
                "",
                teks_persen(s.rollup.nilai),
                teks_kategori(s.kategori),
            ],
            ["", "", "rollup", "", None, None, s.rollup.nilai, teks_kategori(s.kategori)],
            "total",
        )
    t.tambah(
        [
            "",
            "",
            "Capaian kinerja unit",
            "",
            "",
            "",
            teks_persen(capaian.unit.nilai),
            teks_kategori(capaian.kategori_unit),
        ],
        ["", "", "unit", "", None, None, capaian.unit.nilai, teks_kategori(capaian.kategori_unit)],
        "total",
    )
    t.catatan = [f"Metode: {capaian.unit.keterangan}.", f"Skala kategori: {capaian.skala.nama}."]
    batas = capaian.pengaturan.batas_capaian
    if batas is not None:
        t.catatan.append(f"Batas atas capaian pemda: {angka.format_angka(batas)}.")
    return t


@dataclass
class _KonteksSasaran:
    """What every sasaran section reads, fetched once for the whole report."""

    renstra: RencanaStrategis
    tahun: int
    narasi: dict[int, Narasi]
    masukan: dict[int, dict[str, Any]]
    riwayat: dict[int, list[pengukuran.TitikRiwayat]]
    survei: dict[int, list[HasilSurvei]]
    nomor: Penomoran
    gambar: Penomoran
    efisiensi: dict[int, Any]  # sasaran id -> anggaran.efisiensi.HasilEfisiensi
    program: dict[int, list[anggaran.BarisProgram]]  # sasaran id -> its programs with their budget


def _fakta_sasaran(s: pengukuran.SasaranCapaian, konteks: _KonteksSasaran) -> analisis.FaktaSasaran:
    terukur = [b for b in s.baris if b.hasil.nilai is not None]
    efisiensi = konteks.efisiensi.get(s.sasaran.pk)
    return analisis.FaktaSasaran(
        uraian=s.sasaran.uraian,
        jumlah_indikator=len(s.baris),
        tercapai=sum(1 for b in terukur if b.hasil.nilai >= 100),
        terukur=len(terukur),
        capaian=s.rollup.nilai,
        kategori=s.kategori.label if s.kategori else "",
        efisiensi=efisiensi.nilai if efisiensi else None,
        efisien=efisiensi.efisien if efisiensi else None,
        program=[
            analisis.ProgramSasaran(p.nama, p.penyerapan) for p in konteks.program.get(s.sasaran.pk, [])
        ],
    )


def _fakta_indikator(
    b: pengukuran.BarisCapaian, konteks: _KonteksSasaran, kemajuan: Decimal | None
) -> analisis.FaktaIndikator:
    ind = b.indikator
    riwayat = konteks.riwayat[ind.pk]
    akhir, akhir_teks = target_akhir(ind, konteks.renstra)
    return analisis.FaktaIndikator(
        nama=ind.nama,
        satuan=ind.satuan,
        tahun=konteks.tahun,
        polaritas=str(ind.polaritas),
        target_teks=b.target_teks,
        realisasi=analisis.Titik(konteks.tahun, b.realisasi, b.realisasi_predikat),
        capaian=b.hasil.nilai,
        kategori=b.kategori.label if b.kategori else "",
        riwayat=[
            analisis.Titik(r.tahun, r.realisasi, r.predikat) for r in riwayat if r.tahun < konteks.tahun
        ],
        perubahan=riwayat[-1].perubahan if riwayat and riwayat[-1].tahun == konteks.tahun else None,
        target_akhir=akhir if not ind.is_predikat else None,
        target_akhir_teks=akhir_teks,
        tahun_akhir=konteks.renstra.tahun_selesai,
        kemajuan=kemajuan,
        keterangan=b.hasil.keterangan if b.hasil.nilai is None else "",
    )


def _bagian_sasaran(k: int, s: pengukuran.SasaranCapaian, konteks: _KonteksSasaran) -> Bagian:
    renstra, tahun, narasi, masukan = konteks.renstra, konteks.tahun, konteks.narasi, konteks.masukan
    nomor, gambar = konteks.nomor, konteks.gambar
    bagian = Bagian(f"{k}. Sasaran {k}: {s.sasaran.uraian}")
    bagian.blok += [Paragraf(p) for p in analisis.paragraf_sasaran(_fakta_sasaran(s, konteks))]
    # a. target vs realisasi
    t = Tabel(
        nomor(3),
        f"Perbandingan antara Target dan Realisasi Kinerja Tahun {tahun}",
        ["No.", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "% Capaian"],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)", "(6=5/4*100)"],
        angka=[False, False, False, True, True, True],
        bobot=[6, 50, 10, 11, 11, 12],
    )
    for j, b in enumerate(s.baris, start=1):
        t.tambah(
            [
                f"{j}.",
                b.indikator.nama,
                b.indikator.satuan,
                b.target_teks,
                b.realisasi_teks,
                teks_persen(b.hasil.nilai),
            ],
            [j, b.indikator, b.indikator.satuan, b.target.nilai, b.realisasi, b.hasil.nilai],
        )
    bagian.blok.append(Paragraf("a. Membandingkan antara target dan realisasi kinerja tahun ini", "tebal"))
    bagian.blok.append(t)

    # b. realisasi over the years
    tahun_list = list(range(tahun - RIWAYAT_TAHUN + 1, tahun + 1))
    t = Tabel(
        nomor(3),
        f"Perbandingan antara Realisasi Tahun {tahun_list[0]} s/d {tahun - 1} dengan Tahun {tahun}",
        [
            "No.",
            "Indikator Kinerja",
            "Satuan",
            *[f"Realisasi {th}" for th in tahun_list],
            f"% Peningkatan/ Penurunan Tahun {tahun}",
        ],
        nomor_kolom=[
            "(1)",
            "(2)",
            "(3)",
            *[f"({n})" for n in range(4, 4 + len(tahun_list))],
            f"({4 + len(tahun_list)}=({3 + len(tahun_list)}/{2 + len(tahun_list)}-1)*100)",
        ],
        angka=[False, False, False, *[True] * len(tahun_list), True],
        bobot=[6, 40, 10, *[9] * len(tahun_list), 12],
    )
    for j, b in enumerate(s.baris, start=1):
        riwayat = konteks.riwayat[b.indikator.pk]
        t.tambah(
            [
                f"{j}.",
                b.indikator.nama,
                b.indikator.satuan,
                *[r.predikat or teks_sel(r.realisasi) for r in riwayat],
                teks_sel(riwayat[-1].perubahan),
            ],
            [j, b.indikator, b.indikator.satuan, *[r.realisasi for r in riwayat], riwayat[-1].perubahan],
        )
    bagian.blok.append(
        Paragraf(
            "b. Membandingkan realisasi kinerja tahun ini dengan tahun lalu dan beberapa tahun terakhir",
            "tebal",
        )
    )
    bagian.blok.append(t)

    # c. vs the Renstra end target
    t = Tabel(
        nomor(3),
        f"Perbandingan Realisasi Kinerja Tahun {tahun} dengan Target RENSTRA",
        [
            "No.",
            "Indikator Kinerja",
            "Satuan",
            f"Target Akhir Renstra (Tahun {renstra.tahun_selesai})",
            f"Realisasi (Tahun {tahun})",
            "Tingkat Kemajuan",
        ],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)", "(6=5/4*100)"],
        angka=[False, False, False, True, True, True],
        bobot=[6, 44, 10, 14, 12, 14],
    )
    kemajuan_per_indikator: dict[int, Decimal | None] = {}
    for j, b in enumerate(s.baris, start=1):
        akhir, akhir_teks = target_akhir(b.indikator, renstra)
        kemajuan: Decimal | None = None
        if akhir is not None and not b.indikator.is_predikat:
            kemajuan = capaian_lib.tingkat_kemajuan(
                realisasi=b.realisasi,
                target_akhir=akhir,
                polaritas=capaian_lib.Polaritas(b.indikator.polaritas),
            ).nilai
        kemajuan_per_indikator[b.indikator.pk] = kemajuan
        t.tambah(
            [
                f"{j}.",
                b.indikator.nama,
                b.indikator.satuan,
                akhir_teks,
                b.realisasi_teks,
                teks_persen(kemajuan),
            ],
            [j, b.indikator, b.indikator.satuan, akhir, b.realisasi, kemajuan],
        )
    bagian.blok.append(
        Paragraf("c. Membandingkan realisasi kinerja tahun ini dengan target Renstra", "tebal")
    )
    bagian.blok.append(t)

    # d. analysis per indicator
    bagian.blok.append(Paragraf("d. Analisis capaian per indikator", "tebal"))
    for j, b in enumerate(s.baris, start=1):
        ind = b.indikator
        bagian.blok.append(Paragraf(f"{j}) {ind.nama}", "tebal"))
        if ind.formulasi or ind.formulasi_uraian:
            bagian.blok.append(Paragraf(f"Formulasi: {keputusan.rumus_teks(ind)}"))
        nilai_masukan = masukan.get(ind.pk) or {}
        for v in ind.variabel.all():
            if v.nama in nilai_masukan:
                teks = anggaran_tabel.format_bilangan(Decimal(str(nilai_masukan[v.nama])))
                bagian.blok.append(Paragraf(f"{v.label}: {teks} {v.satuan}".rstrip(), "daftar"))
        fakta = _fakta_indikator(b, konteks, kemajuan_per_indikator.get(ind.pk))
        bagian.blok += [Paragraf(p) for p in analisis.paragraf_indikator(fakta)]
        for kelompok in kelompok_survei(konteks.survei.get(ind.pk, [])):
            bagian.blok += blok_ikm(kelompok, tahun)
        n = narasi.get(ind.pk)
        if n is not None:
            for judul, isi in (
                ("Analisis", n.analisis),
                ("Faktor pendukung", n.faktor_pendukung),
                ("Faktor penghambat", n.faktor_penghambat),
                ("Permasalahan", n.permasalahan),
                ("Solusi / upaya", n.solusi),
            ):
                if isi.strip():
                    bagian.blok += [Paragraf(judul, "tebal"), NarasiBlok(isi)]
    bagian.blok.append(
        Grafik(
            gambar(3),
            f"Target dan Realisasi Sasaran {k} Tahun {tahun}",
            [b.indikator.kode for b in s.baris],
            {"Target": [b.target.nilai for b in s.baris], "Realisasi": [b.realisasi for b in s.baris]},
            satuan="",
        )
    )
    return bagian
