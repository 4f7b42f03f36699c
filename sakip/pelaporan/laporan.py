"""The content of the LKjIP (PermenPANRB 53/2014; seed 004 is the model) as plain data.

`bangun_lkjip(renstra, tahun, user)` reads every figure from the apps that own it (measurement, planning, budget,
profile, evaluation) and returns dataclasses: chapters of sections of blocks (paragraphs, tables, charts, images).
Table cells are already formatted as Indonesian strings; the raw values stay beside them (`Tabel.nilai`) for tests
and for other renderers. Renderers (`render/docx.py`, `render/pdf.py`, `render/xlsx.py`) only lay the content out.

The number of queries is fixed: it depends neither on the number of indicators (their history is read in one
query) nor on the number of budget lines (the budget tables are summed in the database by `sakip.anggaran.queries`)
nor on the number of survey responses (one aggregate query for every survey of the unit's subtree).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import prefetch_related_objects

from sakip.anggaran import queries as anggaran
from sakip.anggaran import tabel as anggaran_tabel
from sakip.evaluasi import nilai as evaluasi_nilai
from sakip.evaluasi.models import EvaluasiAkip, Rekomendasi
from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.models import TeksLaporan, paragraf
from sakip.pengukuran import capaian as capaian_lib
from sakip.pengukuran import queries as pengukuran
from sakip.pengukuran.models import Narasi, Periode, Realisasi
from sakip.perencanaan import queries as perencanaan
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.profil import aturan as profil_aturan
from sakip.profil import bagan, grafik
from sakip.profil import data as profil_data
from sakip.profil.models import ProfilOrganisasi
from sakip.survei import ikm
from sakip.survei import queries as survei_queries
from sakip.survei.models import Survei

KOSONG = angka.KOSONG
RIWAYAT_TAHUN = 4  # realisasi of the report year and the three before it (seed 004: 2021–2024)
RIWAYAT_LHE = 5


# --- content blocks -------------------------------------------------------------------------------------------------


@dataclass
class Paragraf:
    teks: str
    gaya: str = ""  # "", "daftar" (numbered item), "catatan" (small), "tebal"


@dataclass
class Tabel:
    nomor: str
    judul: str
    kolom: list[str]
    baris: list[list[str]] = field(default_factory=list)
    nilai: list[list[Any]] = field(default_factory=list)  # raw values parallel to `baris`
    gaya: list[str] = field(default_factory=list)  # per row: "", "sasaran", "program", "total", ...
    nomor_kolom: list[str] = field(default_factory=list)  # "(1)", "(6=5/4*100)"
    angka: list[bool] = field(default_factory=list)  # per column: right-aligned figure
    catatan: list[str] = field(default_factory=list)
    lebar: bool = False  # wide table: the renderer puts it in a landscape section
    bobot: list[int] = field(default_factory=list)  # relative column widths

    @property
    def judul_lengkap(self) -> str:
        return f"Tabel {self.nomor} {self.judul}" if self.nomor else self.judul

    def tambah(self, sel: list[Any], nilai: list[Any] | None = None, gaya: str = "") -> None:
        self.baris.append([_teks(s) for s in sel])
        self.nilai.append(list(nilai if nilai is not None else sel))
        self.gaya.append(gaya)

    def kolom_ke(self, judul: str) -> int:
        return self.kolom.index(judul)


@dataclass
class Grafik:
    """A bar chart drawn by the renderer: categories × series of raw values."""

    nomor: str
    judul: str
    label: list[str]
    seri: dict[str, list[Decimal | None]]
    satuan: str = "%"


@dataclass
class Gambar:
    nomor: str
    judul: str
    png: bytes


Blok = Paragraf | Tabel | Grafik | Gambar


@dataclass
class Bagian:
    judul: str
    blok: list[Blok] = field(default_factory=list)
    sub: list[Bagian] = field(default_factory=list)


@dataclass
class Bab:
    nomor: str  # "I"
    judul: str  # "PENDAHULUAN"
    pengantar: list[Blok] = field(default_factory=list)
    bagian: list[Bagian] = field(default_factory=list)

    @property
    def judul_lengkap(self) -> str:
        return f"BAB {self.nomor} {self.judul}"


@dataclass
class Identitas:
    unit: str
    pemda: str
    tahun: int
    renstra: str
    periode_renstra: str
    unit_id: int
    renstra_id: int


@dataclass
class Ikhtisar:
    jumlah_sasaran: int
    jumlah_indikator: int
    jumlah_iku: int
    capaian: Decimal | None
    capaian_teks: str
    kategori: str
    metode: str
    pagu: Decimal
    realisasi: Decimal
    penyerapan: Decimal | None
    pagu_teks: str
    realisasi_teks: str
    penyerapan_teks: str
    paragraf: list[Paragraf]
    tabel: Tabel


@dataclass
class LaporanLKjIP:
    identitas: Identitas
    kata_pengantar: list[Paragraf]
    ikhtisar: Ikhtisar
    bab: list[Bab]

    def semua_blok(self) -> list[Blok]:
        hasil: list[Blok] = [*list(self.ikhtisar.paragraf), self.ikhtisar.tabel]

        def turun(b: Bagian) -> None:
            hasil.extend(b.blok)
            for s in b.sub:
                turun(s)

        for bab in self.bab:
            hasil.extend(bab.pengantar)
            for bagian in bab.bagian:
                turun(bagian)
        return hasil

    def tabel(self, nomor: str) -> Tabel:
        for b in self.semua_blok():
            if isinstance(b, Tabel) and b.nomor == nomor:
                return b
        raise KeyError(nomor)

    @property
    def daftar_tabel(self) -> list[Tabel]:
        return [b for b in self.semua_blok() if isinstance(b, Tabel) and b.nomor]

    @property
    def daftar_gambar(self) -> list[Grafik | Gambar]:
        return [b for b in self.semua_blok() if isinstance(b, Grafik | Gambar) and b.nomor]


# --- helpers --------------------------------------------------------------------------------------------------------


def _teks(nilai: Any) -> str:
    if nilai is None:
        return KOSONG
    if isinstance(nilai, Decimal):
        return angka.format_angka(nilai)
    return str(nilai)


def _persen(nilai: Decimal | None) -> str:
    return angka.format_persen(nilai)


class _Penomoran:
    """Table numbers per chapter, as the LKjIP prints them (2.1, 2.2, …; 3.1, …)."""

    def __init__(self) -> None:
        self.per_bab: dict[str, int] = defaultdict(int)

    def __call__(self, bab: int) -> str:
        self.per_bab[str(bab)] += 1
        return f"{bab}.{self.per_bab[str(bab)]}"


def _dari_tabel_anggaran(t: anggaran_tabel.Tabel, nomor: str, *, lebar: bool = False) -> Tabel:
    """A budget table (`sakip.anggaran.tabel`) with its cells formatted the way the budget pages show them."""
    hasil = Tabel(
        nomor=nomor,
        judul=t.judul,
        kolom=[k.judul for k in t.kolom],
        nomor_kolom=list(t.nomor_kolom),
        angka=[k.angka or k.jenis == "keluaran" for k in t.kolom],
        catatan=list(t.catatan),
        lebar=lebar,
        bobot=[k.lebar for k in t.kolom],
    )
    for b in t.baris:
        hasil.tambah(
            [anggaran_tabel.format_sel(v, k.jenis) for v, k in zip(b.sel, t.kolom, strict=True)],
            b.sel,
            b.gaya,
        )
    return hasil


def _target_akhir(ind: Any, renstra: RencanaStrategis) -> tuple[Decimal | None, str]:
    target = {t.tahun: t for t in ind.target.all()}
    akhir = target.get(renstra.tahun_selesai)
    if akhir is not None and (akhir.nilai is not None or akhir.predikat):
        return akhir.nilai, akhir.predikat or angka.format_angka(akhir.nilai)
    if ind.kondisi_akhir is not None or ind.kondisi_akhir_teks:
        return ind.kondisi_akhir, ind.kondisi_akhir_teks or angka.format_angka(ind.kondisi_akhir)
    return None, KOSONG


def pk_berlaku(renstra: RencanaStrategis, tahun: int) -> PerjanjianKinerja | None:
    """The PK of the Renstra's year in force (not replaced by a later version)."""
    return (
        PerjanjianKinerja.objects.filter(renstra=renstra, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("unit_kerja__pemda", "renstra__unit_kerja")
        .order_by("-versi")
        .first()
    )


# --- builder --------------------------------------------------------------------------------------------------------


def bangun_lkjip(renstra: RencanaStrategis, tahun: int, user: Any) -> LaporanLKjIP:
    """The LKjIP of the Renstra's unit for a year, with the budget the user may see."""
    unit: UnitKerja = renstra.unit_kerja
    nomor = _Penomoran()
    identitas = Identitas(
        unit=unit.nama,
        pemda=unit.pemda.nama,
        tahun=tahun,
        renstra=renstra.nama,
        periode_renstra=f"{renstra.tahun_mulai}–{renstra.tahun_selesai}",
        unit_id=unit.pk,
        renstra_id=renstra.pk,
    )
    capaian = pengukuran.tabel_capaian(renstra, tahun)
    prefetch_related_objects([b.indikator for b in capaian.baris], "target", "variabel")
    per_sasaran = anggaran.anggaran_per_sasaran(user=user, renstra=renstra, tahun=tahun)

    teks = TeksLaporan.objects.filter(unit_kerja=unit, tahun=tahun).first() or TeksLaporan()
    pk = pk_berlaku(renstra, tahun)

    ikhtisar = _ikhtisar(identitas, capaian, per_sasaran)
    bab = [
        _bab_1(unit, tahun, nomor),
        _bab_2(renstra, tahun, pk, per_sasaran, nomor),
        _bab_3(renstra, tahun, user, pk, capaian, per_sasaran, nomor),
        _bab_4(identitas, capaian, ikhtisar),
    ]
    # The unit's own texts, where written, replace the generated ones.
    if teks.pendahuluan:
        bab[0].pengantar = [Paragraf(p) for p in paragraf(teks.pendahuluan)] + bab[0].pengantar
    if teks.penutup:
        bab[3].pengantar = [Paragraf(p) for p in paragraf(teks.penutup)]
    kata_pengantar = (
        [Paragraf(p) for p in paragraf(teks.kata_pengantar)]
        if teks.kata_pengantar
        else _kata_pengantar(identitas)
    )
    return LaporanLKjIP(identitas, kata_pengantar, ikhtisar, bab)


def _kata_pengantar(i: Identitas) -> list[Paragraf]:
    return [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {i.unit} Tahun {i.tahun} disusun sebagai wujud "
            "pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi serta pencapaian sasaran strategis "
            f"yang ditetapkan dalam Rencana Strategis {i.periode_renstra}, sesuai Peraturan Menteri PANRB "
            "Nomor 53 Tahun 2014."
        ),
        Paragraf(
            "Laporan ini menyajikan perencanaan kinerja, pengukuran dan analisis capaian kinerja, serta "
            "realisasi anggaran, sebagai bahan evaluasi dan perbaikan kinerja pada tahun berikutnya."
        ),
    ]


