"""The builder: `bangun_lkjip` assembles the front matter (kata pengantar, ikhtisar) and the four chapters."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects

from sakip.anggaran import queries as anggaran
from sakip.lib import angka
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.lkjip.bab1 import bab_1
from sakip.pelaporan.lkjip.bab2 import bab_2
from sakip.pelaporan.lkjip.bab3 import bab_3
from sakip.pelaporan.lkjip.bab4 import bab_4
from sakip.pelaporan.lkjip.bantu import Penomoran, kalimat_anggaran, pk_berlaku, teks_kategori, teks_persen
from sakip.pelaporan.lkjip.lampiran import lampiran
from sakip.pelaporan.lkjip.model import (
    KOSONG,
    Identitas,
    Ikhtisar,
    LaporanLKjIP,
    Narasi,
    Paragraf,
    Tabel,
    TandaTangan,
)
from sakip.pelaporan.models import PengaturanLaporan, TeksLaporan
from sakip.pengukuran import kini
from sakip.pengukuran import queries as pengukuran
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

# --- builder --------------------------------------------------------------------------------------------------------


def bangun_lkjip(renstra: RencanaStrategis, tahun: int, user: Any) -> LaporanLKjIP:
    """The LKjIP of the Renstra's unit for a year.

    The caller has checked that `user` may read this report (a reader of the unit or one of its compilers,
    `pelaporan.akses`); the report then holds the whole unit's figures, the same whoever builds it: a compiler from a
    sub-unit gets the Setda's whole budget, not only its own programs."""
    unit: UnitKerja = renstra.unit_kerja
    user = access.pembaca_unit(unit)
    nomor = Penomoran()
    identitas = Identitas(
        unit=unit.nama,
        pemda=unit.pemda.nama,
        tahun=tahun,
        renstra=renstra.nama,
        periode_renstra=f"{renstra.tahun_mulai}–{renstra.tahun_selesai}",
        unit_id=unit.pk,
        renstra_id=renstra.pk,
        logo=PengaturanLaporan.logo_untuk(unit.pemda_id),
    )
    capaian = kini.tabel(renstra, tahun)  # the kept capaian: the dashboards' figures
    prefetch_related_objects([b.indikator for b in capaian.baris], "target", "variabel")
    per_sasaran = anggaran.anggaran_per_sasaran(user=user, renstra=renstra, tahun=tahun)

    teks = TeksLaporan.objects.filter(unit_kerja=unit, tahun=tahun).first() or TeksLaporan()
    pk = pk_berlaku(renstra, tahun)

    pohon = anggaran.pohon_anggaran(user=user, tahun=tahun, unit=unit)
    ikhtisar = _ikhtisar(identitas, capaian, per_sasaran, pohon)
    bab = [
        bab_1(unit, tahun, nomor),
        bab_2(renstra, tahun, pk, per_sasaran, nomor, user=user, teks=teks),
        bab_3(renstra, tahun, user, pk, capaian, per_sasaran, pohon, nomor, teks=teks),
        bab_4(identitas, capaian, ikhtisar),
        lampiran(renstra, tahun),
    ]
    # The unit's own texts (sanitised HTML or plain text), where written, replace the generated ones.
    if teks.pendahuluan:
        bab[0].pengantar = [Narasi(teks.pendahuluan), *bab[0].pengantar]
    if teks.penutup:
        bab[3].pengantar = [Narasi(teks.penutup)]
    kata_pengantar: list[Paragraf | Narasi] = (
        [Narasi(teks.kata_pengantar)] if teks.kata_pengantar else list(_kata_pengantar(identitas))
    )
    lap = LaporanLKjIP(identitas, kata_pengantar, ikhtisar, bab, tanda_tangan(teks, pk, unit, tahun))
    beri_sumber(lap, unit.singkatan or unit.nama)
    return lap


# Where each table of the report comes from, by the start of its title (the titles are this package's own).
_SUMBER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Jumlah Pegawai", "Pegawai Non PNS"), "data kepegawaian {u}"),
    (("Sarana dan Prasarana",), "data sarana dan prasarana {u}"),
    (("Tujuan, Indikator Tujuan", "Program/Kegiatan untuk"), "Renstra {u} Tahun {periode}"),
    (("Indikator Kinerja Utama",), "Keputusan IKU {u} Tahun {periode}"),
    (("Nilai Hasil Evaluasi", "Rekomendasi"), "Laporan Hasil Evaluasi Akuntabilitas Kinerja {u}"),
    (("Hasil Survei", "Perbandingan IKM"), "hasil Survei Kepuasan Masyarakat {u} Tahun {tahun}"),
    (
        ("Anggaran per Sasaran", "Program Prioritas", "Realisasi Anggaran", "Realisasi Kinerja dan Anggaran"),
        "DPA dan realisasi anggaran {u} Tahun {tahun}, diolah",
    ),
    (("Tingkat Efisiensi",), "data realisasi kinerja dan anggaran {u} Tahun {tahun}, diolah"),
    (
        ("Pengukuran Kinerja", "Perbandingan", "Ringkasan Capaian"),
        "data realisasi kinerja {u} Tahun {tahun}, diolah",
    ),
)


