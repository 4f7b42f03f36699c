"""Evidence uploads of Office documents: macro-enabled and over-inflating packages are refused (issue 19)."""

import io
import struct
import time
import zipfile
import zlib
from decimal import Decimal as D
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.lib import zip_aman
from sakip.lib.tests import bom_xlsx
from sakip.pengukuran import berkas, services
from sakip.pengukuran.models import DataDukung

GIB = 1024 * 1024 * 1024


def _docx() -> bytes:
    dokumen = docx.Document()
    dokumen.add_paragraph("Notulen rapat evaluasi triwulan I.")
    keluaran = io.BytesIO()
    dokumen.save(keluaran)
    return keluaran.getvalue()


def _tambah(asli: bytes, tulis) -> bytes:
    """The package with its members copied and more written by `tulis(zip)`."""
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(asli)) as masuk,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as keluar,
    ):
        for info in masuk.infolist():
            keluar.writestr(info, masuk.read(info))
        tulis(keluar)
    return keluaran.getvalue()


def _mentah(data: bytes) -> bytes:
    kompresor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return kompresor.compress(data) + kompresor.flush()


def _docx_bom(asli: bytes) -> bytes:
    """The document plus a member inflating to 1 GiB of zeros (1 MB compressed), built without compressing
    1 GiB: after a full flush the deflater forgets its history, so one 16 MiB segment repeated 64 times is a
    valid deflate stream of 1 GiB. The zip is written by hand (zipfile can only compress what it is given)."""
    anggota = []
    with zipfile.ZipFile(io.BytesIO(asli)) as arsip:
        for info in arsip.infolist():
            data = arsip.read(info)
            anggota.append((info.filename, _mentah(data), zlib.crc32(data), len(data)))
    nol = bytes(16 * 1024 * 1024)
    kompresor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segmen = kompresor.compress(nol) + kompresor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(GIB // len(nol)):
        crc = zlib.crc32(nol, crc)
    akhir = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    anggota.append(("word/media/image1.png", segmen * (GIB // len(nol)) + akhir, crc, GIB))

    keluaran, pusat = bytearray(), bytearray()
    for nama, data, crc, ukuran in anggota:
        n = nama.encode()
        offset = len(keluaran)
        kepala = (crc, len(data), ukuran, len(n))
        keluaran += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, *kepala, 0) + n + data
        pusat += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, *kepala, 0, 0, 0, 0, 0, offset
        )
        pusat += n
    awal = len(keluaran)
    keluaran += pusat + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(anggota), len(anggota), len(pusat), awal, 0
    )
    return bytes(keluaran)


@pytest.fixture(scope="module")
def dokumen() -> dict[str, bytes]:
    asli = _docx()
    return {
        "asli": asli,
        "makro": _tambah(asli, lambda z: z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(500))),
        "bom": _docx_bom(asli),
        # Headers that lie: the member declares 1 KB in the central directory and inflates to 50 MB.
        "bohong": bom_xlsx.ukuran_terdeklarasi(
            _tambah(asli, lambda z: z.writestr("word/media/image1.png", bytes(50 * 1024 * 1024))),
            "word/media/image1.png",
            1024,
        ),
    }


def test_a_plain_docx_is_accepted(org, operator_a, media_root, dokumen):
    doc = services.upload_data_dukung(
        unit=org.biro_a, nama="notulen.docx", isi=dokumen["asli"], by=operator_a
    )
    assert doc.jenis == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(
    ("jenis", "pesan"),
    [
        ("makro", zip_aman.PESAN_MAKRO),
        ("bom", zip_aman.PESAN_TERLALU_BESAR),
        ("bohong", zip_aman.PESAN_RUSAK),
    ],
)
def test_a_macro_docx_and_inflation_bombs_are_refused_and_nothing_is_stored(
    org, operator_a, media_root, dokumen, jenis, pesan
):
    assert len(dokumen[jenis]) < berkas.UKURAN_MAKSIMAL
    mulai = time.thread_time()
    with pytest.raises(ValidationError) as exc:
        services.upload_data_dukung(unit=org.biro_a, nama="notulen.docx", isi=dokumen[jenis], by=operator_a)
    assert time.thread_time() - mulai < 5  # never inflated whole (1 GiB would take far longer)
    assert exc.value.messages == [pesan]
    assert not DataDukung.objects.exists()
    assert not Path(media_root).exists() or not [p for p in Path(media_root).rglob("*") if p.is_file()]


def test_the_declared_sizes_of_the_bomb_are_what_refuses_it_before_inflating(dokumen):
    with zipfile.ZipFile(io.BytesIO(dokumen["bom"])) as arsip:
        assert arsip.getinfo("word/media/image1.png").file_size == GIB
        with pytest.raises(zip_aman.ZipDitolak):
            zip_aman.periksa_direktori(arsip, berkas.BATAS_ZIP)


def test_the_lying_member_is_stopped_after_the_size_it_declares(dokumen):
    with zipfile.ZipFile(io.BytesIO(dokumen["bohong"])) as arsip:
        zip_aman.periksa_direktori(arsip, berkas.BATAS_ZIP)  # the directory looks harmless
        info = arsip.getinfo("word/media/image1.png")
        keluar: list[int] = []

        def baca() -> None:
            for potongan in zip_aman.baca_anggota(arsip, info, maks=GIB):
                keluar.append(len(potongan))

        with pytest.raises(zip_aman.ZipDitolak):
            baca()
    assert sum(keluar) <= 1024


def test_the_upload_page_shows_the_macro_refusal(client, iku, operator_a, media_root, dokumen):
    realisasi = services.save_realisasi(
        indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": D(4), "usulan": D(4)}
    )
    client.force_login(operator_a)
    unggahan = SimpleUploadedFile("notulen.docx", dokumen["makro"], content_type="application/octet-stream")
    response = client.post(
        reverse("pengukuran:unggah", args=[realisasi.pk]), {"berkas": unggahan}, follow=True
    )
    assert "makro (VBA) tidak diizinkan" in response.content.decode()
    assert not DataDukung.objects.exists()
