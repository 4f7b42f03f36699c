"""The nomenclature master kept per version (Kepmendagri decree), and the check of plan codes against it.

A Renstra records the version in force for its first year when it is created (`RencanaStrategis.nomenklatur`); its
program, kegiatan and sub kegiatan codes are checked against that version only, so a later decree that renames or
drops a code leaves the old plan valid. A Renstra made before any master was loaded records none and is not checked.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.lib import xlsx_baca
from sakip.perencanaan.models import KodeNomenklatur, RencanaStrategis, VersiNomenklatur

JENIS = KodeNomenklatur.Jenis
LEMBAR = {JENIS.PROGRAM: "Program", JENIS.KEGIATAN: "Kegiatan", JENIS.SUB_KEGIATAN: "Sub Kegiatan"}
LABEL = {JENIS.PROGRAM: "program", JENIS.KEGIATAN: "kegiatan", JENIS.SUB_KEGIATAN: "sub kegiatan"}


def versi_berlaku(tahun: int) -> VersiNomenklatur | None:
    """The version in force for plans starting in `tahun`: the latest whose year has come."""
    return VersiNomenklatur.objects.filter(tahun_berlaku__lte=tahun).order_by("-tahun_berlaku").first()


def versi_renstra(
    renstra: RencanaStrategis | None, *, tahun_mulai: int | None = None
) -> VersiNomenklatur | None:
    """The version a Renstra's codes are checked against (a new one: the version in force for its first year)."""
    if renstra is not None and renstra.pk:
        return (
            VersiNomenklatur.objects.filter(keputusan=renstra.nomenklatur).first()
            if renstra.nomenklatur
            else None
        )
    return versi_berlaku(tahun_mulai) if tahun_mulai else None


def periksa(
    versi: VersiNomenklatur | None, jenis: str, kode: str, *, daftar: Mapping[str, str] | None = None
) -> str | None:
    """None when the code is in the version (or nothing is checked); else an Indonesian message naming the nearest
    codes. `daftar` (kode -> nama of that jenis) saves a query per row in imports."""
    if versi is None:
        return None
    kode = (kode or "").strip()
    if daftar is None:
        daftar = dict(versi.kode.filter(jenis=jenis).values_list("kode", "nama"))
    if kode in daftar:
        return None
    # The nearest: the same parent code first, then the closest strings.
    induk = kode.rsplit(".", 1)[0] if "." in kode else ""
    saudara = [k for k in daftar if induk and k.startswith(induk + ".")]
    akhir = kode.rsplit(".", 1)[-1]
    if saudara and akhir.isdigit():
        # Under the same parent, the nearest numbers (a renumbered or mistyped last segment).
        mirip = sorted(
            saudara,
            key=lambda k: (
                abs(int(k.rsplit(".", 1)[-1]) - int(akhir)) if k.rsplit(".", 1)[-1].isdigit() else 1e9
            ),
        )[:3]
    else:
        mirip = difflib.get_close_matches(kode, saudara or list(daftar), n=3, cutoff=0.5)
    if not mirip:
        mirip = difflib.get_close_matches(kode, list(daftar), n=3, cutoff=0.3)
    saran = "; ".join(f"{k} {daftar[k]}" for k in mirip)
    return (
        f"Kode {LABEL.get(jenis, jenis)} '{kode}' tidak ada pada nomenklatur Kepmendagri {versi.keputusan}."
        + (f" Yang terdekat: {saran}." if saran else "")
    )


def pastikan(versi: VersiNomenklatur | None, jenis: str, kode: str) -> None:
    if (pesan := periksa(versi, jenis, kode)) is not None:
        raise ValidationError({"kode": pesan})


