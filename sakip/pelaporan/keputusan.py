"""The content of the decree that establishes a Renstra's IKU (Keputusan ... tentang Indikator Kinerja Utama), as data.

Modelled on the decrees of seeds 002 (Sekda Kabupaten Balangan) and 003 (Kepala Biro Umum Setda Provinsi Kalimantan
Barat): kop, title, Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, the diktum, place and date, the signature block,
then the LAMPIRAN (unit, tugas, fungsi, the IKU table with definition, formula, satuan, baseline, targets per year,
end-of-period target, data source and responsible unit).

The decree's own texts are stored per Renstra in `perencanaan.KeputusanIKU`; an empty field means the generated
default below. The number of queries is fixed: it does not depend on the number of IKU (indicators, their targets
and variables are read in three queries) nor on the depth of the unit tree (the unit's ancestors in one query).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.models import PengaturanLaporan
from sakip.perencanaan.models import Indikator, KeputusanIKU, RencanaStrategis, Target
from sakip.profil.models import ProfilOrganisasi

KOSONG = angka.KOSONG
TITIK = "……………"

URUTAN_DIKTUM = [
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
]
HURUF = "abcdefghijklmnopqrstuvwxyz"

# The two PermenPAN the seeds' decrees rest on. PER/20 is of November 2008 (seed 003 prints "5/2008").
PERMENPAN_IKU = (
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang Pedoman Umum "
    "Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah"
)
PERMENPAN_PETUNJUK = (
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/20/M.PAN/11/2008 tentang Petunjuk "
    "Penyusunan Indikator Kinerja Utama"
)
MENGINGAT_BAKU = [
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, Kolusi, "
    "dan Nepotisme;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    f"{PERMENPAN_IKU};",
    f"{PERMENPAN_PETUNJUK};",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk "
    "Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah.",
]


# --- content --------------------------------------------------------------------------------------------------------


@dataclass
class Butir:
    """A numbered item of Menimbang ("a.") or Mengingat ("1.")."""

    label: str
    teks: str


@dataclass
class Diktum:
    label: str  # "KESATU"
    teks: str


@dataclass
class Penandatangan:
    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass
class BarisIKU:
    nomor: str  # "1." on the first row of a sasaran, "" on the others
    sasaran: str
    awal_sasaran: bool
    indikator: str
    definisi: str
    formulasi: str
    satuan: str
    kondisi_awal: str
    target: list[str]
    kondisi_akhir: str
    sumber_data: str
    penanggung_jawab: str
    objek: Indikator | None = None
    nilai_target: list[Decimal | None] = field(default_factory=list)


@dataclass
class TabelIKU:
    tahun: list[int]
    baris: list[BarisIKU]
    kondisi_awal: bool  # the columns appear only when some IKU has a value for them
    kondisi_akhir: bool

    def kolom(self) -> list[tuple[str, list[str]]]:
        """The header: (title, sub-titles) per column group; the target group spans the years."""
        hasil: list[tuple[str, list[str]]] = [
            ("No.", []),
            ("Sasaran Strategis", []),
            ("Indikator Kinerja Utama", []),
            ("Definisi Operasional / Alasan Pemilihan", []),
            ("Formulasi / Cara Perhitungan", []),
            ("Satuan", []),
        ]
        if self.kondisi_awal:
            hasil.append(("Kondisi Awal", []))
        hasil.append(("Target", [str(t) for t in self.tahun]))
        if self.kondisi_akhir:
            hasil.append(("Kondisi Akhir Periode", []))
        hasil += [("Sumber Data", []), ("Penanggung Jawab", [])]
        return hasil

    def sel(self, b: BarisIKU) -> list[str]:
        """The cells of a row in column order."""
        # The sasaran is written once, on its first indicator's row (the renderer merges the cells below it).
        hasil = [b.nomor, b.sasaran if b.awal_sasaran else "", b.indikator, b.definisi, b.formulasi, b.satuan]
        if self.kondisi_awal:
            hasil.append(b.kondisi_awal)
        hasil += b.target
        if self.kondisi_akhir:
            hasil.append(b.kondisi_akhir)
        return [*hasil, b.sumber_data, b.penanggung_jawab]

    def bobot(self) -> list[float]:
        """Relative column widths, in the order of `sel`."""
        # Narrow columns are wide enough for their 8 pt bold header words ("Kondisi", "Penanggung") on a landscape
        # A4 page even with six target years.
        hasil = [5.0, 12.0, 12.0, 15.0, 13.0, 7.5]
        if self.kondisi_awal:
            hasil.append(8.5)
        hasil += [6.5] * len(self.tahun)
        if self.kondisi_akhir:
            hasil.append(8.5)
        return [*hasil, 10.0, 12.0]

    def angka(self) -> list[bool]:
        """Which columns hold figures (right-aligned)."""
        n_awal = 6 + int(self.kondisi_awal)
        return [False] * n_awal + [True] * (len(self.tahun) + int(self.kondisi_akhir)) + [False, False]


@dataclass
class DokumenKeputusan:
    pemerintah: str  # "PEMERINTAH PROVINSI KALIMANTAN BARAT"
    kop_unit: str
    alamat: list[str]
    jabatan: str  # "Kepala Biro Umum Sekretariat Daerah Provinsi Kalimantan Barat"
    nomor: str
    unit: str  # the unit's full name, with its parents and the pemda
    periode: str  # "2024-2026"
    menimbang: list[Butir]
    mengingat: list[Butir]
    menetapkan: str
    diktum: list[Diktum]
    tempat: str
    tanggal: str
    penandatangan: Penandatangan
    tugas: str
    fungsi: list[str]
    tabel: TabelIKU
    disunting: bool  # texts stored for this Renstra (else every text is the default)
    logo: bytes | None = None  # the pemda's logo, left of the kop

    @property
    def judul(self) -> str:
        return f"KEPUTUSAN {self.jabatan.upper()}"

    @property
    def tentang(self) -> str:
        return f"INDIKATOR KINERJA UTAMA {self.unit.upper()} TAHUN {self.periode}"


# --- helpers --------------------------------------------------------------------------------------------------------


_PENOMORAN = re.compile(r"^\s*(?:[a-zA-Z]|\d{1,2})[.)]\s+|^\s*[-•–]\s*")


def butir(teks: str) -> list[str]:
    """The items of a text field: one per line, without the numbering the user may have typed ("a.", "1)", "-")."""
    hasil = []
    for baris in teks.replace("\r\n", "\n").split("\n"):
        isi = " ".join(_PENOMORAN.sub("", baris, count=1).split())
        if isi:
            hasil.append(isi)
    return hasil


def _leluhur(unit: UnitKerja) -> list[UnitKerja]:
    """The unit's ancestors from its parent up to the root, in one query (from the materialised path)."""
    ids = [int(x) for x in unit.jalur.strip("/").split("/") if x][:-1]
    if not ids:
        return []
    per_id = {u.pk: u for u in UnitKerja.objects.filter(pk__in=ids)}
    return [per_id[i] for i in reversed(ids) if i in per_id]


