"""The LKjIP of the pemda itself (Pemerintah Provinsi/Kabupaten/Kota), built from its RPJMD (issue #25).

Same document model and renderers as a unit's LKjIP, same PermenPANRB 53/2014 outline: Ikhtisar Eksekutif; BAB I
Pendahuluan; BAB II Perencanaan Kinerja (RPJMD, IKU Pemda, PK of the kepala daerah, the budget plan); BAB III
Akuntabilitas Kinerja (A. capaian of the IKU Pemda per sasaran daerah with the analysis in words, B. the PDs'
contribution through the cascade links, C. the realisasi of the budget of every PD by urusan and the efficiency);
BAB IV Penutup; the Lampiran with the PK of the kepala daerah.

Where the figures come from, so that they equal the pages':
- every capaian (indicator, sasaran daerah, the pemda's overall figure, each PD node) is read from
  `rpjmd.queries.pohon_kinerja`, the pohon kinerja page's function, built over the whole pemda;
- every budget amount from `anggaran.queries.pohon_anggaran` over the whole pemda (the budget pages' tree),
  grouped by urusan from the nomenclature codes (`lkjip.urusan`).

The number of queries does not depend on the number of PDs, indicators or budget lines: both trees are read in a
fixed number of queries and everything else is one query each.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip.anggaran import efisiensi
from sakip.anggaran import queries as anggaran
from sakip.anggaran.models import JenisBelanja
from sakip.lib import angka
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.pelaporan.lkjip import analisis, urusan
from sakip.pelaporan.lkjip.bantu import Penomoran, teks_atau, teks_kategori, teks_persen
from sakip.pelaporan.lkjip.model import (
    KOSONG,
    Bab,
    Bagian,
    Blok,
    Grafik,
    Identitas,
    Ikhtisar,
    LaporanLKjIP,
    Narasi,
    Paragraf,
    Tabel,
    TandaTangan,
)
from sakip.pelaporan.models import PengaturanLaporan, TeksLaporanPemda
from sakip.pengukuran import capaian as capaian_lib
from sakip.pengukuran import kini
from sakip.pengukuran import queries as pengukuran_queries
from sakip.perencanaan.models import RencanaStrategis
from sakip.rpjmd import queries as rpjmd_queries
from sakip.rpjmd.models import IndikatorDaerah, PKKepalaDaerah, Rpjmd

TITIK = "…………………………"
SERATUS = Decimal(100)


@dataclass
class _Sasaran:
    """A sasaran daerah of the tree with its indicators and the PD nodes that support it."""

    simpul: rpjmd_queries.Simpul
    indikator: list[rpjmd_queries.Simpul]
    pendukung: list[tuple[rpjmd_queries.Simpul, rpjmd_queries.Simpul]]  # (sasaran/indicator daerah, PD node)


def _sasaran_pohon(pohon: rpjmd_queries.Pohon) -> list[_Sasaran]:
    hasil = []
    for node in pohon.akar.semua():
        if node.jenis != "sasaran_daerah":
            continue
        indikator = [a for a in node.anak if a.jenis == "indikator_daerah"]
        pendukung = [(node, a) for a in node.anak if a.unit]
        for ind in indikator:
            pendukung += [(ind, b) for b in ind.anak if b.unit]
        hasil.append(_Sasaran(node, indikator, pendukung))
    return hasil


def _rp(nilai: Decimal) -> str:
    """An amount in a paragraph: "Rp" and the figure joined by a no-break space, never split at a line end."""
    return angka.format_rupiah(nilai).replace("Rp ", "Rp\u00a0")


def _teks_angka(nilai: Decimal | None) -> str:
    return angka.format_angka(nilai) if nilai is not None else KOSONG


def pembaca(pemda: Pemda) -> Any:
    """The whole-pemda reader the report is built with (`pelaporan.akses.pembaca_pemda`)."""
    from sakip.pelaporan import akses

    return akses.pembaca_pemda(pemda)


def bangun_lkjip_pemda(rpjmd: Rpjmd, tahun: int) -> LaporanLKjIP:
    """The LKjIP of the RPJMD's pemda for a year. The caller has checked that the requester may read it
    (`pelaporan.akses.rpjmd_laporan`); it holds the whole pemda's figures whoever asks."""
    pemda = rpjmd.pemda
    user = pembaca(pemda)
    nama = f"Pemerintah {pemda.nama}"
    nomor = Penomoran()
    gambar = Penomoran()
    identitas = Identitas(
        unit=nama,
        pemda="",
        tahun=tahun,
        renstra=rpjmd.nama,
        periode_renstra=f"{rpjmd.tahun_mulai}–{rpjmd.tahun_selesai}",
        unit_id=0,
        renstra_id=rpjmd.pk,
        logo=PengaturanLaporan.logo_untuk(pemda.pk),
    )
    teks = TeksLaporanPemda.objects.filter(pemda=pemda, tahun=tahun).first() or TeksLaporanPemda()
    pohon = rpjmd_queries.pohon_kinerja(rpjmd, tahun, user)
    sasaran = _sasaran_pohon(pohon)
    data = rpjmd_queries.rpjmd_lengkap(rpjmd)
    riwayat = rpjmd_queries.target_per_tahun(rpjmd)
    pk = PKKepalaDaerah.objects.filter(rpjmd=rpjmd, tahun=tahun).select_related("rpjmd__pemda").first()
    budget = anggaran.pohon_anggaran(user=user, tahun=tahun)
    per_urusan = urusan.kelompokkan(_baris_anggaran(budget), anggaran.kode_sipd_per_unit(pemda.pk))
    metode = anggaran.metode_efisiensi(pemda.pk)

    ikhtisar = _ikhtisar(identitas, pohon, sasaran, budget)
    bab = [
        _bab_1(identitas, pemda, rpjmd, teks),
        _bab_2(identitas, rpjmd, data, pk, budget, nomor, teks),
        _bab_3(identitas, rpjmd, pohon, sasaran, riwayat, budget, per_urusan, metode, nomor, gambar, teks),
        _bab_4(identitas, pohon, sasaran, budget, teks),
        _lampiran(pk, tahun),
    ]
    kata_pengantar: list[Paragraf | Narasi] = (
        [Narasi(teks.kata_pengantar)] if teks.kata_pengantar.strip() else _kata_pengantar(identitas)
    )
    lap = LaporanLKjIP(identitas, kata_pengantar, ikhtisar, bab, _tanda_tangan(teks, pk, pemda, tahun))
    _beri_sumber(lap, nama)
    return lap