@transaction.atomic
def simpan_versi(
    *,
    keputusan: str,
    tahun_berlaku: int,
    baris: Mapping[str, Iterable[Mapping[str, str]]],
    nama: str = "",
    by: object = None,
) -> VersiNomenklatur:
    """Create or replace one version from rows per jenis ({"program": [{"kode":…, "nama":…}], …})."""
    keputusan = keputusan.strip()
    if not keputusan:
        raise ValidationError({"keputusan": "Nomor keputusan wajib diisi."})
    versi = VersiNomenklatur.objects.filter(keputusan=keputusan).first() or VersiNomenklatur(
        keputusan=keputusan
    )
    versi.tahun_berlaku = tahun_berlaku
    versi.nama = nama.strip() or versi.nama
    versi.full_clean()
    if by is not None:
        versi._history_user = by  # type: ignore[attr-defined]
    versi.save()
    versi.kode.all().delete()
    objek = []
    for jenis, daftar in baris.items():
        if jenis not in JENIS.values:
            raise ValidationError(f"Jenis nomenklatur '{jenis}' tidak dikenal.")
        sudah: set[str] = set()
        for b in daftar:
            kode = (b.get("kode") or "").strip()
            if not kode or kode in sudah:
                continue
            sudah.add(kode)
            objek.append(
                KodeNomenklatur(
                    versi=versi,
                    jenis=jenis,
                    kode=kode,
                    nama=(b.get("nama") or "").strip()[:500],
                    indikator=(b.get("indikator") or "").strip()[:500],
                    satuan=(b.get("satuan") or "").strip()[:100],
                )
            )
    KodeNomenklatur.objects.bulk_create(objek, batch_size=1000)
    return versi


def baca_folder_csv(folder: Path) -> dict[str, list[dict[str, str]]]:
    """program.csv, kegiatan.csv and sub_kegiatan.csv of a folder (the shared partial master's layout)."""
    hasil: dict[str, list[dict[str, str]]] = {}
    for jenis in JENIS.values:
        berkas = folder / f"{jenis}.csv"
        if berkas.exists():
            with berkas.open(encoding="utf-8-sig", newline="") as f:
                hasil[jenis] = list(csv.DictReader(f))
    return hasil


def baca_xlsx(data: bytes) -> dict[str, list[dict[str, str]]]:
    """The decree's annex as a workbook: sheets Program, Kegiatan, Sub Kegiatan with a header row (kode, nama, and
    for sub kegiatan indikator, satuan)."""
    try:
        buku = xlsx_baca.baca(data, maks_baris=50_000, baris_judul=1)
    except xlsx_baca.WorkbookDitolak as exc:
        raise ValidationError(str(exc)) from exc
    hasil: dict[str, list[dict[str, str]]] = {}
    for jenis, nama in LEMBAR.items():
        lembar = buku.get(nama)
        if lembar is None or not lembar.baris:
            continue
        judul = [str(v or "").strip().lower() for v in lembar.baris[0][1]]
        hasil[jenis] = [
            {
                "_baris": str(nomor),
                **{j: _teks(v) for j, v in zip(judul, nilai, strict=False) if j},
            }
            for nomor, nilai in lembar.baris[1:]
        ]
    if not hasil:
        raise ValidationError("Berkas tidak memuat sheet 'Program', 'Kegiatan' atau 'Sub Kegiatan'.")
    return hasil


def _teks(nilai: object) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


