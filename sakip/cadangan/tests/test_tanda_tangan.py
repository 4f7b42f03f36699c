"""Backup archives are signed with the installation's backup key (issue 19: an archive edited consistently, hashes
recomputed, restored a changed verified value and a new superuser). Without the key no edit restores."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sakip.cadangan import arsip
from sakip.cadangan.tests.conftest import cadangkan, isi_media, jumlah_semua, kosongkan, ubah_arsip
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests.factories import renstra_dengan_iku

REALISASI = "data/pengukuran.Realisasi.jsonl"
PENGGUNA = "bersama/organisasi.Pengguna.jsonl"


@pytest.fixture
def asli(org, operator_a, pimpinan_a, tmp_path: Path) -> Path:
    """A backup of pemda 64 with one verified realisasi (value 75)."""
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    r = services.save_realisasi(
        indikator=renstra.indikator.get(kode="IKU01"),
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(3), "usulan": Decimal(4)},
    )
    services.submit_realisasi(r, by=operator_a)
    services.verify_realisasi(r, by=pimpinan_a)
    return cadangkan("64", tmp_path / "asli.zip")


def _baris(zf: zipfile.ZipFile, nama: str) -> list[dict]:
    return [json.loads(b) for b in zf.read(nama).decode().splitlines() if b.strip()]


def sunting(sumber: Path, tujuan: Path, ubah: dict[str, Callable[[list[dict]], list[dict]]]) -> Path:
    """What an attacker with the archive but not the key does: change rows and recompute every hash and count the
    manifest holds, keeping the archive's old signature."""
    with zipfile.ZipFile(sumber) as zf:
        isi = {n: zf.read(n) for n in zf.namelist()}
        baru = {nama: fungsi(_baris(zf, nama)) for nama, fungsi in ubah.items()}
    manifest = json.loads(isi[arsip.MANIFEST])
    for nama, baris in baru.items():
        isi[nama] = "".join(json.dumps(b) + "\n" for b in baris).encode()
        bagian = next(b for b in manifest["bagian"] if b["arsip"] == nama)
        manifest["jumlah_baris"][bagian["model"]] += len(baris) - bagian["jumlah"]
        bagian.update(
            jumlah=len(baris),
            sha256=hashlib.sha256(isi[nama]).hexdigest(),
            pk_maks=max(b["pk"] for b in baris),
        )
    isi[arsip.MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(tujuan, "w") as zf:
        for nama, data in isi.items():
            zf.writestr(nama, data)
    return tujuan


def _nilai_diubah(baris: list[dict]) -> list[dict]:
    for b in baris:
        assert b["fields"]["status"] == Realisasi.Status.DIVERIFIKASI
        b["fields"]["nilai"] = "99.000000"
    return baris


def _superuser_baru(baris: list[dict]) -> list[dict]:
    penyusup = json.loads(json.dumps(baris[0]))
    penyusup["pk"] = max(b["pk"] for b in baris) + 100
    penyusup["fields"].update(username="penyusup", is_superuser=True, is_staff=True, is_active=True)
    return [*baris, penyusup]


@pytest.fixture
def disunting(asli: Path, tmp_path: Path) -> Path:
    return sunting(asli, tmp_path / "disunting.zip", {REALISASI: _nilai_diubah, PENGGUNA: _superuser_baru})


def _pulihkan_ditolak(path: Path, pesan: str, media: Path) -> None:
    sebelum = {"jumlah": jumlah_semua(), "media": isi_media(media)}
    with pytest.raises(CommandError, match=pesan):
        call_command("pulihkan", str(path))
    assert jumlah_semua() == sebelum["jumlah"]
    assert isi_media(media) == sebelum["media"]
    assert not Pengguna.objects.filter(username="penyusup").exists()


def test_an_archive_edited_consistently_without_the_key_is_refused_and_nothing_restored(disunting, media):
    kosongkan(media)
    _pulihkan_ditolak(disunting, "Arsip ditolak: tanda tangan arsip tidak cocok", media)


def test_the_same_edit_signed_with_another_key_is_refused(disunting, media, tmp_path):
    lain = ubah_arsip(disunting, tmp_path / "lain.zip", manifest=lambda m: None, kunci=b"k" * 40)
    kosongkan(media)
    _pulihkan_ditolak(
        lain, "tanda tangan arsip tidak cocok: .* kunci cadangan \\(SAKIP_BACKUP_KEY\\) lain", media
    )


def test_the_edit_is_what_the_signature_stops(disunting, media, tmp_path):
    """The attack is real: the same edited archive, signed with the key, restores the changed value and the new
    superuser. Only the key stands between an edited archive and the database."""
    ditandatangani = ubah_arsip(disunting, tmp_path / "bertanda.zip", manifest=lambda m: None)
    kosongkan(media)
    call_command("pulihkan", str(ditandatangani))
    assert Pengguna.objects.get(username="penyusup").is_superuser
    assert Realisasi.objects.get().nilai == Decimal(99)


def test_an_archive_without_signature_is_refused(asli, media, tmp_path):
    path = tmp_path / "tanpa.zip"
    with zipfile.ZipFile(asli) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            if info.filename != arsip.TANDA_TANGAN:
                zout.writestr(info.filename, zin.read(info))
    kosongkan(media)
    _pulihkan_ditolak(path, "arsip tidak bertanda tangan", media)


def test_a_restore_with_another_key_refuses_a_genuine_archive(asli, media, settings):
    kosongkan(media)
    settings.SAKIP_BACKUP_KEY = "kunci-instalasi-lain-" + "x" * 20
    _pulihkan_ditolak(asli, "tanda tangan arsip tidak cocok", media)


@pytest.mark.parametrize("kunci", ["", "pendek"])
def test_backup_and_restore_refuse_without_a_proper_key(asli, media, settings, tmp_path, kunci):
    settings.SAKIP_BACKUP_KEY = kunci
    with pytest.raises(CommandError, match="Kunci cadangan SAKIP_BACKUP_KEY belum diisi"):
        call_command("cadangkan", "--pemda", "64", "--keluar", str(tmp_path / "baru.zip"))
    assert not (tmp_path / "baru.zip").exists()
    kosongkan(media)
    _pulihkan_ditolak(asli, "Kunci cadangan SAKIP_BACKUP_KEY belum diisi", media)