# --- the budget lines by urusan ----------------------------------------------------------------------------------


def _baris_anggaran(pohon: anggaran.PohonAnggaran) -> list[urusan.Baris]:
    hasil = []
    for unit in pohon.unit:
        for program in unit.anak:
            for kegiatan in program.anak:
                for sub in kegiatan.anak:
                    hasil.append(
                        urusan.Baris(
                            unit.id,
                            program.id,
                            program.kode,
                            kegiatan.kode,
                            sub.kode,
                            sub.pagu,
                            sub.realisasi,
                        )
                    )
    return hasil


def cakupan_anggaran(pohon: anggaran.PohonAnggaran, pemda: str, tahun: int) -> str:
    """What the budget total covers, printed wherever the total is."""
    jumlah_sub = sum(1 for b in pohon.baris() if b.tingkat == "sub_kegiatan")
    return (
        f"Total ini adalah pagu dan realisasi belanja sub kegiatan seluruh perangkat daerah {pemda} Tahun "
        f"{tahun} yang tercatat di SAKIP ({len(pohon.unit)} unit kerja, {jumlah_sub} sub kegiatan); tidak "
        "mencakup pendapatan, pembiayaan, dan belanja APBD di luar program dan kegiatan perangkat daerah "
        "(antara lain belanja tidak terduga dan belanja transfer)."
    )


# --- front matter ------------------------------------------------------------------------------------------------


def _kata_pengantar(i: Identitas) -> list[Paragraf | Narasi]:
    return [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {i.unit} Tahun {i.tahun} disusun sebagai wujud "
            "pertanggungjawaban kepala daerah atas pencapaian tujuan dan sasaran pembangunan daerah yang "
            f"ditetapkan dalam {i.renstra} {i.periode_renstra}, sesuai Peraturan Menteri PANRB Nomor 53 Tahun "
            "2014."
        ),
        Paragraf(
            "Laporan ini menyajikan perencanaan kinerja, capaian Indikator Kinerja Utama (IKU) Pemerintah "
            "Daerah, kontribusi perangkat daerah, serta realisasi anggaran, sebagai bahan evaluasi dan perbaikan "
            "kinerja pada tahun berikutnya."
        ),
    ]


def _tanda_tangan(teks: TeksLaporanPemda, pk: PKKepalaDaerah | None, pemda: Pemda, tahun: int) -> TandaTangan:
    """The report's own fields, else the PK of the kepala daerah, else a dotted line; never a dash."""
    tempat = teks.tempat_tanda_tangan or (pk.tempat if pk else "") or TITIK
    tanggal = teks.tanggal_tanda_tangan or f"{TITIK} {tahun + 1}"
    jabatan = (
        teks.jabatan_penandatangan or (pk.jabatan_lengkap if pk else "") or f"Kepala Daerah {pemda.nama}"
    )
    nama = teks.nama_penandatangan or (pk.nama if pk else "") or TITIK
    return TandaTangan(tempat_tanggal=f"{tempat}, {tanggal}", jabatan=jabatan, nama=nama)


def _ikhtisar(
    i: Identitas,
    pohon: rpjmd_queries.Pohon,
    sasaran: list[_Sasaran],
    budget: anggaran.PohonAnggaran,
) -> Ikhtisar:
    indikator = [ind for s in sasaran for ind in s.indikator]
    iku = [ind for ind in indikator if ind.objek.is_iku]
    kategori = teks_kategori(pohon.akar.kategori)
    total = budget.total
    t = Tabel(
        nomor="",
        judul=f"Ringkasan Capaian Kinerja Sasaran Daerah Tahun {i.tahun}",
        kolom=["No.", "Sasaran Daerah", "Jumlah Indikator", "Capaian (%)", "Kategori"],
        angka=[False, False, True, True, False],
        bobot=[6, 60, 12, 12, 16],
    )
    for n, s in enumerate(sasaran, start=1):
        t.tambah(
            [
                f"{n}.",
                s.simpul.label,
                str(len(s.indikator)),
                teks_persen(s.simpul.capaian),
                teks_kategori(s.simpul.kategori),
            ],
            [n, s.simpul.label, len(s.indikator), s.simpul.capaian, teks_kategori(s.simpul.kategori)],
        )
    t.tambah(
        [
            "",
            "Capaian kinerja Pemerintah Daerah",
            str(len(indikator)),
            teks_persen(pohon.akar.capaian),
            kategori,
        ],
        ["", "Capaian kinerja Pemerintah Daerah", len(indikator), pohon.akar.capaian, kategori],
        "total",
    )
    paragraf = [
        Paragraf(
            f"{i.unit} pada Tahun {i.tahun} mengukur {len(sasaran)} sasaran daerah {i.renstra} "
            f"{i.periode_renstra} dengan {len(indikator)} indikator kinerja ({len(iku)} IKU Pemerintah Daerah)."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {teks_persen(pohon.akar.capaian)}% dengan "
            f"kategori {kategori}. Metode perhitungan: {pohon.keterangan_rollup}."
        ),
        Paragraf(
            f"Pagu anggaran seluruh perangkat daerah sebesar {_rp(total.pagu)} dengan realisasi "
            f"{_rp(total.realisasi)} atau penyerapan {teks_persen(total.penyerapan)}% "
            f"(Σ realisasi / Σ pagu × 100). {cakupan_anggaran(budget, i.unit, i.tahun)}"
        ),
    ]
    operasi = budget.per_jenis.get(JenisBelanja.OPERASI.value)
    modal = budget.per_jenis.get(JenisBelanja.MODAL.value)
    ringkasan = [
        ("Jumlah sasaran daerah", str(len(sasaran))),
        ("Jumlah indikator sasaran (IKU Pemda)", f"{len(indikator)} ({len(iku)})"),
        ("Capaian kinerja Pemerintah Daerah", f"{teks_persen(pohon.akar.capaian)}%"),
        ("Kategori", kategori),
        ("Metode perhitungan", pohon.keterangan_rollup),
        ("Pagu seluruh perangkat daerah", angka.format_rupiah(total.pagu)),
        ("Realisasi seluruh perangkat daerah", angka.format_rupiah(total.realisasi)),
        ("Penyerapan anggaran", f"{teks_persen(total.penyerapan)}%"),
        ("Pagu Belanja Operasi", angka.format_rupiah(operasi.pagu if operasi else Decimal(0))),
        ("Pagu Belanja Modal", angka.format_rupiah(modal.pagu if modal else Decimal(0))),
    ]
    return Ikhtisar(
        jumlah_sasaran=len(sasaran),
        jumlah_indikator=len(indikator),
        jumlah_iku=len(iku),
        capaian=pohon.akar.capaian,
        capaian_teks=teks_persen(pohon.akar.capaian),
        kategori=kategori,
        metode=pohon.keterangan_rollup,
        pagu=total.pagu,
        realisasi=total.realisasi,
        penyerapan=total.penyerapan,
        pagu_teks=angka.format_rupiah(total.pagu),
        realisasi_teks=angka.format_rupiah(total.realisasi),
        penyerapan_teks=teks_persen(total.penyerapan),
        pagu_unit_teks=angka.format_rupiah(total.pagu),
        realisasi_unit_teks=angka.format_rupiah(total.realisasi),
        paragraf=paragraf,
        tabel=t,
        ringkasan=ringkasan,
    )


