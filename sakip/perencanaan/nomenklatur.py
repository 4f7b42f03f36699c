"""The nomenclature master kept per version (Kepmendagri decree), and the check of plan codes against it.

A Renstra records the version in force for its first year when it is created (`RencanaStrategis.nomenklatur`); its
program, kegiatan and sub kegiatan codes are checked against that version only, so a later decree that renames or
drops a code leaves the old plan valid. A Renstra made before any master was loaded records none and is not checked.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable, Mapping
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
    *, keputusan: str, tahun_berlaku: int, baris: Mapping[str, Iterable[Mapping[str, str]]]
) -> VersiNomenklatur:
    """Create or replace one version from rows per jenis ({"program": [{"kode":…, "nama":…}], …})."""
    keputusan = keputusan.strip()
    if not keputusan:
        raise ValidationError({"keputusan": "Nomor keputusan wajib diisi."})
    versi, _ = VersiNomenklatur.objects.update_or_create(
        keputusan=keputusan, defaults={"tahun_berlaku": tahun_berlaku}
    )
    versi.full_clean()
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
            {j: str(v).strip() if v is not None else "" for j, v in zip(judul, nilai, strict=False)}
            for _, nilai in lembar.baris[1:]
        ]
    if not hasil:
        raise ValidationError("Berkas tidak memuat sheet 'Program', 'Kegiatan' atau 'Sub Kegiatan'.")
    return hasil
