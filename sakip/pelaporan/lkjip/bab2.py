"""BAB II PERENCANAAN KINERJA: Renstra, IKU, Perjanjian Kinerja and the budget for the strategic goals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sakip.anggaran import queries as anggaran
from sakip.anggaran import tabel as anggaran_tabel
from sakip.anggaran.models import JenisBelanja
from sakip.lib import angka
from sakip.pelaporan.lkjip.bantu import Penomoran, dari_tabel_anggaran, teks_atau
from sakip.pelaporan.lkjip.model import KOSONG, Bab, Bagian, Paragraf, Tabel
from sakip.pelaporan.lkjip.pk import bangun_pk
from sakip.pelaporan.models import TeksLaporan
from sakip.perencanaan import queries as perencanaan
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

# --- BAB II ---------------------------------------------------------------------------------------------------------


def _pihak(nama: str, jabatan: str) -> str:
    if nama and jabatan:
        return f"{nama} ({jabatan})"
    return nama or jabatan or "pihak yang belum diisi"


def kalimat_pk(pk: PerjanjianKinerja, tahun: int) -> str:
    """Who agreed to the PK; a draft is said to be a draft, never "ditandatangani"."""
    pertama = _pihak(pk.pihak_pertama_nama, pk.pihak_pertama_jabatan)
    kedua = _pihak(pk.pihak_kedua_nama, pk.pihak_kedua_jabatan)
    if pk.status == PerjanjianKinerja.Status.FINAL:
        return (
            f"Perjanjian Kinerja Tahun {tahun} (versi {pk.versi}) ditandatangani oleh {pertama} dan {kedua}."
        )
    return (
        f"Perjanjian Kinerja Tahun {tahun} masih berupa draf (versi {pk.versi}) dan belum ditandatangani; "
        f"para pihak: {pertama} dan {kedua}. Angka di bawah ini mengikuti draf tersebut."
    )


def bab_2(
    renstra: RencanaStrategis,
    tahun: int,
    pk: PerjanjianKinerja | None,
    per_sasaran: anggaran.AnggaranPerSasaran,
    nomor: Penomoran,
    *,
    user: Any = None,
    teks: TeksLaporan | None = None,
) -> Bab:
    bab = Bab("II", "PERENCANAAN KINERJA")
    data = perencanaan.renstra_lengkap(renstra)
    tahun_renstra = renstra.tahun
    teks = teks or TeksLaporan()
    unit = renstra.unit_kerja

    rencana = Bagian("A. Rencana Strategis")
    rencana.blok += teks_atau(
        teks.pengantar_renstra,
        f"Rencana Strategis {unit.nama} Tahun {renstra.tahun_mulai}–{renstra.tahun_selesai} merupakan "
        f"penjabaran Rencana Pembangunan Jangka Menengah Daerah (RPJMD) {unit.pemda.nama} sesuai tugas dan "
        "fungsi perangkat daerah, sehingga setiap tujuan dan sasaran strategisnya sejalan dengan RPJMD.",
    )
    if renstra.visi:
        rencana.blok.append(Paragraf(f"Visi: {renstra.visi}"))
    rencana.blok += [Paragraf(m, "daftar") for m in renstra.daftar_misi]
    n_th = len(tahun_renstra)
    t = Tabel(
        nomor(2),
        "Tujuan, Indikator Tujuan, Sasaran Strategis, Indikator Kinerja dan Target",
        ["Tujuan", "Indikator Tujuan", *[f"Target Tujuan {th}" for th in tahun_renstra]]
        + ["Sasaran Strategis", "Indikator Kinerja", "Satuan"]
        + [f"Target {th}" for th in tahun_renstra],
        angka=[False, False, *[True] * n_th, False, False, False, *[True] * n_th],
        lebar=True,
        bobot=[18, 18, *[7] * n_th, 18, 22, 8, *[7] * n_th],
    )

    def target_sel(ind: Any) -> list[str]:
        return [tg.teks if tg is not None else KOSONG for tg in ind.target_per_tahun]

    def target_tujuan(tj: Any) -> list[str]:
        """Each year's targets of the tujuan's indicators, one line per indicator (as the names are)."""
        daftar = tj.daftar_indikator
        if not daftar:
            return [KOSONG] * n_th
        return ["\n".join(target_sel(i)[k] for i in daftar) for k in range(n_th)]

    for tj in data["tujuan"]:
        ind_tujuan = "\n".join(i.nama for i in tj.daftar_indikator) or KOSONG
        pertama_tujuan = True
        for s in tj.daftar_sasaran or [None]:
            daftar_ind = s.daftar_indikator if s is not None else []
            for k, ind in enumerate(daftar_ind or [None]):
                t.tambah(
                    [
                        tj.uraian if pertama_tujuan else "",
                        ind_tujuan if pertama_tujuan else "",
                        *(target_tujuan(tj) if pertama_tujuan else [""] * n_th),
                        (s.uraian if s is not None else KOSONG) if k == 0 else "",
                        ind.nama if ind else KOSONG,
                        ind.satuan if ind else "",
                        *(target_sel(ind) if ind else [""] * n_th),
                    ],
                    [
                        tj,
                        None,
                        *[None] * n_th,
                        s,
                        ind,
                        None,
                        *(_target_nilai(ind) if ind else [None] * n_th),
                    ],
                    "sasaran" if pertama_tujuan else "",
                )
                pertama_tujuan = False
    for s in data["sasaran_tanpa_tujuan"]:
        for k, ind in enumerate(s.daftar_indikator or [None]):
            t.tambah(
                [
                    KOSONG if k == 0 else "",
                    "",
                    *[""] * n_th,
                    s.uraian if k == 0 else "",
                    ind.nama if ind else KOSONG,
                    ind.satuan if ind else "",
                    *(target_sel(ind) if ind else [""] * n_th),
                ],
                [None, None, *[None] * n_th, s, ind, None, *(_target_nilai(ind) if ind else [None] * n_th)],
            )
    rencana.blok.append(t)
    t = Tabel(
        nomor(2),
        "Program/Kegiatan untuk mencapai Tujuan/Sasaran",
        ["No.", "Sasaran Strategis / Program", "Perangkat Daerah"],
        bobot=[8, 70, 22],
    )
    for k, b in enumerate(per_sasaran.sasaran, start=1):
        t.tambah([f"Sasaran {k}", b.sasaran.uraian, ""], [k, b.sasaran, ""], "sasaran")
        for j, p in enumerate(b.program, start=1):
            t.tambah([f"{k}.{j}", p.nama, p.unit], [f"{k}.{j}", p.nama, p.unit], "program")
    rencana.blok.append(t)
    bab.bagian.append(rencana)

    iku = Bagian("B. Indikator Kinerja Utama")
    iku.blok += teks_atau(
        teks.pengantar_iku,
        f"Tingkat capaian kinerja {unit.nama} diukur dengan Indikator Kinerja Utama (IKU) berikut, yang "
        "ditetapkan sebagai ukuran keberhasilan sasaran strategis.",
    )
    t = Tabel(
        nomor(2),
        "Indikator Kinerja Utama (IKU)",
        [
            "No.",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Formulasi / Cara Perhitungan",
            "Sumber Data",
            "Penanggung Jawab",
        ],
        lebar=True,
        bobot=[5, 25, 25, 30, 15, 15],
    )
    n = 0
    for s in data["sasaran"]:
        for ind in s.daftar_indikator:
            if not ind.is_iku:
                continue
            n += 1
            rumus = ind.formulasi_uraian or ind.formulasi or KOSONG
            if ind.formulasi and ind.formulasi_uraian:
                rumus = f"{ind.formulasi_uraian} ({ind.formulasi})"
            t.tambah(
                [
                    f"{n}.",
                    s.uraian,
                    ind.nama,
                    rumus,
                    ind.sumber_data or KOSONG,
                    str(ind.penanggung_jawab) if ind.penanggung_jawab else renstra.unit_kerja.nama,
                ]
            )
    iku.blok.append(t)
    bab.bagian.append(iku)

    pk_bagian = Bagian("C. Perjanjian Kinerja")
    if pk is None:
        pk_bagian.blok.append(Paragraf(f"Perjanjian Kinerja Tahun {tahun} belum ditetapkan."))
    else:
        pk_bagian.blok.append(Paragraf(kalimat_pk(pk, tahun)))
        dok = bangun_pk(pk)
        t = dok.tabel_kinerja
        t.nomor, t.judul = nomor(2), f"Perjanjian Kinerja Tahun {tahun}"
        pk_bagian.blok.append(t)
        t = dok.tabel_anggaran
        t.judul = f"Program dan Anggaran Perjanjian Kinerja Tahun {tahun}"  # part of table 2.4, not numbered
        pk_bagian.blok.append(t)
    bab.bagian.append(pk_bagian)

    rencana_anggaran = Bagian(f"1. Rencana Anggaran Tahun {tahun}")
    rencana_anggaran.blok += teks_atau(teks.rencana_anggaran, _teks_rencana_anggaran(renstra, tahun, user))
    pk_bagian.sub.append(rencana_anggaran)
    ang = Bagian("2. Alokasi Anggaran per Sasaran Strategis")
    ang.blok.append(
        Paragraf(
            f"Alokasi anggaran yang ditetapkan untuk mencapai sasaran strategis {unit.nama} Tahun {tahun} "
            "adalah sebagai berikut:"
        )
    )
    ang.blok.append(dari_tabel_anggaran(anggaran_tabel.tabel_2_5(per_sasaran), nomor(2)))
    pk_bagian.sub.append(ang)
    return bab


def _teks_rencana_anggaran(renstra: RencanaStrategis, tahun: int, user: Any) -> str:
    """II.C.1: the DPA total of the unit's subtree with its Belanja Operasi and Belanja Modal (seed 004)."""
    unit = renstra.unit_kerja
    if user is None:
        return f"Rencana anggaran {unit.nama} Tahun {tahun} belum diisi."
    pohon = anggaran.pohon_anggaran(user=user, tahun=tahun, unit=unit)
    if not pohon.total.pagu:
        return f"Data anggaran {unit.nama} Tahun {tahun} belum tersedia."
    rincian = [
        f"{jenis.label} {angka.format_rupiah(pohon.per_jenis[jenis.value].pagu)}"
        for jenis in JenisBelanja
        if jenis.value in pohon.per_jenis and pohon.per_jenis[jenis.value].pagu
    ]
    return (
        f"Pada Tahun {tahun}, {unit.nama} melaksanakan kegiatan dengan anggaran sebesar "
        f"{angka.format_rupiah(pohon.total.pagu)}"
        + (f" dengan rincian {' dan '.join(rincian)}." if rincian else ".")
    )


def _target_nilai(ind: Any) -> list[Decimal | None]:
    return [tg.nilai if tg is not None else None for tg in ind.target_per_tahun]