def _ikhtisar(
    i: Identitas, capaian: pengukuran.TabelCapaian, per_sasaran: anggaran.AnggaranPerSasaran
) -> Ikhtisar:
    baris = capaian.baris
    kategori = capaian.kategori_unit.label if capaian.kategori_unit else KOSONG
    metode = capaian.unit.keterangan
    total = per_sasaran.total
    t = Tabel(
        nomor="",
        judul=f"Ringkasan Capaian Kinerja Sasaran Strategis Tahun {i.tahun}",
        kolom=["No.", "Sasaran Strategis", "Jumlah Indikator", "Capaian (%)", "Kategori"],
        angka=[False, False, True, True, False],
        bobot=[6, 60, 12, 12, 16],
    )
    for n, s in enumerate(capaian.sasaran, start=1):
        t.tambah(
            [f"{n}.", s.sasaran.uraian, str(len(s.baris)), _persen(s.rollup.nilai), _kat(s.kategori)],
            [n, s.sasaran.uraian, len(s.baris), s.rollup.nilai, _kat(s.kategori)],
        )
    t.tambah(
        ["", "Capaian kinerja unit", str(len(baris)), _persen(capaian.unit.nilai), kategori],
        ["", "Capaian kinerja unit", len(baris), capaian.unit.nilai, kategori],
        "total",
    )
    t.catatan = [f"Metode: {metode}.", f"Skala kategori: {capaian.skala.nama}."]
    paragraf = [
        Paragraf(
            f"{i.unit} pada Tahun {i.tahun} menetapkan {len(capaian.sasaran)} sasaran strategis yang diukur "
            f"dengan {len(baris)} indikator kinerja ({sum(1 for b in baris if b.indikator.is_iku)} IKU)."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {_persen(capaian.unit.nilai)}% dengan kategori "
            f"{kategori}. Metode perhitungan: {metode}."
        ),
        Paragraf(
            f"Pagu anggaran untuk mendukung sasaran strategis sebesar {angka.format_rupiah(total.pagu)} dengan "
            f"realisasi {angka.format_rupiah(total.realisasi)} atau penyerapan {_persen(total.penyerapan)}% "
            "(Σ realisasi / Σ pagu × 100)."
        ),
    ]
    return Ikhtisar(
        jumlah_sasaran=len(capaian.sasaran),
        jumlah_indikator=len(baris),
        jumlah_iku=sum(1 for b in baris if b.indikator.is_iku),
        capaian=capaian.unit.nilai,
        capaian_teks=_persen(capaian.unit.nilai),
        kategori=kategori,
        metode=metode,
        pagu=total.pagu,
        realisasi=total.realisasi,
        penyerapan=total.penyerapan,
        pagu_teks=angka.format_rupiah(total.pagu),
        realisasi_teks=angka.format_rupiah(total.realisasi),
        penyerapan_teks=_persen(total.penyerapan),
        paragraf=paragraf,
        tabel=t,
    )