def nama_lengkap(unit: UnitKerja, leluhur: list[UnitKerja], pemda: str) -> str:
    """The unit, its parents up to the perangkat daerah, and the pemda unless a name already carries it, e.g.
    "Biro Umum Sekretariat Daerah Provinsi Kalimantan Barat"."""
    bagian = [unit.nama]
    if unit.jenis != UnitKerja.Jenis.PERANGKAT_DAERAH:
        for u in leluhur:
            bagian.append(u.nama)
            if u.jenis == UnitKerja.Jenis.PERANGKAT_DAERAH:
                break
    teks = " ".join(bagian)
    return teks if pemda.lower() in teks.lower() else f"{teks} {pemda}"


def jabatan_baku(unit_lengkap: str) -> str:
    """The head of the unit: the Sekretaris Daerah for the Sekretariat Daerah, else Kepala <unit>."""
    if unit_lengkap.lower().startswith("sekretariat daerah"):
        return "Sekretaris Daerah" + unit_lengkap[len("Sekretariat Daerah") :]
    return f"Kepala {unit_lengkap}"


def rumus_teks(ind: Indikator) -> str:
    """The formula as people read it: the written description, else the machine formula with its variables' labels."""
    if ind.formulasi_uraian.strip():
        return ind.formulasi_uraian.strip()
    if not ind.formulasi.strip():
        return KOSONG
    label = {v.nama: v.label for v in ind.variabel.all() if v.label}
    teks = re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: label.get(m.group(0), m.group(0)), ind.formulasi)
    return " ".join(teks.replace("*", " × ").split())


_LABEL_ALASAN = re.compile(r"^\s*alasan\s+pemilihan\s*:?\s*", re.IGNORECASE)
# A decimal written with a point (the source document's "66.04", "78.2") next to the report's "68,40": one or two
# digits after the point, so that "1.234" (a thousands separator) is left alone.
_DESIMAL_TITIK = re.compile(r"(?<![\d.,])(\d+)\.(\d{1,2})(?![\d.,])")