# The shape of the codes of Permendagri 90/2019: program U.BB.PP, kegiatan U.BB.PP.K.KK, sub kegiatan
# U.BB.PP.K.KK.SSSS (the urusan U may be one or two digits).
POLA = {
    JENIS.PROGRAM: re.compile(r"^\d{1,2}\.\d{2}\.\d{2}$"),
    JENIS.KEGIATAN: re.compile(r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}$"),
    JENIS.SUB_KEGIATAN: re.compile(r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$"),
}
CONTOH = {JENIS.PROGRAM: "4.01.02", JENIS.KEGIATAN: "4.01.02.2.01", JENIS.SUB_KEGIATAN: "4.01.02.2.01.0001"}
INDUK = {JENIS.KEGIATAN: (JENIS.PROGRAM, 2), JENIS.SUB_KEGIATAN: (JENIS.KEGIATAN, 1)}


@dataclass(frozen=True)
class GalatBaris:
    lembar: str
    baris: int | None
    pesan: str


def periksa_impor(
    *, keputusan: str, tahun_berlaku: int | None, baris: Mapping[str, list[Mapping[str, str]]]
) -> list[GalatBaris]:
    """Every problem of a version to be imported, by sheet and row (nothing is written): code shape, missing name,
    duplicates, a kegiatan or sub kegiatan whose parent is not in the file, and when it replaces a loaded version,
    codes that plans made with that version use but the file drops."""
    galat: list[GalatBaris] = []
    if not keputusan.strip():
        galat.append(GalatBaris("", None, "Nomor keputusan wajib diisi."))
    if tahun_berlaku is None or not 2000 <= tahun_berlaku <= 2100:
        galat.append(GalatBaris("", None, "Tahun berlaku harus antara 2000 dan 2100."))
    if not any(baris.get(j) for j in JENIS.values):
        galat.append(GalatBaris("", None, "Berkas tidak memuat satu kode pun."))
    kode: dict[str, set[str]] = {j: set() for j in JENIS.values}
    for jenis in JENIS.values:
        lembar = LEMBAR[jenis]
        for n, b in enumerate(baris.get(jenis, []), start=2):
            nomor = int(b.get("_baris") or n)
            k, nama = (b.get("kode") or "").strip(), (b.get("nama") or "").strip()
            if not k and not nama:
                continue
            if not POLA[jenis].match(k):
                galat.append(
                    GalatBaris(
                        lembar,
                        nomor,
                        f"Kode {LABEL[jenis]} '{k}' tidak sesuai pola (contoh {CONTOH[jenis]}).",
                    )
                )
                continue
            if not nama:
                galat.append(GalatBaris(lembar, nomor, f"Nama {LABEL[jenis]} {k} kosong."))
            if k in kode[jenis]:
                galat.append(
                    GalatBaris(lembar, nomor, f"Kode {LABEL[jenis]} {k} tercantum lebih dari sekali.")
                )
            kode[jenis].add(k)
            if jenis in INDUK:
                induk_jenis, potong = INDUK[jenis]
                induk = k.rsplit(".", potong)[0]
                if induk not in kode[induk_jenis]:
                    galat.append(
                        GalatBaris(
                            lembar,
                            nomor,
                            f"Induk {LABEL[induk_jenis]} {induk} dari {LABEL[jenis]} {k} tidak ada pada sheet "
                            f"'{LEMBAR[induk_jenis]}'.",
                        )
                    )
    galat += _kode_terpakai_hilang(keputusan.strip(), kode)
    return galat


def _kode_terpakai_hilang(keputusan: str, kode: Mapping[str, set[str]]) -> list[GalatBaris]:
    """Replacing a loaded version: the codes its plans use must stay (else the old plans turn invalid)."""
    from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan

    if not keputusan or not VersiNomenklatur.objects.filter(keputusan=keputusan).exists():
        return []
    renstra = RencanaStrategis.objects.filter(nomenklatur=keputusan)
    dipakai = {
        JENIS.PROGRAM: Program.objects.filter(sasaran__renstra__in=renstra).values_list("kode", flat=True),
        JENIS.KEGIATAN: Kegiatan.objects.filter(program__sasaran__renstra__in=renstra).values_list(
            "kode", flat=True
        ),
        JENIS.SUB_KEGIATAN: SubKegiatan.objects.filter(
            kegiatan__program__sasaran__renstra__in=renstra
        ).values_list("kode", flat=True),
    }
    galat = []
    for jenis, qs in dipakai.items():
        hilang = sorted(set(qs) - kode[jenis])
        if hilang:
            galat.append(
                GalatBaris(
                    LEMBAR[jenis],
                    None,
                    f"Versi {keputusan} sudah dipakai Renstra; kode {LABEL[jenis]} yang dipakai rencana tidak boleh "
                    f"hilang: {', '.join(hilang[:10])}"
                    + (f" dan {len(hilang) - 10} lainnya" if len(hilang) > 10 else "")
                    + ". Muat sebagai versi (nomor keputusan) baru.",
                )
            )
    return galat