def _kat(pita: Any) -> str:
    return pita.label if pita else KOSONG


# --- BAB I ----------------------------------------------------------------------------------------------------------


def _bab_1(unit: UnitKerja, tahun: int, nomor: _Penomoran) -> Bab:
    bab = Bab("I", "PENDAHULUAN")
    profil = ProfilOrganisasi.objects.filter(unit_kerja=unit, tahun=tahun).first()
    if profil is None:
        bab.pengantar.append(
            Paragraf(f"Profil organisasi {unit.nama} Tahun {tahun} belum diisi pada modul Profil Organisasi.")
        )
        return bab
    data = profil_data.dari_profil(profil)
    u = data["uraian"]
    latar = Bagian("A. Latar Belakang dan Dasar Hukum")
    if u["dasar_pembentukan"]:
        latar.blok.append(Paragraf(u["dasar_pembentukan"]))
    latar.blok += [Paragraf(teks, "daftar") for teks in data["landasan_hukum"]]
    bab.bagian.append(latar)

    tugas = Bagian("B. Tugas dan Fungsi")
    if u["tugas"]:
        tugas.blok.append(Paragraf(u["tugas"]))
    tugas.blok += [Paragraf(teks, "daftar") for teks in data["fungsi"]]
    bab.bagian.append(tugas)

    struktur = Bagian("C. Struktur Organisasi")
    if u["uraian_struktur"]:
        struktur.blok.append(Paragraf(u["uraian_struktur"]))
    units = UnitKerja.objects.filter(jalur__startswith=unit.jalur).only(
        "id", "induk_id", "nama", "urutan", "eselon", "jenis"
    )
    simpul = bagan.simpul_dari_unit(units)
    if len(simpul) > 1:
        struktur.blok.append(Gambar("1.1", f"Struktur Organisasi {unit.nama}", bagan.gambar(simpul)))
    bab.bagian.append(struktur)

    sdm = Bagian("D. Sumber Daya Aparatur")
    if u["uraian_sdm"]:
        sdm.blok.append(Paragraf(u["uraian_sdm"]))
    asn = data["pegawai_asn"]
    if asn:
        kolom = list(profil_data.KOLOM_ASN)
        t = Tabel(
            nomor(1),
            "Jumlah Pegawai ASN menurut Jabatan",
            ["Jabatan" if k == "jabatan" else _label_kolom(k) for k in kolom],
            angka=[k != "jabatan" for k in kolom],
            lebar=len(kolom) > 8,
            bobot=[30 if k == "jabatan" else 6 for k in kolom],
        )
        for baris in asn:
            t.tambah([baris[k] if k == "jabatan" else angka.format_angka(baris[k], 0) for k in kolom], baris)
        sdm.blok.append(t)
        ringkasan = profil.ringkasan_pegawai()
        n = 2
        for jenis, judul in (
            ("jenis-kelamin", "Jenis Kelamin"),
            ("golongan", "Golongan"),
            ("pendidikan", "Pendidikan"),
        ):
            try:
                png = grafik.buat(jenis, ringkasan)
            except (KeyError, ValueError, ZeroDivisionError):
                continue
            sdm.blok.append(Gambar(f"1.{n}", f"Pegawai ASN menurut {judul}", png))
            n += 1
    if u["sumber_data_pegawai"]:
        sdm.blok.append(Paragraf(f"Sumber: {u['sumber_data_pegawai']}", "catatan"))
    bab.bagian.append(sdm)

    strategis = Bagian("E. Aspek Strategis dan Isu Strategis")
    if u["aspek_strategis"]:
        strategis.blok.append(Paragraf(u["aspek_strategis"]))
    strategis.blok += [Paragraf(teks, "daftar") for teks in data["isu_strategis"]]
    bab.bagian.append(strategis)

    if data["sarana"]:
        sarana = Bagian("F. Sarana dan Prasarana")
        t = Tabel(
            nomor(1),
            "Sarana dan Prasarana",
            ["No.", "Uraian", "Banyaknya", "Satuan", "Keterangan"],
            angka=[False, False, True, False, False],
            bobot=[6, 40, 12, 12, 30],
        )
        for n, baris in enumerate(data["sarana"], start=1):
            banyak = Decimal(baris["banyaknya"])
            t.tambah(
                [
                    f"{n}.",
                    baris["uraian"],
                    anggaran_tabel.format_bilangan(banyak),
                    baris["satuan"],
                    baris["keterangan"],
                ],
                [n, baris["uraian"], banyak, baris["satuan"], baris["keterangan"]],
            )
        sarana.blok.append(t)
        if u["sumber_data_sarana"]:
            sarana.blok.append(Paragraf(f"Sumber: {u['sumber_data_sarana']}", "catatan"))
        bab.bagian.append(sarana)
    return bab