# --- BAB I --------------------------------------------------------------------------------------------------------


def _bab_1(i: Identitas, pemda: Pemda, rpjmd: Rpjmd, teks: TeksLaporanPemda) -> Bab:
    bab = Bab("I", "PENDAHULUAN")
    latar = Bagian("A. Latar Belakang")
    latar.blok += teks_atau(
        teks.pendahuluan,
        f"Sebagai pelaksanaan Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP), {i.unit} menyusun "
        f"Laporan Kinerja Tahun {i.tahun} untuk mempertanggungjawabkan pencapaian sasaran daerah yang "
        f"ditetapkan dalam {rpjmd.nama} {i.periode_renstra} dan dalam Perjanjian Kinerja kepala daerah.",
    )
    dasar = Bagian("B. Dasar Hukum")
    dasar.blok += [
        Paragraf(p, "daftar")
        for p in (
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
            "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
            "Instansi Pemerintah;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 89 Tahun 2021 tentang "
            "Penjenjangan Kinerja Instansi Pemerintah;",
            (
                f"{rpjmd.dasar_hukum} tentang {rpjmd.nama} {i.periode_renstra}."
                if rpjmd.dasar_hukum
                else f"Peraturan Daerah tentang {rpjmd.nama} {i.periode_renstra}."
            ),
        )
    ]
    jumlah_pd = UnitKerja.objects.filter(pemda=pemda, jenis=UnitKerja.Jenis.PERANGKAT_DAERAH).count()
    gambaran = Bagian("C. Gambaran Umum")
    gambaran.blok.append(
        Paragraf(
            f"Penyelenggaraan urusan pemerintahan {i.unit} dilaksanakan oleh {jumlah_pd} perangkat daerah yang "
            "tercatat di SAKIP. Setiap perangkat daerah menjabarkan sasaran daerah ke dalam Rencana Strategis "
            "dan Perjanjian Kinerjanya (cascading), sehingga capaian perangkat daerah menjadi dasar capaian "
            "sasaran daerah."
        )
    )
    sistematika = Bagian("D. Sistematika Penyajian")
    sistematika.blok += [
        Paragraf(p, "daftar")
        for p in (
            "BAB I Pendahuluan: latar belakang, dasar hukum, gambaran umum dan sistematika penyajian.",
            "BAB II Perencanaan Kinerja: RPJMD, Indikator Kinerja Utama Pemerintah Daerah, Perjanjian Kinerja "
            "kepala daerah dan rencana anggaran.",
            "BAB III Akuntabilitas Kinerja: capaian IKU Pemerintah Daerah per sasaran daerah dan analisisnya, "
            "kontribusi perangkat daerah, realisasi anggaran per urusan dan efisiensi.",
            "BAB IV Penutup: simpulan atas capaian kinerja dan langkah perbaikan.",
        )
    ]
    bab.bagian = [latar, dasar, gambaran, sistematika]
    return bab


# --- BAB II -------------------------------------------------------------------------------------------------------