def _definisi(ind: Indikator) -> str:
    bagian = []
    if ind.definisi.strip():
        bagian.append(ind.definisi.strip())
    alasan = _LABEL_ALASAN.sub("", ind.alasan.strip())  # imported texts often carry the label already
    if alasan:
        bagian.append(f"Alasan pemilihan: {alasan}")
    return "\n".join(bagian) or KOSONG


def desimal_koma(teks: str) -> str:
    """A value typed as text ("B = 66.04") with the Indonesian decimal comma, like the figures beside it."""
    return _DESIMAL_TITIK.sub(r"\1,\2", teks)


def _nilai_teks(nilai: Decimal | None, teks: str) -> str:
    if teks:
        return desimal_koma(teks)
    return angka.format_angka(nilai) if nilai is not None else ""


def _tabel(renstra: RencanaStrategis, unit: UnitKerja) -> TabelIKU:
    tahun = renstra.tahun
    iku = list(
        Indikator.objects.filter(renstra=renstra, is_iku=True)
        .select_related("sasaran", "tujuan", "penanggung_jawab")
        .prefetch_related(Prefetch("target", queryset=Target.objects.order_by("tahun")), "variabel")
    )

    def induk(ind: Indikator) -> tuple[int, int, str, int]:
        # Indicators of a tujuan first (a decree of a Bagian may have sasaran only), then by sasaran.
        if ind.sasaran is not None:
            return (1, ind.sasaran.urutan, ind.sasaran.kode, ind.sasaran.pk)
        assert ind.tujuan is not None
        return (0, ind.tujuan.urutan, ind.tujuan.kode, ind.tujuan.pk)

    iku.sort(key=lambda i: (induk(i), i.urutan, i.kode))
    baris: list[BarisIKU] = []
    sebelumnya = None
    n = 0
    for ind in iku:
        kunci = induk(ind)
        awal = kunci != sebelumnya
        if awal:
            n += 1
            sebelumnya = kunci
        pemilik = ind.sasaran or ind.tujuan
        per_tahun = {t.tahun: t for t in ind.target.all()}
        target = [per_tahun.get(th) for th in tahun]
        akhir = _nilai_teks(ind.kondisi_akhir, ind.kondisi_akhir_teks)
        if not akhir and target and target[-1] is not None:
            akhir = target[-1].teks
        baris.append(
            BarisIKU(
                nomor=f"{n}." if awal else "",
                sasaran=pemilik.uraian if pemilik is not None else KOSONG,
                awal_sasaran=awal,
                indikator=ind.nama,
                definisi=_definisi(ind),
                formulasi=rumus_teks(ind),
                satuan=ind.satuan,
                kondisi_awal=_nilai_teks(ind.kondisi_awal, ind.kondisi_awal_teks),
                target=[t.teks if t is not None else KOSONG for t in target],
                kondisi_akhir=akhir,
                sumber_data=ind.sumber_data.strip() or KOSONG,
                penanggung_jawab=ind.penanggung_jawab.nama if ind.penanggung_jawab else unit.nama,
                objek=ind,
                nilai_target=[t.nilai if t is not None else None for t in target],
            )
        )
    punya_awal = any(b.kondisi_awal for b in baris)
    punya_akhir = any(b.kondisi_akhir for b in baris)
    for b in baris:
        b.kondisi_awal = b.kondisi_awal or KOSONG
        b.kondisi_akhir = b.kondisi_akhir or KOSONG
    return TabelIKU(tahun, baris, punya_awal, punya_akhir)


def _profil(unit: UnitKerja, renstra: RencanaStrategis) -> tuple[str, list[str]]:
    """Tugas and fungsi from the unit's organisation profile of the Renstra period (the latest one in it, else the
    latest before it)."""
    profil = (
        ProfilOrganisasi.objects.filter(unit_kerja=unit, tahun__lte=renstra.tahun_selesai)
        .order_by("-tahun")
        .first()
    )
    if profil is None:
        return "", []
    return profil.tugas.strip(), [f.uraian for f in profil.fungsi.order_by("urutan")]


def _menimbang_baku(jabatan: str, unit: str, periode: str) -> list[str]:
    return [
        f"bahwa dalam rangka melaksanakan ketentuan {PERMENPAN_IKU}, setiap instansi pemerintah perlu menetapkan "
        "Indikator Kinerja Utama;",
        "bahwa Indikator Kinerja Utama disusun dengan memperhatikan tugas dan fungsi serta keterkaitan dengan visi, "
        f"misi, tujuan dan sasaran yang tertuang dalam Rencana Strategis {unit} Tahun {periode};",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan "
        f"{jabatan} tentang Indikator Kinerja Utama {unit} Tahun {periode};",
    ]