def _label_kolom(kode: str) -> str:
    return str(profil_aturan.LABEL.get(kode) or kode.replace("_", " ").upper())


# --- BAB II ---------------------------------------------------------------------------------------------------------


def _bab_2(
    renstra: RencanaStrategis,
    tahun: int,
    pk: PerjanjianKinerja | None,
    per_sasaran: anggaran.AnggaranPerSasaran,
    nomor: _Penomoran,
) -> Bab:
    bab = Bab("II", "PERENCANAAN KINERJA")
    data = perencanaan.renstra_lengkap(renstra)
    tahun_renstra = renstra.tahun

    rencana = Bagian("A. Rencana Strategis")
    if renstra.visi:
        rencana.blok.append(Paragraf(f"Visi: {renstra.visi}"))
    rencana.blok += [Paragraf(m, "daftar") for m in renstra.daftar_misi]
    t = Tabel(
        nomor(2),
        "Tujuan, Indikator Tujuan, Sasaran Strategis, Indikator Kinerja dan Target",
        ["Tujuan", "Indikator Tujuan", "Sasaran Strategis", "Indikator Kinerja", "Satuan"]
        + [str(th) for th in tahun_renstra],
        angka=[False] * 5 + [True] * len(tahun_renstra),
        lebar=True,
        bobot=[20, 20, 20, 25, 8] + [8] * len(tahun_renstra),
    )

    def target_sel(ind: Any) -> list[str]:
        return [tg.teks if tg is not None else KOSONG for tg in ind.target_per_tahun]

    for tj in data["tujuan"]:
        ind_tujuan = "; ".join(i.nama for i in tj.daftar_indikator) or KOSONG
        pertama_tujuan = True
        for s in tj.daftar_sasaran or [None]:
            daftar_ind = s.daftar_indikator if s is not None else []
            for k, ind in enumerate(daftar_ind or [None]):
                t.tambah(
                    [
                        tj.uraian if pertama_tujuan else "",
                        ind_tujuan if pertama_tujuan else "",
                        (s.uraian if s is not None else KOSONG) if k == 0 else "",
                        ind.nama if ind else KOSONG,
                        ind.satuan if ind else "",
                        *(target_sel(ind) if ind else [""] * len(tahun_renstra)),
                    ],
                    [tj, None, s, ind, None, *(_target_nilai(ind) if ind else [None] * len(tahun_renstra))],
                    "sasaran" if pertama_tujuan else "",
                )
                pertama_tujuan = False
    for s in data["sasaran_tanpa_tujuan"]:
        for k, ind in enumerate(s.daftar_indikator or [None]):
            t.tambah(
                [
                    KOSONG if k == 0 else "",
                    "",
                    s.uraian if k == 0 else "",
                    ind.nama if ind else KOSONG,
                    ind.satuan if ind else "",
                    *(target_sel(ind) if ind else [""] * len(tahun_renstra)),
                ],
                [None, None, s, ind, None, *(_target_nilai(ind) if ind else [None] * len(tahun_renstra))],
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
        pk_bagian.blok.append(
            Paragraf(
                f"Perjanjian Kinerja Tahun {tahun} ditandatangani oleh {pk.pihak_pertama_nama or KOSONG} "
                f"({pk.pihak_pertama_jabatan or KOSONG}) dan {pk.pihak_kedua_nama or KOSONG} "
                f"({pk.pihak_kedua_jabatan or KOSONG})."
            )
        )
        dok = bangun_pk(pk)
        t = dok.tabel_kinerja
        t.nomor, t.judul = nomor(2), f"Perjanjian Kinerja Tahun {tahun}"
        pk_bagian.blok.append(t)
        t = dok.tabel_anggaran
        t.judul = f"Program dan Anggaran Perjanjian Kinerja Tahun {tahun}"  # part of table 2.4, not numbered
        pk_bagian.blok.append(t)
    bab.bagian.append(pk_bagian)

    ang = Bagian("D. Anggaran per Sasaran Strategis")
    ang.blok.append(_dari_tabel_anggaran(anggaran_tabel.tabel_2_5(per_sasaran), nomor(2)))
    bab.bagian.append(ang)
    return bab


def _target_nilai(ind: Any) -> list[Decimal | None]:
    return [tg.nilai if tg is not None else None for tg in ind.target_per_tahun]


# --- BAB III --------------------------------------------------------------------------------------------------------


def _bab_3(
    renstra: RencanaStrategis,
    tahun: int,
    user: Any,
    pk: PerjanjianKinerja | None,
    capaian: pengukuran.TabelCapaian,
    per_sasaran: anggaran.AnggaranPerSasaran,
    nomor: _Penomoran,
) -> Bab:
    bab = Bab("III", "AKUNTABILITAS KINERJA")
    unit = renstra.unit_kerja
    gambar = _Penomoran()
    bab.bagian.append(_bagian_lhe(unit, tahun, nomor))

    ukur = Bagian("B. Pengukuran Kinerja")
    ukur.blok.append(
        Paragraf(
            f"Capaian kinerja dihitung dengan presisi penuh dan dibulatkan setengah ke atas hanya untuk tampilan. "
            f"Capaian unit: {_persen(capaian.unit.nilai)}% ({_kat(capaian.kategori_unit)}); metode: "
            f"{capaian.unit.keterangan}. Skala kategori: {capaian.skala.nama}."
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

    analisis = Bagian("C. Analisis Capaian Kinerja per Sasaran Strategis")
    narasi = {n.indikator_id: n for n in Narasi.objects.filter(indikator__renstra=renstra, tahun=tahun)}
    masukan = {
        r.indikator_id: r.masukan
        for r in Realisasi.objects.filter(
            indikator__renstra=renstra, tahun=tahun, periode=Periode.TAHUN
        ).only("indikator_id", "masukan")
    }
    riwayat = pengukuran.riwayat_banyak([b.indikator for b in capaian.baris], tahun, RIWAYAT_TAHUN)
    per_indikator, tanpa_indikator = _survei_per_indikator(
        _hasil_survei(unit, tahun, user), [b.indikator for b in capaian.baris], unit
    )
    konteks = _KonteksSasaran(renstra, tahun, narasi, masukan, riwayat, per_indikator, nomor, gambar)
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
        for kelompok in _kelompok_survei(tanpa_indikator):
            lain.blok += _blok_ikm(kelompok, tahun)
        analisis.sub.append(lain)
    bab.bagian.append(analisis)

    efisiensi = Bagian("D. Efisiensi Penggunaan Sumber Daya")
    metode = anggaran.metode_efisiensi(unit.pemda_id)
    capaian_s = {s.sasaran.pk: s.rollup.nilai for s in capaian.sasaran}
    hasil = anggaran.efisiensi_per_sasaran(anggaran=per_sasaran, capaian=capaian_s, metode=metode)
    efisiensi.blok.append(Paragraf(f"Metode tingkat efisiensi: {hasil.label}."))
    efisiensi.blok.append(
        _dari_tabel_anggaran(
            anggaran_tabel.tabel_3_16(hasil, tahun=tahun, ada_capaian=True), nomor(3), lebar=True
        )
    )
    efisiensi.blok.append(_dari_tabel_anggaran(anggaran_tabel.tabel_3_17(per_sasaran), nomor(3)))
    bab.bagian.append(efisiensi)

    realisasi = Bagian("E. Realisasi Anggaran")
    realisasi.blok.append(
        Paragraf(
            f"Pagu anggaran Tahun {tahun} sebesar {angka.format_rupiah(per_sasaran.total.pagu)} terealisasi "
            f"{angka.format_rupiah(per_sasaran.total.realisasi)} ({_persen(per_sasaran.total.penyerapan)}%)."
        )
    )
    realisasi.blok.append(
        Grafik(
            gambar(3),
            f"Penyerapan Anggaran per Sasaran Strategis Tahun {tahun}",
            [f"Sasaran {k}" for k in range(1, len(per_sasaran.sasaran) + 1)],
            {"Penyerapan": [b.penyerapan for b in per_sasaran.sasaran]},
        )
    )
    if pk is not None:
        per_indikator = {b.indikator.pk: (b.realisasi, b.hasil.nilai) for b in capaian.baris}
        # values_list, not only(): the related manager reads each row's perjanjian_id, one query per deferred row
        cap = {
            line_pk: per_indikator.get(indikator_id, (None, None))
            for line_pk, indikator_id in pk.indikator.values_list("pk", "indikator_id")
        }
        data = anggaran.realisasi_per_pk(user=user, perjanjian=pk, capaian=cap)
        realisasi.blok.append(_dari_tabel_anggaran(anggaran_tabel.tabel_3_18(data), nomor(3), lebar=True))
    pohon = anggaran.pohon_anggaran(user=user, tahun=tahun, unit=unit)
    realisasi.blok.append(_dari_tabel_anggaran(anggaran_tabel.tabel_3_19(pohon), nomor(3), lebar=True))
    bab.bagian.append(realisasi)
    return bab


def _bagian_lhe(unit: UnitKerja, tahun: int, nomor: _Penomoran) -> Bagian:
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
            + (f" dengan predikat {predikat_akhir.label}." if predikat_akhir else ".")
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
            [f"{k}.", b.nama, *[_teks(v) for v in b.nilai], _teks(b.perubahan)],
            [k, b.nama, *b.nilai, b.perubahan],
        )
    t.tambah(
        [
            "",
            "Nilai Akuntabilitas Kinerja",
            *[_teks(v) for v in riwayat.total],
            _teks(riwayat.perubahan_total),
        ],
        ["", "Total", *riwayat.total, riwayat.perubahan_total],
        "total",
    )
    t.tambah(["", "Predikat", *[p.label if p else KOSONG for p in riwayat.predikat], ""], None, "total")
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
                    _persen(b.hasil.nilai),
                    _kat(b.kategori),
                ],
                [
                    k,
                    s.sasaran,
                    b.indikator,
                    b.indikator.satuan,
                    b.target.nilai,
                    b.realisasi,
                    b.hasil.nilai,
                    _kat(b.kategori),
                ],
                "sasaran" if j == 0 else "",
            )
        t.tambah(
            ["", "", f"Rata-rata capaian sasaran {k}", "", "", "", _persen(s.rollup.nilai), _kat(s.kategori)],
            ["", "", "rollup", "", None, None, s.rollup.nilai, _kat(s.kategori)],
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
            _persen(capaian.unit.nilai),
            _kat(capaian.kategori_unit),
        ],
        ["", "", "unit", "", None, None, capaian.unit.nilai, _kat(capaian.kategori_unit)],
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
    survei: dict[int, list[_HasilSurvei]]
    nomor: _Penomoran
    gambar: _Penomoran