def _bab_2(
    i: Identitas,
    rpjmd: Rpjmd,
    data: dict[str, Any],
    pk: PKKepalaDaerah | None,
    budget: anggaran.PohonAnggaran,
    nomor: Penomoran,
    teks: TeksLaporanPemda,
) -> Bab:
    bab = Bab("II", "PERENCANAAN KINERJA")
    tahun_rpjmd = rpjmd.tahun
    rencana = Bagian("A. Rencana Pembangunan Jangka Menengah Daerah")
    rencana.blok += teks_atau(
        teks.pengantar_rpjmd,
        f"{rpjmd.nama} {i.periode_renstra} memuat visi, misi, tujuan dan sasaran daerah beserta indikator "
        "dan targetnya, yang dijabarkan oleh setiap perangkat daerah ke dalam Rencana Strategisnya.",
    )
    if rpjmd.visi:
        rencana.blok.append(Paragraf(f"Visi: {rpjmd.visi}"))
    if data["misi"]:
        rencana.blok.append(Paragraf("Misi:", "tebal"))
        rencana.blok += [Paragraf(m.uraian, "daftar") for m in data["misi"]]
    n_th = len(tahun_rpjmd)
    t = Tabel(
        nomor(2),
        "Tujuan, Sasaran Daerah, Indikator dan Target RPJMD",
        [
            "No.",
            "Tujuan / Sasaran Daerah",
            "Indikator",
            "Satuan",
            "Kondisi Awal",
            *[str(th) for th in tahun_rpjmd],
            "Target Akhir",
        ],
        angka=[False, False, False, False, True, *[True] * n_th, True],
        lebar=True,
        bobot=[5, 30, 30, 8, 8, *[8] * n_th, 8],
    )

    def isi_indikator(ind: IndikatorDaerah) -> list[str]:
        return [
            ind.nama + (" (IKU)" if ind.is_iku else ""),
            ind.satuan,
            ind.kondisi_awal_teks or _teks_angka(ind.kondisi_awal),
            *[(tg.target_teks or KOSONG) if tg else KOSONG for tg in ind.target_per_tahun],
            ind.kondisi_akhir_teks or _teks_angka(ind.kondisi_akhir),
        ]

    kosong = ["", "", "", *[""] * n_th, ""]
    for k, tj in enumerate(data["tujuan"], start=1):
        daftar = tj.daftar_indikator
        t.tambah(
            [f"{k}.", f"Tujuan: {tj.uraian}", *(isi_indikator(daftar[0]) if daftar else kosong)],
            None,
            "sasaran",
        )
        for ind in daftar[1:]:
            t.tambah(["", "", *isi_indikator(ind)])
        for j, s in enumerate(tj.daftar_sasaran, start=1):
            d = s.daftar_indikator
            t.tambah([f"{k}.{j}", f"Sasaran: {s.uraian}", *(isi_indikator(d[0]) if d else kosong)])
            for ind in d[1:]:
                t.tambah(["", "", *isi_indikator(ind)])
    rencana.blok.append(t)
    strategi = Tabel(
        nomor(2),
        "Strategi dan Arah Kebijakan per Sasaran Daerah",
        ["No.", "Sasaran Daerah", "Strategi", "Arah Kebijakan", "Perangkat Daerah Penanggung Jawab"],
        bobot=[5, 28, 27, 25, 15],
    )
    for k, s in enumerate(data["sasaran"], start=1):
        strategi.tambah(
            [
                f"{k}.",
                s.uraian,
                s.strategi.strip() or KOSONG,
                s.arah_kebijakan.strip() or KOSONG,
                s.penanggung_jawab.nama if s.penanggung_jawab_id else KOSONG,
            ]
        )
    rencana.blok.append(strategi)

    iku = Bagian("B. Indikator Kinerja Utama Pemerintah Daerah")
    daftar_iku = [ind for ind in data["indikator"] if ind.is_iku]
    iku.blok += teks_atau(
        teks.pengantar_iku,
        f"Indikator Kinerja Utama (IKU) {i.unit} adalah {len(daftar_iku)} indikator daerah yang ditandai "
        f"sebagai IKU Pemerintah Daerah dalam {rpjmd.nama}; capaiannya diukur setiap tahun dan dilaporkan pada "
        "BAB III.",
    )
    sasaran_nama = {s.pk: s.uraian for s in data["sasaran"]}
    tujuan_nama = {tj.pk: tj.uraian for tj in data["tujuan"]}
    t_iku = Tabel(
        nomor(2),
        "Indikator Kinerja Utama Pemerintah Daerah",
        ["No.", "Sasaran / Tujuan Daerah", "Indikator Kinerja Utama", "Satuan", "Definisi / Cara Hitung"],
        bobot=[5, 30, 30, 8, 27],
    )
    for k, ind in enumerate(daftar_iku, start=1):
        induk = sasaran_nama.get(ind.sasaran_id) or tujuan_nama.get(ind.tujuan_id) or KOSONG
        t_iku.tambah([f"{k}.", induk, ind.nama, ind.satuan, ind.definisi.strip() or KOSONG])
    iku.blok.append(t_iku)

    perjanjian = Bagian("C. Perjanjian Kinerja Kepala Daerah")
    t_pk = Tabel(
        nomor(2),
        f"Target Kinerja Kepala Daerah Tahun {i.tahun}",
        ["No.", "Sasaran Daerah", "Indikator Kinerja Utama", "Satuan", "Target"],
        angka=[False, False, False, False, True],
        bobot=[6, 35, 40, 10, 10],
    )
    if pk is None:
        perjanjian.blok.append(
            Paragraf(
                f"Perjanjian Kinerja kepala daerah Tahun {i.tahun} belum disusun; target di bawah ini adalah "
                f"target Tahun {i.tahun} dalam {rpjmd.nama}."
            )
        )
        n = 0
        for s in data["sasaran"]:
            for ind in s.daftar_indikator:
                if ind.is_iku:
                    n += 1
                    tg = ind.target_per_tahun[tahun_rpjmd.index(i.tahun)] if i.tahun in tahun_rpjmd else None
                    t_pk.tambah(
                        [
                            f"{n}.",
                            s.uraian,
                            ind.nama,
                            ind.satuan,
                            (tg.target_teks or KOSONG) if tg else KOSONG,
                        ]
                    )
    else:
        jabatan = pk.jabatan_lengkap + (f" ({pk.nama})" if pk.nama else "")
        if pk.status == PKKepalaDaerah.Status.FINAL:
            perjanjian.blok.append(
                Paragraf(f"Perjanjian Kinerja Tahun {i.tahun} ditandatangani oleh {jabatan}.")
            )
        else:
            perjanjian.blok.append(
                Paragraf(
                    f"Perjanjian Kinerja {jabatan} Tahun {i.tahun} masih berupa draf dan belum "
                    "ditandatangani; target di bawah ini mengikuti draf tersebut."
                )
            )
        baris = pk.indikator.select_related("indikator_daerah__sasaran").order_by(
            "indikator_daerah__sasaran__urutan", "urutan", "pk"
        )
        for n, line in enumerate(baris, start=1):
            ind = line.indikator_daerah
            t_pk.tambah(
                [
                    f"{n}.",
                    ind.sasaran.uraian if ind.sasaran else KOSONG,
                    ind.nama,
                    ind.satuan,
                    line.target_teks or KOSONG,
                ],
                [
                    n,
                    ind.sasaran,
                    ind,
                    ind.satuan,
                    line.target if line.target is not None else line.target_predikat,
                ],
            )
    perjanjian.blok.append(t_pk)

    rencana_anggaran = Bagian("D. Rencana Anggaran")
    rencana_anggaran.blok.append(
        Paragraf(
            f"Pagu anggaran seluruh perangkat daerah {i.unit} Tahun {i.tahun} sebesar "
            f"{_rp(budget.total.pagu)}. {cakupan_anggaran(budget, i.unit, i.tahun)}"
        )
    )
    rencana_anggaran.blok.append(_tabel_jenis(budget, nomor(2), i.tahun, realisasi=False))
    bab.bagian = [rencana, iku, perjanjian, rencana_anggaran]
    return bab