def beri_sumber(lap: LaporanLKjIP, unit: str) -> None:
    """Print under every table of the ikhtisar and the chapters where its figures come from, as seed 004 does
    ("Sumber: RENSTRA Setda Prov. Kaltim Tahun 2024-2026"). The Lampiran reproduces the PK and gets none."""
    i = lap.identitas
    for blok in lap.semua_blok(lampiran=False):
        if not isinstance(blok, Tabel) or blok.sumber:
            continue
        for awalan, pola in _SUMBER:
            if blok.judul.startswith(awalan):
                blok.sumber = pola.format(u=unit, tahun=i.tahun, periode=i.periode_renstra)
                break
        else:
            blok.sumber = f"data SAKIP {unit} Tahun {i.tahun}, diolah"


TITIK = "…………………………"


def tanda_tangan(teks: TeksLaporan, pk: PerjanjianKinerja | None, unit: UnitKerja, tahun: int) -> TandaTangan:
    """The kata pengantar's signature block: the report's own fields, else the PK of the year's first party (who
    heads the unit), else a dotted line to fill by hand; never a dash where a name belongs. The report on year n is
    signed in year n+1."""
    tempat = teks.tempat_tanda_tangan or (pk.tempat if pk else "") or TITIK
    tanggal = teks.tanggal_tanda_tangan or f"{TITIK} {tahun + 1}"
    jabatan = teks.jabatan_penandatangan or (pk.pihak_pertama_jabatan if pk else "") or f"Kepala {unit.nama}"
    nama = teks.nama_penandatangan or (pk.pihak_pertama_nama if pk else "") or TITIK
    return TandaTangan(
        tempat_tanggal=f"{tempat}, {tanggal}",
        jabatan=jabatan,
        nama=nama,
        pangkat=teks.pangkat_penandatangan,
        nip=teks.nip_penandatangan,
    )


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
    i: Identitas,
    capaian: pengukuran.TabelCapaian,
    per_sasaran: anggaran.AnggaranPerSasaran,
    pohon: anggaran.PohonAnggaran,
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
            [
                f"{n}.",
                s.sasaran.uraian,
                str(len(s.baris)),
                teks_persen(s.rollup.nilai),
                teks_kategori(s.kategori),
            ],
            [n, s.sasaran.uraian, len(s.baris), s.rollup.nilai, teks_kategori(s.kategori)],
        )
    t.tambah(
        ["", "Capaian kinerja unit", str(len(baris)), teks_persen(capaian.unit.nilai), kategori],
        ["", "Capaian kinerja unit", len(baris), capaian.unit.nilai, kategori],
        "total",
    )
    t.catatan = [
        f"Skala kategori: {capaian.skala.nama}."
    ]  # the method is stated in the facts above the table
    paragraf = [
        Paragraf(
            f"{i.unit} pada Tahun {i.tahun} menetapkan {len(capaian.sasaran)} sasaran strategis yang diukur "
            f"dengan {len(baris)} indikator kinerja ({sum(1 for b in baris if b.indikator.is_iku)} IKU)."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {teks_persen(capaian.unit.nilai)}% dengan kategori "
            f"{kategori}. Metode perhitungan: {metode}."
        ),
        Paragraf(kalimat_anggaran(i.unit, i.tahun, per_sasaran, pohon)),
    ]
    return Ikhtisar(
        jumlah_sasaran=len(capaian.sasaran),
        jumlah_indikator=len(baris),
        jumlah_iku=sum(1 for b in baris if b.indikator.is_iku),
        capaian=capaian.unit.nilai,
        capaian_teks=teks_persen(capaian.unit.nilai),
        kategori=kategori,
        metode=metode,
        pagu=total.pagu,
        realisasi=total.realisasi,
        penyerapan=total.penyerapan,
        pagu_teks=angka.format_rupiah(total.pagu),
        realisasi_teks=angka.format_rupiah(total.realisasi),
        penyerapan_teks=teks_persen(total.penyerapan),
        pagu_unit_teks=angka.format_rupiah(pohon.total.pagu),
        realisasi_unit_teks=angka.format_rupiah(pohon.total.realisasi),
        paragraf=paragraf,
        tabel=t,
    )
