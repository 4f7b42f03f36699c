"""The Perjanjian Kinerja: the lampiran of the LKjIP and a document of its own (Word, PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sakip.lib import angka
from sakip.pelaporan.lkjip.model import Paragraf, Tabel, TandaTangan, TandaTanganGanda
from sakip.pelaporan.models import PengaturanLaporan
from sakip.perencanaan.models import PerjanjianKinerja

# --- Perjanjian Kinerja (lampiran of the LKjIP, and a document of its own) -----------------------------------------


TITIK = "…………………………"


@dataclass
class Pihak:
    peran: str  # "PIHAK PERTAMA"
    nama: str
    jabatan: str
    nip: str = ""


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
    tanda_tangan: TandaTanganGanda
    draf: bool = False  # a draft is marked DRAF on every page
    logo: bytes | None = None


def _baris_pihak(pihak: Pihak) -> list[Paragraf]:
    """ "Nama : …" / "Jabatan : …" / "NIP : …" one under the other, the colons aligned (style "pihak")."""
    baris = [Paragraf(f"Nama\t: {pihak.nama}", "pihak"), Paragraf(f"Jabatan\t: {pihak.jabatan}", "pihak")]
    if pihak.nip:
        baris.append(Paragraf(f"NIP\t: {pihak.nip}", "pihak"))
    return baris


def bangun_pk(pk: PerjanjianKinerja) -> DokumenPK:
    """The PK statement with both parties, their signature blocks and the target and budget attachment."""
    unit = pk.unit_kerja
    # A missing name or jabatan is a dotted line to fill by hand, never a dash.
    pertama = Pihak(
        "PIHAK PERTAMA",
        pk.pihak_pertama_nama or TITIK,
        pk.pihak_pertama_jabatan or TITIK,
        pk.pihak_pertama_nip,
    )
    kedua = Pihak(
        "PIHAK KEDUA", pk.pihak_kedua_nama or TITIK, pk.pihak_kedua_jabatan or TITIK, pk.pihak_kedua_nip
    )
    pernyataan = [
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
            "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        *_baris_pihak(pertama),
        Paragraf("selanjutnya disebut PIHAK PERTAMA."),
        *_baris_pihak(kedua),
        Paragraf("selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA."),
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
    tempat_tanggal = f"{pk.tempat or TITIK}, {angka.format_tanggal(pk.tanggal, TITIK)}"
    return DokumenPK(
        judul=f"PERJANJIAN KINERJA TAHUN {pk.tahun}",
        unit=unit.nama,
        pemda=unit.pemda.nama,
        tahun=pk.tahun,
        status=pk.get_status_display(),
        pihak_pertama=pertama,
        pihak_kedua=kedua,
        pernyataan=pernyataan,
        tempat_tanggal=tempat_tanggal,
        tabel_kinerja=kinerja,
        tabel_anggaran=anggaran_pk,
        tanda_tangan=TandaTanganGanda(
            kiri=TandaTangan("", kedua.jabatan, kedua.nama, nip=kedua.nip),
            kanan=TandaTangan(tempat_tanggal, pertama.jabatan, pertama.nama, nip=pertama.nip),
            peran_kiri="PIHAK KEDUA",
            peran_kanan="PIHAK PERTAMA",
        ),
        draf=pk.status == PerjanjianKinerja.Status.DRAFT,
        logo=PengaturanLaporan.logo_untuk(unit.pemda_id),
    )