def _bagian_sasaran(k: int, s: pengukuran.SasaranCapaian, konteks: _KonteksSasaran) -> Bagian:
    renstra, tahun, narasi, masukan = konteks.renstra, konteks.tahun, konteks.narasi, konteks.masukan
    nomor, gambar = konteks.nomor, konteks.gambar
    bagian = Bagian(f"Sasaran {k}: {s.sasaran.uraian}")
    bagian.blok.append(
        Paragraf(
            f"Sasaran ini diukur dengan {len(s.baris)} indikator kinerja dengan rata-rata capaian "
            f"{_persen(s.rollup.nilai)}% ({_kat(s.kategori)})."
        )
    )
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
                _persen(b.hasil.nilai),
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
                *[r.predikat or _teks(r.realisasi) for r in riwayat],
                _teks(riwayat[-1].perubahan),
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
    for j, b in enumerate(s.baris, start=1):
        akhir, akhir_teks = _target_akhir(b.indikator, renstra)
        kemajuan: Decimal | None = None
        if akhir is not None and not b.indikator.is_predikat:
            kemajuan = capaian_lib.tingkat_kemajuan(
                realisasi=b.realisasi,
                target_akhir=akhir,
                polaritas=capaian_lib.Polaritas(b.indikator.polaritas),
            ).nilai
        t.tambah(
            [f"{j}.", b.indikator.nama, b.indikator.satuan, akhir_teks, b.realisasi_teks, _persen(kemajuan)],
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
            bagian.blok.append(Paragraf(f"Formulasi: {ind.formulasi_uraian or ind.formulasi}"))
            if ind.formulasi and ind.formulasi_uraian:
                bagian.blok.append(Paragraf(f"Rumus: {ind.formulasi}", "catatan"))
        nilai_masukan = masukan.get(ind.pk) or {}
        for v in ind.variabel.all():
            if v.nama in nilai_masukan:
                teks = anggaran_tabel.format_bilangan(Decimal(str(nilai_masukan[v.nama])))
                bagian.blok.append(Paragraf(f"{v.label}: {teks} {v.satuan}".rstrip(), "daftar"))
        bagian.blok.append(
            Paragraf(
                f"Target {b.target_teks}, realisasi {b.realisasi_teks}, capaian {_persen(b.hasil.nilai)}% "
                f"({_kat(b.kategori)})."
                + (f" {b.hasil.keterangan}" if b.hasil.nilai is None and b.hasil.keterangan else "")
            )
        )
        for kelompok in _kelompok_survei(konteks.survei.get(ind.pk, [])):
            bagian.blok += _blok_ikm(kelompok, tahun)
        n = narasi.get(ind.pk)
        if n is not None:
            for judul, isi in (
                ("Analisis", n.analisis),
                ("Faktor pendukung", n.faktor_pendukung),
                ("Faktor penghambat", n.faktor_penghambat),
                ("Permasalahan", n.permasalahan),
                ("Solusi / upaya", n.solusi),
            ):
                if isi:
                    bagian.blok.append(Paragraf(f"{judul}: {isi}"))
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


# --- Survei Kepuasan Masyarakat ------------------------------------------------------------------------------------
# Seed 004 reports the SKM of a unit inside the analysis of the IKM indicator it measures (BAB III C, sasaran 4,
# "2) Indeks Kepuasan Masyarakat Perangkat Daerah"): respondents, the nine averages, the IKM and its mutu per
# semester, and the lowest unsur. The figures come from `sakip.survei.queries`, as on the survey's own page.

_KATA_IKM = re.compile(r"\b(ikm|skm)\b|kepuasan", re.IGNORECASE)


@dataclass
class _HasilSurvei:
    survei: Survei
    jumlah_respons: int
    hasil: ikm.HasilIKM


def _hasil_survei(unit: UnitKerja, tahun: int, user: Any) -> list[_HasilSurvei]:
    """Every survey of the unit and its subtree for the year with its official result (one aggregate query)."""
    qs = (
        Survei.objects.visible_to(user)
        .filter(unit_kerja__jalur__startswith=unit.jalur, tahun=tahun)
        .select_related("unit_kerja")
        .with_rekap()
        .order_by("unit_kerja__jalur", "metode", "periode", "pk")
    )
    return [_HasilSurvei(s, int(s.jumlah_respons), survei_queries.hitung(s, vars(s))) for s in qs]


def _mengukur_ikm(ind: Any) -> bool:
    return bool(_KATA_IKM.search(ind.nama) or _KATA_IKM.search(ind.sumber_data or ""))


def _survei_per_indikator(
    daftar: list[_HasilSurvei], indikator: list[Any], unit: UnitKerja
) -> tuple[dict[int, list[_HasilSurvei]], list[_HasilSurvei]]:
    """Where each survey is reported: under the indicator it feeds (linked on the survey page), else under an IKM
    indicator its unit is responsible for (seed 004: the SKM of Biro Administrasi Pimpinan under IKU13), else, for a
    survey of the report's own unit, under the first IKM indicator without another responsible unit. The rest go
    to a section of their own, so that no survey of the unit is left out."""
    ids = {i.pk for i in indikator}
    ikm_indikator = [i for i in indikator if _mengukur_ikm(i)]
    per: dict[int, list[_HasilSurvei]] = defaultdict(list)
    sisa: list[_HasilSurvei] = []
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


def _kelompok_survei(daftar: list[_HasilSurvei]) -> list[list[_HasilSurvei]]:
    """The surveys of one unit and method side by side (Semester I, Semester II, Tahunan)."""
    kelompok: dict[tuple[int, str], list[_HasilSurvei]] = {}
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


def _kalimat_ikm(h: _HasilSurvei, aturan: ikm.AturanMetode) -> list[Paragraf]:
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


def _blok_ikm(kelompok: list[_HasilSurvei], tahun: int) -> list[Blok]:
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


# --- BAB IV ---------------------------------------------------------------------------------------------------------


def _bab_4(i: Identitas, capaian: pengukuran.TabelCapaian, ikhtisar: Ikhtisar) -> Bab:
    bab = Bab("IV", "PENUTUP")
    tercapai = sum(1 for s in capaian.sasaran if s.rollup.nilai is not None and s.rollup.nilai >= 100)
    bab.pengantar = [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {i.unit} Tahun {i.tahun} disusun berdasarkan "
            f"{i.renstra} ({i.periode_renstra}) dan menyajikan tingkat pencapaian sasaran strategis."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {ikhtisar.capaian_teks}% dengan kategori "
            f"{ikhtisar.kategori}; {tercapai} dari {ikhtisar.jumlah_sasaran} sasaran strategis mencapai atau "
            f"melampaui target. Penyerapan anggaran {ikhtisar.penyerapan_teks}% "
            f"({ikhtisar.realisasi_teks} dari {ikhtisar.pagu_teks})."
        ),
        Paragraf(
            "Permasalahan dan solusi yang diuraikan pada BAB III menjadi bahan perbaikan perencanaan dan "
            "pelaksanaan kinerja tahun berikutnya."
        ),
    ]
    return bab