def _tabel_jenis(budget: anggaran.PohonAnggaran, nomor: str, tahun: int, *, realisasi: bool) -> Tabel:
    kolom = ["No.", "Jenis Belanja", "Pagu (Rp)"] + (
        ["Realisasi (Rp)", "Penyerapan (%)"] if realisasi else []
    )
    t = Tabel(
        nomor,
        (
            "Realisasi Anggaran per Jenis Belanja Tahun "
            if realisasi
            else "Rencana Anggaran per Jenis Belanja Tahun "
        )
        + str(tahun),
        kolom,
        angka=[False, False, *[True] * (len(kolom) - 2)],
        bobot=[6, 40, 20, 20, 14][: len(kolom)],
    )
    for k, jenis in enumerate(JenisBelanja, start=1):
        pos = budget.per_jenis.get(jenis.value)
        pagu = pos.pagu if pos else Decimal(0)
        real = pos.realisasi if pos else Decimal(0)
        sel = [f"{k}.", jenis.label, angka.format_rupiah(pagu)]
        nilai: list[Any] = [k, jenis.label, pagu]
        if realisasi:
            sel += [angka.format_rupiah(real), teks_persen(pos.penyerapan if pos else None)]
            nilai += [real, pos.penyerapan if pos else None]
        t.tambah(sel, nilai)
    total = budget.total
    sel = ["", "Jumlah", angka.format_rupiah(total.pagu)]
    nilai = ["", "Jumlah", total.pagu]
    if realisasi:
        sel += [angka.format_rupiah(total.realisasi), teks_persen(total.penyerapan)]
        nilai += [total.realisasi, total.penyerapan]
    t.tambah(sel, nilai, "total")
    return t


# --- BAB III ------------------------------------------------------------------------------------------------------


def _bab_3(
    i: Identitas,
    rpjmd: Rpjmd,
    pohon: rpjmd_queries.Pohon,
    sasaran: list[_Sasaran],
    riwayat: dict[int, dict[int, Any]],
    budget: anggaran.PohonAnggaran,
    per_urusan: urusan.PerUrusan,
    metode: efisiensi.MetodeEfisiensi,
    nomor: Penomoran,
    gambar: Penomoran,
    teks: TeksLaporanPemda,
) -> Bab:
    bab = Bab("III", "AKUNTABILITAS KINERJA")
    ukur = Bagian("A. Capaian Indikator Kinerja Utama Pemerintah Daerah")
    ukur.blok.append(
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {teks_persen(pohon.akar.capaian)}% dengan kategori "
            f"{teks_kategori(pohon.akar.kategori)}. Metode perhitungan: {pohon.keterangan_rollup}. Capaian setiap "
            "indikator, sasaran daerah dan perangkat daerah sama dengan yang ditampilkan pada pohon kinerja."
        )
    )
    ukur.blok.append(_tabel_pengukuran(pohon, sasaran, i.tahun, nomor(3)))
    ukur.blok.append(
        Grafik(
            gambar(3),
            f"Capaian Kinerja per Sasaran Daerah Tahun {i.tahun}",
            [f"Sasaran {k}" for k in range(1, len(sasaran) + 1)],
            {"Target": [SERATUS] * len(sasaran), "Capaian": [s.simpul.capaian for s in sasaran]},
        )
    )
    for k, s in enumerate(sasaran, start=1):
        ukur.sub.append(_bagian_sasaran(k, s, rpjmd, riwayat, i.tahun, nomor))
    penutup = Bagian(f"{len(sasaran) + 1}. Simpulan Capaian Kinerja")
    tercapai = sum(1 for s in sasaran if s.simpul.capaian is not None and s.simpul.capaian >= SERATUS)
    penutup.blok += teks_atau(
        teks.penutup_capaian,
        f"Dari {len(sasaran)} sasaran daerah, {tercapai} sasaran mencapai atau melampaui target Tahun {i.tahun}.",
    )
    ukur.sub.append(penutup)
    bab.bagian.append(ukur)

    kontribusi = Bagian("B. Kontribusi Perangkat Daerah")
    t_kontribusi = _tabel_kontribusi(sasaran, i.tahun, nomor(3))
    unit_pendukung = sorted({pd.unit for s in sasaran for _, pd in s.pendukung})
    kontribusi.blok += teks_atau(
        teks.analisis_kontribusi,
        f"Sasaran daerah dicapai melalui sasaran dan indikator perangkat daerah yang mendukungnya (cascading). "
        f"Tahun {i.tahun} tercatat {len(unit_pendukung)} perangkat daerah yang kinerjanya ditautkan ke sasaran "
        f"atau indikator daerah; Tabel {t_kontribusi.nomor} menyajikan capaian setiap sasaran dan indikator "
        "perangkat daerah pendukung.",
    )
    for k, s in enumerate(sasaran, start=1):
        kontribusi.blok.append(Paragraf(_kalimat_kontribusi(k, s)))
    kontribusi.blok.append(t_kontribusi)
    kontribusi.blok.append(_tabel_capaian_pd(sasaran, i.tahun, nomor(3)))
    bab.bagian.append(kontribusi)

    anggaran_bagian = Bagian("C. Realisasi Anggaran")
    anggaran_bagian.blok += teks_atau(
        teks.analisis_anggaran,
        f"Realisasi anggaran seluruh perangkat daerah {i.unit} Tahun {i.tahun} disajikan per urusan "
        "pemerintahan, yang dibaca dari kode nomenklatur program, kegiatan dan sub kegiatan (Permendagri "
        "90/2019), dan per jenis belanja.",
    )
    total = budget.total
    anggaran_bagian.blok.append(
        Paragraf(
            f"Pagu anggaran sebesar {_rp(total.pagu)} terealisasi "
            f"{angka.format_rupiah(total.realisasi)} atau penyerapan {teks_persen(total.penyerapan)}%. "
            f"{cakupan_anggaran(budget, i.unit, i.tahun)}"
        )
    )
    anggaran_bagian.blok.append(_tabel_urusan(per_urusan, i.tahun, nomor(3)))
    anggaran_bagian.blok.append(_tabel_jenis(budget, nomor(3), i.tahun, realisasi=True))
    hasil = efisiensi.hitung(
        metode=metode, capaian=pohon.akar.capaian, pagu=total.pagu, realisasi=total.realisasi
    )
    t_ef = Tabel(
        nomor(3),
        f"Tingkat Efisiensi Pemerintah Daerah Tahun {i.tahun}",
        ["Capaian Kinerja (%)", "Penyerapan Anggaran (%)", "Tingkat Efisiensi", "Keterangan"],
        angka=[True, True, True, False],
        bobot=[18, 18, 16, 48],
    )
    sifat = {True: "Efisien", False: "Belum efisien", None: KOSONG}[hasil.efisien]
    t_ef.tambah(
        [teks_persen(pohon.akar.capaian), teks_persen(total.penyerapan), _teks_angka(hasil.nilai), sifat],
        [pohon.akar.capaian, total.penyerapan, hasil.nilai, sifat],
    )
    t_ef.catatan = [f"Metode: {efisiensi.NAMA_METODE[metode]}."]
    efisien = Bagian("D. Efisiensi Penggunaan Sumber Daya")
    efisien.blok.append(
        Paragraf(
            f"Tingkat efisiensi {i.unit} Tahun {i.tahun} "
            + (
                f"sebesar {_teks_angka(hasil.nilai)} ({sifat.lower()})."
                if hasil.nilai is not None
                else f"belum dapat dihitung ({hasil.keterangan})."
            )
            + f" Metode: {efisiensi.NAMA_METODE[metode]}."
        )
    )
    efisien.blok.append(t_ef)
    bab.bagian += [anggaran_bagian, efisien]
    return bab


