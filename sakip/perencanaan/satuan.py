"""The units of measure (satuan) an indicator may be expressed in, as written in IKU decrees and Renstra tables.

An Excel import accepts a satuan from this list, or one already used by an indicator of the same pemda, so
that a typo ("Persn") is caught while a pemda's own established wording keeps working. Comparison ignores
case, repeated spaces and spaces around a slash ("Nilai/ Predikat" = "Nilai/Predikat"); the text is stored as
written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Seen in the seed documents (IKU decrees of Setda Kaltim, Setda Balangan, Biro Umum Kalbar; LKjIP Setda Kaltim
# 2024) and the demo data, then the usual counting units of Renstra/IKU tables.
SATUAN: tuple[str, ...] = (
    "Persen",
    "Persentase",
    "%",
    "Indeks",
    "Nilai",
    "Nilai/Predikat",
    "Predikat",
    "Kategori",
    "Skor",
    "Poin",
    "Level",
    "Opini",
    "Peringkat",
    "Rasio",
    "Dokumen",
    "Kebijakan",
    "Laporan",
    "Rekomendasi",
    "Produk Hukum",
    "Peraturan",
    "Keputusan",
    "Kajian",
    "MoU",
    "Kesepakatan",
    "Perjanjian",
    "Kerja Sama",
    "Orang",
    "ASN",
    "Pegawai",
    "Kegiatan",
    "Paket",
    "Program",
    "Layanan",
    "Aplikasi",
    "Sistem",
    "Inovasi",
    "Unit",
    "Unit Kerja",
    "Lembaga",
    "Organisasi",
    "Instansi",
    "Perangkat Daerah",
    "SKPD",
    "OPD",
    "Kabupaten/Kota",
    "Kecamatan",
    "Desa",
    "Kelurahan",
    "Urusan",
    "Kasus",
    "Perkara",
    "Aduan",
    "Berkas",
    "Surat",
    "Naskah",
    "Arsip",
    "Buku",
    "Media",
    "Publikasi",
    "Rapat",
    "Forum",
    "Rupiah",
    "Juta Rupiah",
    "Miliar Rupiah",
    "Hari",
    "Minggu",
    "Bulan",
    "Tahun",
    "Jam",
    "Menit",
    "Kali",
    "Ruang",
    "Gedung",
    "Area",
    "Jaringan",
    "m2",
    "Sekolah",
    "Tempat Ibadah",
)


def normal(teks: str) -> str:
    """The comparison key of a satuan: case-folded, single spaces, no spaces around '/'."""
    teks = re.sub(r"\s+", " ", (teks or "").strip()).casefold()
    return re.sub(r"\s*/\s*", "/", teks)


_DIKENAL = {normal(s) for s in SATUAN}


def dikenal(teks: str, tambahan: Iterable[str] = ()) -> bool:
    """Whether `teks` is in the vocabulary or among `tambahan` (e.g. the satuan already used in the pemda)."""
    kunci = normal(teks)
    return kunci in _DIKENAL or kunci in {normal(t) for t in tambahan}


def saran(teks: str, tambahan: Iterable[str] = ()) -> str | None:
    """The closest accepted satuan to a typo, if any is close enough."""
    calon = {normal(s): s for s in (*SATUAN, *tambahan)}
    mirip = difflib.get_close_matches(normal(teks), list(calon), n=1, cutoff=0.75)
    return calon[mirip[0]] if mirip else None


def pesan_tidak_dikenal(teks: str, tambahan: Iterable[str] = ()) -> str:
    """The one message for a satuan outside the pemda's list, said alike by the form, the import and the API."""
    mirip = saran(teks, tambahan)
    return (
        f"Satuan '{teks}' tidak dikenal"
        + (f" (maksud Anda '{mirip}'?)" if mirip else "")
        + f". Satuan yang diterima: {', '.join(SATUAN)}; satuan pada daftar satuan pemda; atau satuan yang sudah "
        "dipakai indikator lain di pemda ini."
    )
