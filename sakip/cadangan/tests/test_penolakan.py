"""A restore that cannot be done is refused with a message and writes nothing: no row, no file."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError

from sakip.cadangan.tests.conftest import cadangkan, isi_media, jumlah_semua, kosongkan, ubah_arsip
from sakip.organisasi.models import Pemda
from sakip.pengukuran import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def arsip(org, operator_a, media: Path, tmp_path: Path) -> Path:
    """A backup of pemda 64 of the personas with a realisasi and two evidence files."""
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    r = services.save_realisasi(
        indikator=renstra.indikator.get(kode="IKU01"),
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(3), "usulan": Decimal(4)},
    )
    for n in (1, 2):
        dokumen = services.upload_data_dukung(
            unit=org.biro_a, nama=f"bukti{n}.pdf", isi=PDF + bytes([n]), by=operator_a
        )
        services.link_data_dukung(realisasi=r, dokumen=dokumen, by=operator_a)
    return cadangkan("64", tmp_path / "kecil.zip")


@pytest.fixture
def kosong(arsip: Path, media: Path) -> dict[str, object]:
    """The database and storage emptied after the backup; what a refused restore must leave untouched."""
    kosongkan(media)
    return {"jumlah": jumlah_semua(), "media": isi_media(media)}


def _ditolak(arsip: Path, pesan: str) -> None:
    with pytest.raises(CommandError, match=pesan):
        call_command("pulihkan", str(arsip))


def _tak_berubah(keadaan: dict[str, object], media: Path) -> None:
    assert jumlah_semua() == keadaan["jumlah"]
    assert isi_media(media) == keadaan["media"]


def test_the_small_archive_restores(arsip, kosong, media):
    call_command("pulihkan", str(arsip))
    assert Pemda.objects.filter(kode="64").exists()
    assert len(isi_media(media)) == 2


def test_restore_over_an_existing_pemda_is_refused(arsip, media):
    sebelum = {"jumlah": jumlah_semua(), "media": isi_media(media)}
    _ditolak(arsip, "Pemda 64 .* sudah ada di basis data ini")
    _tak_berubah(sebelum, media)


def test_archive_of_a_newer_schema_is_refused(arsip, kosong, media, tmp_path):
    def masa_depan(m):
        m["migrasi"]["organisasi"].append("9999_dari_masa_depan")

    _ditolak(
        ubah_arsip(arsip, tmp_path / "baru.zip", manifest=masa_depan), "skema basis data yang lebih baru"
    )
    _tak_berubah(kosong, media)


def test_evidence_file_with_another_sha256_is_refused(arsip, kosong, media, tmp_path):
    with zipfile.ZipFile(arsip) as zf:
        nama = next(n for n in zf.namelist() if n.startswith("berkas/"))
    rusak = ubah_arsip(arsip, tmp_path / "rusak.zip", anggota={nama: PDF + b"diubah"})
    _ditolak(rusak, "SHA-256 berkas/data_dukung/.* tidak cocok")
    _tak_berubah(kosong, media)


def test_changed_rows_are_refused_by_their_sha256(arsip, kosong, media, tmp_path):
    with zipfile.ZipFile(arsip) as zf:
        isi = zf.read("data/pengukuran.Realisasi.jsonl")
    rusak = ubah_arsip(
        arsip, tmp_path / "rusak.zip", anggota={"data/pengukuran.Realisasi.jsonl": isi.replace(b"75", b"99")}
    )
    _ditolak(rusak, "SHA-256 data/pengukuran.Realisasi.jsonl tidak cocok")
    _tak_berubah(kosong, media)


@pytest.mark.parametrize(
    "isi",
    [b"", b"bukan arsip zip", b"PK\x03\x04" + b"\x00" * 40],
    ids=["kosong", "teks", "kepala_zip_saja"],
)
def test_a_file_that_is_not_a_zip_is_refused(kosong, media, tmp_path, isi):
    path = tmp_path / "bukan.zip"
    path.write_bytes(isi)
    _ditolak(path, "bukan arsip zip yang sah")
    _tak_berubah(kosong, media)


def test_a_truncated_archive_is_refused(arsip, kosong, media, tmp_path):
    path = tmp_path / "terpotong.zip"
    path.write_bytes(arsip.read_bytes()[: arsip.stat().st_size // 2])
    _ditolak(path, "bukan arsip zip yang sah|Arsip rusak")
    _tak_berubah(kosong, media)


def test_a_zip_without_manifest_is_refused(kosong, media, tmp_path):
    path = tmp_path / "lain.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("catatan.txt", "bukan cadangan")
    _ditolak(path, "manifest.json tidak ada")
    _tak_berubah(kosong, media)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda m: m.update(format="lain"), "bukan manifes cadangan SAKIP"),
        (lambda m: m.update(versi_format=99), "Versi format arsip 99 tidak didukung"),
        (lambda m: m.pop("bagian"), "tidak lengkap"),
        (lambda m: m["berkas"][0].update(nama="../../luar.pdf"), "tidak lengkap"),
        (lambda m: m["bagian"].append({**m["bagian"][-1], "arsip": "data/x.jsonl"}), "tidak lengkap"),
        (lambda m: m["bagian"][-1].update(jumlah=m["bagian"][-1]["jumlah"] + 1), "manifes menyebut"),
    ],
    ids=["format", "versi", "tanpa_bagian", "nama_berkas_keluar", "bagian_asing", "jumlah_baris"],
)
def test_a_malformed_manifest_is_refused(arsip, kosong, media, tmp_path, ubah, pesan):
    _ditolak(ubah_arsip(arsip, tmp_path / "rusak.zip", manifest=ubah), pesan)
    _tak_berubah(kosong, media)


def test_a_section_missing_from_the_zip_is_refused(arsip, kosong, media, tmp_path):
    path = tmp_path / "kurang.zip"
    with zipfile.ZipFile(arsip) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            if info.filename != "data/organisasi.UnitKerja.jsonl":
                zout.writestr(info.filename, zin.read(info))
    _ditolak(path, "data/organisasi.UnitKerja.jsonl tercantum di manifes tetapi tidak ada")
    _tak_berubah(kosong, media)


def test_a_file_of_other_content_under_the_same_name_is_never_overwritten(arsip, kosong, media):
    with zipfile.ZipFile(arsip) as zf:
        nama = json.loads(zf.read("manifest.json"))["berkas"][0]["nama"]
    (media / nama).parent.mkdir(parents=True)
    (media / nama).write_bytes(b"milik orang lain")
    keadaan = {"jumlah": jumlah_semua(), "media": isi_media(media)}
    _ditolak(arsip, "sudah ada di penyimpanan dengan isi lain")
    _tak_berubah(keadaan, media)


def test_a_row_whose_key_is_taken_is_refused(arsip, kosong, media):
    with zipfile.ZipFile(arsip) as zf:
        pk = json.loads(zf.read("manifest.json"))["pemda"]["pk"]
    Pemda.objects.create(pk=pk, kode="99", nama="Pemda lain", jenis="provinsi")
    keadaan = {"jumlah": jumlah_semua(), "media": isi_media(media)}
    _ditolak(arsip, f"organisasi.Pemda dengan kunci {pk} sudah dipakai data lain")
    _tak_berubah(keadaan, media)


def test_a_failure_while_writing_files_removes_the_files_written_and_every_row(
    arsip, kosong, media, monkeypatch
):
    asli = FileSystemStorage._save
    panggilan = []

    def gagal_kedua(self, name, content):
        panggilan.append(name)
        if len(panggilan) == 2:
            raise OSError("disk penuh")
        return asli(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", gagal_kedua)
    _ditolak(arsip, "gagal ditulis ke penyimpanan .*disk penuh")
    assert len(panggilan) == 2  # the first file was written, and removed again
    _tak_berubah(kosong, media)


def test_rows_the_database_rejects_roll_everything_back(arsip, kosong, media, tmp_path):
    """Rows whose parents are missing (here: every unit) fail the constraint check; nothing stays."""

    def tanpa_unit(m):
        m["bagian"] = [b for b in m["bagian"] if b["model"] != "organisasi.UnitKerja"]

    _ditolak(ubah_arsip(arsip, tmp_path / "tanpa.zip", manifest=tanpa_unit), "Data arsip tidak utuh")
    _tak_berubah(kosong, media)


def test_archive_without_its_pemda_row_is_refused(arsip, kosong, media, tmp_path):
    def tanpa_pemda(m):
        m["bagian"] = [b for b in m["bagian"] if b["model"] != "organisasi.Pemda"]

    _ditolak(
        ubah_arsip(arsip, tmp_path / "tanpa.zip", manifest=tanpa_pemda), "pemda 64, tetapi datanya tidak ada"
    )
    _tak_berubah(kosong, media)