def _tabel_pengukuran(pohon: rpjmd_queries.Pohon, sasaran: list[_Sasaran], tahun: int, nomor: str) -> Tabel:
    t = Tabel(
        nomor,
        f"Pengukuran Kinerja Sasaran Daerah Tahun {tahun}",
        [
            "No.",
            "Sasaran Daerah",
            "Indikator Kinerja",
            "IKU",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
        ],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8=7/6*100)", "(9)"],
        angka=[False, False, False, False, False, True, True, True, False],
        bobot=[5, 24, 30, 5, 8, 8, 8, 9, 11],
    )
    for k, s in enumerate(sasaran, start=1):
        for j, ind in enumerate(s.indikator):
            obj = ind.objek
            t.tambah(
                [
                    f"{k}." if j == 0 else "",
                    s.simpul.label if j == 0 else "",
                    obj.nama,
                    "Ya" if obj.is_iku else KOSONG,
                    obj.satuan,
                    ind.target,
                    ind.realisasi,
                    teks_persen(ind.capaian),
                    teks_kategori(ind.kategori),
                ],
                [
                    k,
                    s.simpul.objek,
                    obj,
                    obj.is_iku,
                    obj.satuan,
                    ind.target,
                    ind.realisasi,
                    ind.capaian,
                    teks_kategori(ind.kategori),
                ],
                "sasaran" if j == 0 else "",
            )
        t.tambah(
            [
                "",
                "",
                f"Capaian sasaran daerah {k}",
                "",
                "",
                "",
                "",
                teks_persen(s.simpul.capaian),
                teks_kategori(s.simpul.kategori),
            ],
            ["", "", "sasaran", "", "", None, None, s.simpul.capaian, teks_kategori(s.simpul.kategori)],
            "total",
        )
    t.tambah(
        [
            "",
            "",
            "Capaian kinerja Pemerintah Daerah",
            "",
            "",
            "",
            "",
            teks_persen(pohon.akar.capaian),
            teks_kategori(pohon.akar.kategori),
        ],
        ["", "", "pemda", "", "", None, None, pohon.akar.capaian, teks_kategori(pohon.akar.kategori)],
        "total",
    )
    t.catatan = [f"Metode: {pohon.keterangan_rollup}."]
    return t


def _fakta(
    ind: rpjmd_queries.Simpul, rpjmd: Rpjmd, riwayat: dict[int, dict[int, Any]], tahun: int
) -> tuple[analisis.FaktaIndikator, Decimal | None, Decimal | None]:
    obj: IndikatorDaerah = ind.objek
    per_tahun = riwayat.get(obj.pk, {})
    sekarang = per_tahun.get(tahun)
    realisasi = sekarang.realisasi if sekarang else None
    lalu = per_tahun.get(tahun - 1)
    perubahan = capaian_lib.perubahan_tahunan(realisasi, lalu.realisasi if lalu else None)
    kemajuan = None
    if obj.kondisi_akhir is not None:
        kemajuan = capaian_lib.tingkat_kemajuan(
            realisasi=realisasi,
            target_akhir=obj.kondisi_akhir,
            polaritas=capaian_lib.Polaritas(obj.polaritas),
        ).nilai
    fakta = analisis.FaktaIndikator(
        nama=obj.nama,
        satuan=obj.satuan,
        tahun=tahun,
        polaritas=str(obj.polaritas),
        target_teks=ind.target,
        realisasi=analisis.Titik(tahun, realisasi),
        capaian=ind.capaian,
        kategori=ind.kategori.label if ind.kategori else "",
        riwayat=[analisis.Titik(th, r.realisasi) for th, r in sorted(per_tahun.items()) if th < tahun],
        perubahan=perubahan,
        target_akhir=obj.kondisi_akhir,
        target_akhir_teks=_teks_angka(obj.kondisi_akhir) if obj.kondisi_akhir is not None else "",
        tahun_akhir=rpjmd.tahun_selesai,
        kemajuan=kemajuan,
        keterangan="" if ind.capaian is not None else "target atau realisasi belum tersedia",
        dokumen="RPJMD",
    )
    return fakta, lalu.realisasi if lalu else None, kemajuan


def _bagian_sasaran(
    k: int, s: _Sasaran, rpjmd: Rpjmd, riwayat: dict[int, dict[int, Any]], tahun: int, nomor: Penomoran
) -> Bagian:
    bagian = Bagian(f"{k}. Sasaran Daerah {k}: {s.simpul.label}")
    terukur = [ind for ind in s.indikator if ind.capaian is not None]
    fakta_s = analisis.FaktaSasaran(
        uraian=s.simpul.label,
        jumlah_indikator=len(s.indikator),
        tercapai=sum(1 for ind in terukur if ind.capaian is not None and ind.capaian >= SERATUS),
        terukur=len(terukur),
        capaian=s.simpul.capaian,
        kategori=s.simpul.kategori.label if s.simpul.kategori else "",
    )
    bagian.blok += [Paragraf(p) for p in analisis.paragraf_sasaran(fakta_s)]
    t = Tabel(
        nomor(3),
        f"Capaian Indikator Sasaran Daerah {k} Tahun {tahun}",
        [
            "No.",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            f"Realisasi {tahun - 1}",
            f"Target Akhir RPJMD ({rpjmd.tahun_selesai})",
            "Tingkat Kemajuan (%)",
        ],
        angka=[False, False, False, True, True, True, True, True, True],
        bobot=[5, 31, 8, 9, 9, 9, 9, 10, 10],  # portrait: no page turn between the sasaran's text and table
    )
    paragraf: list[Blok] = []
    for j, ind in enumerate(s.indikator, start=1):
        fakta, lalu, kemajuan = _fakta(ind, rpjmd, riwayat, tahun)
        t.tambah(
            [
                f"{j}.",
                ind.objek.nama,
                ind.objek.satuan,
                ind.target,
                ind.realisasi,
                teks_persen(ind.capaian),
                _teks_angka(lalu),
                _teks_angka(ind.objek.kondisi_akhir),
                teks_persen(kemajuan),
            ],
            [
                j,
                ind.objek,
                ind.objek.satuan,
                ind.target,
                ind.realisasi,
                ind.capaian,
                lalu,
                ind.objek.kondisi_akhir,
                kemajuan,
            ],
        )
        paragraf.append(Paragraf(f"{j}) {ind.objek.nama}", "tebal"))
        paragraf += [Paragraf(p) for p in analisis.paragraf_indikator(fakta)]
    bagian.blok.append(t)
    bagian.blok += paragraf
    return bagian