# --- builder --------------------------------------------------------------------------------------------------------


def _periode(renstra: RencanaStrategis) -> str:
    if renstra.tahun_selesai != renstra.tahun_mulai:
        return f"{renstra.tahun_mulai}-{renstra.tahun_selesai}"
    return str(renstra.tahun_mulai)


def teks_baku(renstra: RencanaStrategis) -> dict[str, str]:
    """The generated texts an empty field stands for, one item per line (shown on the edit page)."""
    unit: UnitKerja = renstra.unit_kerja
    lengkap = nama_lengkap(unit, _leluhur(unit), unit.pemda.nama)
    jabatan = jabatan_baku(lengkap)
    return {
        "jabatan_penandatangan": jabatan,
        "menimbang": "\n".join(_menimbang_baku(jabatan, lengkap, _periode(renstra))),
        "mengingat": "\n".join(MENGINGAT_BAKU),
    }


def bangun_keputusan(renstra: RencanaStrategis) -> DokumenKeputusan:
    """The IKU decree of a Renstra (its unit and pemda select_related by the caller)."""
    unit: UnitKerja = renstra.unit_kerja
    pemda = unit.pemda.nama
    teks = KeputusanIKU.objects.filter(renstra=renstra).first()
    disunting = teks is not None
    if teks is None:
        teks = KeputusanIKU(renstra=renstra)
    leluhur = _leluhur(unit)
    lengkap = nama_lengkap(unit, leluhur, pemda)
    kop = next((u for u in [unit, *leluhur] if u.jenis == UnitKerja.Jenis.PERANGKAT_DAERAH), unit)
    periode = _periode(renstra)
    jabatan = " ".join(teks.jabatan_penandatangan.split()) or jabatan_baku(lengkap)
    menimbang = butir(teks.menimbang) or _menimbang_baku(jabatan, lengkap, periode)
    mengingat = butir(teks.mengingat) or MENGINGAT_BAKU
    diktum_teks = [
        f"Menetapkan Indikator Kinerja Utama {lengkap} Tahun {periode} sebagaimana tercantum dalam Lampiran yang "
        "merupakan bagian tidak terpisahkan dari Keputusan ini.",
        "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU merupakan acuan ukuran kinerja yang "
        f"digunakan oleh {lengkap} dalam menyusun rencana kinerja tahunan, rencana kerja dan anggaran, perjanjian "
        "kinerja, serta dalam pengukuran, pelaporan dan evaluasi pencapaian kinerja.",
        *butir(teks.diktum_tambahan),
        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
    ]
    diktum = [
        Diktum(URUTAN_DIKTUM[k] if k < len(URUTAN_DIKTUM) else f"KE-{k + 1}", t)
        for k, t in enumerate(diktum_teks)
    ]
    tugas, fungsi = _profil(unit, renstra)
    return DokumenKeputusan(
        pemerintah=f"PEMERINTAH {pemda.upper()}",
        kop_unit=kop.nama.upper().replace(f" {pemda.upper()}", ""),
        alamat=[b.strip() for b in teks.alamat_kop.splitlines() if b.strip()],
        jabatan=jabatan,
        nomor=teks.nomor.strip() or TITIK,
        unit=lengkap,
        periode=periode,
        menimbang=[Butir(f"{HURUF[k % 26]}.", t) for k, t in enumerate(menimbang)],
        mengingat=[Butir(f"{k}.", t) for k, t in enumerate(mengingat, start=1)],
        menetapkan=f"KEPUTUSAN {jabatan.upper()} TENTANG INDIKATOR KINERJA UTAMA {lengkap.upper()} TAHUN {periode}.",
        diktum=diktum,
        tempat=teks.tempat.strip() or TITIK,
        tanggal=angka.format_tanggal(teks.tanggal, TITIK),
        penandatangan=Penandatangan(
            jabatan=jabatan,
            nama=teks.nama_penandatangan.strip() or TITIK,
            pangkat=teks.pangkat_golongan.strip(),
            nip=teks.nip.strip() or TITIK,
        ),
        tugas=tugas,
        fungsi=fungsi,
        tabel=_tabel(renstra, unit),
        disunting=disunting,
        logo=PengaturanLaporan.logo_untuk(unit.pemda_id),
    )