# --- Perjanjian Kinerja (lampiran of the LKjIP, and a document of its own) -----------------------------------------


@dataclass
class Pihak:
    peran: str  # "PIHAK PERTAMA"
    nama: str
    jabatan: str


@dataclass
class DokumenPK:
    judul: str
    unit: str
    pemda: str
    tahun: int
    status: str
    pihak_pertama: Pihak
    pihak_kedua: Pihak
    pernyataan: list[Paragraf]
    tempat_tanggal: str
    tabel_kinerja: Tabel
    tabel_anggaran: Tabel


def bangun_pk(pk: PerjanjianKinerja) -> DokumenPK:
    """The PK statement with both parties, their signature blocks and the target and budget attachment."""
    unit = pk.unit_kerja
    pertama = Pihak("PIHAK PERTAMA", pk.pihak_pertama_nama or KOSONG, pk.pihak_pertama_jabatan or KOSONG)
    kedua = Pihak("PIHAK KEDUA", pk.pihak_kedua_nama or KOSONG, pk.pihak_kedua_jabatan or KOSONG)
    pernyataan = [
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
            "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        Paragraf(f"Nama: {pertama.nama}; Jabatan: {pertama.jabatan}, selanjutnya disebut pihak pertama;"),
        Paragraf(
            f"Nama: {kedua.nama}; Jabatan: {kedua.jabatan}, selaku atasan pihak pertama, selanjutnya disebut "
            "pihak kedua."
        ),
        Paragraf(
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian "
            "ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam "
            "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
            "tanggung jawab kami."
        ),
        Paragraf(
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
            "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
            "pemberian penghargaan dan sanksi."
        ),
    ]
    kinerja = Tabel(
        "",
        f"Lampiran Perjanjian Kinerja Tahun {pk.tahun}",
        ["No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)"],
        angka=[False, False, False, False, True],
        bobot=[6, 35, 40, 10, 10],
    )
    sebelumnya = None
    n = 0
    for line in pk.indikator.select_related("indikator__sasaran").order_by(
        "indikator__sasaran__urutan", "urutan", "pk"
    ):
        s = line.indikator.sasaran
        baru = s is not None and s.pk != sebelumnya
        if baru:
            n += 1
            sebelumnya = s.pk
        kinerja.tambah(
            [
                f"{n}." if baru else "",
                s.uraian if baru and s else "",
                line.indikator.nama,
                line.indikator.satuan,
                line.target_teks,
            ],
            [n, s, line.indikator, line.indikator.satuan, line.target],
            "sasaran" if baru else "",
        )
    anggaran_pk = Tabel(
        "",
        "Program dan Anggaran",
        ["No.", "Program", "Anggaran (Rp)", "Keterangan"],
        angka=[False, False, True, False],
        bobot=[6, 54, 20, 20],
    )
    program = list(pk.program.select_related("program__unit_kerja").order_by("program__kode"))
    for k, p in enumerate(program, start=1):
        anggaran_pk.tambah(
            [
                f"{k}.",
                p.program.nama,
                angka.format_rupiah(p.pagu),
                p.program.unit_kerja.singkatan or p.program.unit_kerja.nama,
            ],
            [k, p.program, p.pagu, None],
        )
    jumlah = sum((p.pagu for p in program), Decimal(0))
    anggaran_pk.tambah(["", "Jumlah", angka.format_rupiah(jumlah), ""], ["", "Jumlah", jumlah, ""], "total")
    return DokumenPK(
        judul=f"PERJANJIAN KINERJA TAHUN {pk.tahun}",
        unit=unit.nama,
        pemda=unit.pemda.nama,
        tahun=pk.tahun,
        status=pk.get_status_display(),
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        pernyataan=pernyataan,
        tempat_tanggal=f"{pk.tempat or '……………'}, {angka.format_tanggal(pk.tanggal, '……………')}",
        tabel_kinerja=kinerja,
        tabel_anggaran=anggaran_pk,
    )