def _kalimat_kontribusi(k: int, s: _Sasaran) -> str:
    if not s.pendukung:
        return (
            f"Sasaran daerah {k} belum didukung oleh sasaran atau indikator perangkat daerah mana pun "
            "(belum ada tautan cascading)."
        )
    per_unit: dict[str, list[rpjmd_queries.Simpul]] = {}
    for _, pd in s.pendukung:
        per_unit.setdefault(pd.unit, []).append(pd)
    bagian = []
    for unit, daftar in per_unit.items():
        terukur = [d for d in daftar if d.capaian is not None]
        tercapai = sum(1 for d in terukur if d.capaian is not None and d.capaian >= SERATUS)
        bagian.append(
            f"{unit} ({len(daftar)} sasaran/indikator pendukung, {tercapai} dari {len(terukur)} yang terukur "
            "mencapai target)"
        )
    jumlah = "satu perangkat daerah" if len(per_unit) == 1 else f"{len(per_unit)} perangkat daerah"
    return f"Sasaran daerah {k} didukung oleh {jumlah}: {'; '.join(bagian)}."


def _tabel_kontribusi(sasaran: list[_Sasaran], tahun: int, nomor: str) -> Tabel:
    t = Tabel(
        nomor,
        f"Kontribusi Perangkat Daerah terhadap Sasaran Daerah Tahun {tahun}",
        [
            "No.",
            "Sasaran / Indikator Daerah",
            "Perangkat Daerah",
            "Sasaran / Indikator Perangkat Daerah",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
        ],
        angka=[False, False, False, False, True, True, True, False],
        bobot=[5, 24, 14, 27, 7, 7, 7, 9],
    )
    for k, s in enumerate(sasaran, start=1):
        if not s.pendukung:
            t.tambah(
                [f"{k}.", s.simpul.label, KOSONG, "Belum ada tautan cascading", "", "", "", ""],
                None,
                "sasaran",
            )
            continue
        sebelumnya = None
        for j, (daerah, pd) in enumerate(s.pendukung):
            t.tambah(
                [
                    f"{k}." if j == 0 else "",
                    daerah.label if daerah is not sebelumnya else "",
                    pd.unit,
                    pd.label,
                    pd.target or KOSONG,
                    pd.realisasi or KOSONG,
                    teks_persen(pd.capaian),
                    teks_kategori(pd.kategori),
                ],
                [
                    k,
                    daerah.objek,
                    pd.unit,
                    pd.objek,
                    pd.target,
                    pd.realisasi,
                    pd.capaian,
                    teks_kategori(pd.kategori),
                ],
                "sasaran" if j == 0 else "",
            )
            sebelumnya = daerah
    t.catatan = ["Capaian perangkat daerah sama dengan dasbor kinerja perangkat daerah tersebut."]
    return t


def _tabel_capaian_pd(sasaran: list[_Sasaran], tahun: int, nomor: str) -> Tabel:
    """Each supporting PD's own capaian of the year (its Renstra in force), computed by the unit dashboards'
    function for all of them at once (`tabel_capaian_banyak`: a fixed number of queries)."""
    jumlah: dict[int, int] = {}
    for s in sasaran:
        for _, pd in s.pendukung:
            jumlah[pd.objek.renstra_id] = jumlah.get(pd.objek.renstra_id, 0) + 1
    berlaku = pengukuran_queries.renstra_berlaku(RencanaStrategis.objects.filter(pk__in=list(jumlah)), tahun)
    t = Tabel(
        nomor,
        f"Capaian Kinerja Perangkat Daerah Pendukung Tahun {tahun}",
        ["No.", "Perangkat Daerah", "Renstra", "Sasaran/Indikator Pendukung", "Capaian (%)", "Kategori"],
        angka=[False, False, False, True, True, False],
        bobot=[6, 30, 28, 12, 10, 14],
    )
    for k, tabel in enumerate(kini.tabel_banyak(berlaku, tahun), start=1):
        r = tabel.renstra
        t.tambah(
            [
                f"{k}.",
                r.unit_kerja.nama,
                r.nama if str(r.tahun_mulai) in r.nama else f"{r.nama} {r.tahun_mulai}–{r.tahun_selesai}",
                str(jumlah[r.pk]),
                teks_persen(tabel.unit.nilai),
                teks_kategori(tabel.kategori_unit),
            ],
            [k, r.unit_kerja, r, jumlah[r.pk], tabel.unit.nilai, teks_kategori(tabel.kategori_unit)],
        )
    t.catatan = [
        "Capaian kinerja perangkat daerah sama dengan dasbor kinerja unitnya (seluruh indikatornya)."
    ]
    return t


def _tabel_urusan(per_urusan: urusan.PerUrusan, tahun: int, nomor: str) -> Tabel:
    t = Tabel(
        nomor,
        f"Realisasi Anggaran per Urusan Pemerintahan Tahun {tahun}",
        [
            "Kode",
            "Urusan / Bidang Urusan",
            "Unit Kerja",
            "Program",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Penyerapan (%)",
        ],
        angka=[False, False, True, True, True, True, True],
        bobot=[6, 38, 8, 8, 16, 16, 10],
    )

    def baris(kel: urusan.Kelompok, gaya: str) -> None:
        penyerapan = kel.realisasi * SERATUS / kel.pagu if kel.pagu else None
        t.tambah(
            [
                kel.kode,
                kel.nama,
                str(len(kel.unit)),
                str(len(kel.program)),
                angka.format_rupiah(kel.pagu),
                angka.format_rupiah(kel.realisasi),
                teks_persen(penyerapan),
            ],
            [kel.kode, kel.nama, len(kel.unit), len(kel.program), kel.pagu, kel.realisasi, penyerapan],
            gaya,
        )

    for atas, daftar in per_urusan.kelompok:
        baris(atas, "program")
        for d in daftar:
            baris(d, "")
    if per_urusan.tidak_dikenali.baris:
        baris(per_urusan.tidak_dikenali, "")
    baris(per_urusan.total, "total")
    catatan = [
        "Urusan dibaca dari kode program (U.BB.PP), kegiatan atau sub kegiatan menurut nomenklatur Permendagri "
        "90/2019; penyerapan = Σ realisasi / Σ pagu × 100."
    ]
    if per_urusan.dari_skpd:
        catatan.append(
            f"{per_urusan.dari_skpd} sub kegiatan yang kodenya bukan kode nomenklatur dikelompokkan menurut kode "
            "SKPD (SIPD) unit kerjanya."
        )
    if per_urusan.dari_unit:
        catatan.append(
            f"{per_urusan.dari_unit} sub kegiatan yang kodenya bukan kode nomenklatur dimasukkan ke bidang urusan "
            "program lain unit kerja yang sama."
        )
    if per_urusan.tidak_dikenali.baris:
        catatan.append(
            f"{per_urusan.tidak_dikenali.baris} sub kegiatan tidak dapat dikelompokkan karena kode urusannya "
            "tidak dikenali."
        )
    t.catatan = catatan
    return t


# --- BAB IV and the Lampiran --------------------------------------------------------------------------------------


def _bab_4(
    i: Identitas,
    pohon: rpjmd_queries.Pohon,
    sasaran: list[_Sasaran],
    budget: anggaran.PohonAnggaran,
    teks: TeksLaporanPemda,
) -> Bab:
    bab = Bab("IV", "PENUTUP")
    if teks.penutup.strip():
        bab.pengantar = [Narasi(teks.penutup)]
        return bab
    tercapai = sum(1 for s in sasaran if s.simpul.capaian is not None and s.simpul.capaian >= SERATUS)
    bab.pengantar = [
        Paragraf(
            f"Laporan Kinerja Instansi Pemerintah {i.unit} Tahun {i.tahun} disusun berdasarkan {i.renstra} "
            f"({i.periode_renstra}) dan Perjanjian Kinerja kepala daerah, dan menyajikan pencapaian sasaran daerah."
        ),
        Paragraf(
            f"Capaian kinerja {i.unit} Tahun {i.tahun} sebesar {teks_persen(pohon.akar.capaian)}% dengan kategori "
            f"{teks_kategori(pohon.akar.kategori)}; {tercapai} dari {len(sasaran)} sasaran daerah mencapai atau "
            f"melampaui target. Penyerapan anggaran seluruh perangkat daerah {teks_persen(budget.total.penyerapan)}% "
            f"({_rp(budget.total.realisasi)} dari {_rp(budget.total.pagu)})."
        ),
        Paragraf(
            "Sasaran daerah yang belum mencapai target dan perangkat daerah pendukungnya menjadi prioritas "
            "perbaikan perencanaan dan pelaksanaan kinerja tahun berikutnya."
        ),
    ]
    return bab


def _lampiran(pk: PKKepalaDaerah | None, tahun: int) -> Bab:
    """The PK of the kepala daerah of the year: the final (signed) version, or the draft labelled as a draft."""
    from sakip.pelaporan import pk_kepala_daerah

    bab = Bab("", "LAMPIRAN")
    bagian = Bagian(f"Perjanjian Kinerja Kepala Daerah Tahun {tahun}")
    bab.bagian.append(bagian)
    if pk is None:
        bagian.blok.append(Paragraf(f"Perjanjian Kinerja kepala daerah Tahun {tahun} belum disusun."))
        return bab
    dok = pk_kepala_daerah.bangun(pk)
    if pk.status != PKKepalaDaerah.Status.FINAL:
        bagian.judul += " (RANCANGAN)"
        bagian.blok.append(
            Paragraf(
                f"Perjanjian Kinerja ini masih berstatus {dok.status.lower()} dan belum ditandatangani; "
                "lampiran ini bukan dokumen yang ditetapkan.",
                "tebal",
            )
        )
    # The PK's budget table sums the programs of the PDs' PK, not every budget line of BAB III: say so.
    dok.tabel_anggaran.catatan.append(
        "Jumlah ini adalah pagu program pada Perjanjian Kinerja perangkat daerah tahun ini; total belanja sub "
        "kegiatan seluruh perangkat daerah disajikan pada BAB III.C."
    )
    bagian.blok.append(Paragraf(dok.judul, "tebal"))
    bagian.blok += dok.pernyataan
    bagian.blok += [dok.tanda_tangan, dok.tabel_kinerja, dok.tabel_anggaran, dok.tanda_tangan]
    return bab


# Where each table comes from, by the start of its title.
_SUMBER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Tujuan, Sasaran Daerah", "Strategi dan Arah", "Indikator Kinerja Utama"), "{rpjmd} {periode}"),
    (("Target Kinerja Kepala Daerah",), "Perjanjian Kinerja kepala daerah Tahun {tahun}"),
    (
        ("Rencana Anggaran", "Realisasi Anggaran"),
        "DPA dan realisasi anggaran seluruh perangkat daerah Tahun {tahun}, diolah",
    ),
    (
        ("Kontribusi Perangkat Daerah", "Capaian Kinerja Perangkat Daerah"),
        "Renstra dan realisasi kinerja perangkat daerah Tahun {tahun}, diolah",
    ),
)


def _beri_sumber(lap: LaporanLKjIP, nama: str) -> None:
    i = lap.identitas
    for blok in lap.semua_blok(lampiran=False):
        if not isinstance(blok, Tabel) or blok.sumber:
            continue
        for awalan, pola in _SUMBER:
            if blok.judul.startswith(awalan):
                blok.sumber = pola.format(rpjmd=i.renstra, periode=i.periode_renstra, tahun=i.tahun)
                break
        else:
            blok.sumber = f"data SAKIP {nama} Tahun {i.tahun}, diolah"
