"""The Renstra / PK workbook import as queue jobs, for files above `antrean.impor.batas_sinkron()` bytes: the check
job reads the workbook and runs the dry run (`excel.uji_*`, rolled back), producing the same preview or error list
as the synchronous page; the confirm job reads and checks it again and writes it all or nothing (`excel.terapkan_*`
inside the job's transaction). Registered by PerencanaanConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from sakip.antrean import impor, pekerjaan
from sakip.antrean.models import ImporLatar
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan import excel
from sakip.perencanaan.models import PerjanjianKinerja

JENIS = "perencanaan.impor"


def _pemda(obj: ImporLatar) -> Pemda:
    pemda = Pemda.objects.filter(pk=obj.parameter.get("pemda")).first()
    if pemda is None:
        raise pekerjaan.GagalPermanen("Pemerintah daerah impor ini tidak ditemukan lagi.")
    return pemda


def _baca(obj: ImporLatar, isi: bytes, pemda: Pemda) -> excel.HasilBaca[Any]:
    baca = excel.baca_pk if obj.parameter["jenis"] == "pk" else excel.baca_renstra
    return baca(isi, pemda=pemda, unit_boleh=UnitKerja.objects.editable_by(obj.pengguna))


def _kesalahan(obj: ImporLatar, kesalahan: list[excel.Kesalahan]) -> str:
    return render_to_string(
        "perencanaan/_impor_kesalahan.html", {"kesalahan": kesalahan, "nama_berkas": obj.nama_berkas}
    )


def periksa(obj: ImporLatar, isi: bytes, konteks: pekerjaan.Konteks) -> impor.Pratinjau:
    pemda = _pemda(obj)
    pk = obj.parameter["jenis"] == "pk"
    konteks.lapor(10, "Membaca lembar kerja Excel")
    hasil = _baca(obj, isi, pemda)
    kesalahan = hasil.kesalahan
    if not kesalahan:
        konteks.lapor(50, "Uji coba penyimpanan (dibatalkan setelah diperiksa)")
        uji = excel.uji_pk if pk else excel.uji_renstra
        kesalahan = uji(hasil.data, pemda=pemda, by=obj.pengguna)
    if kesalahan:
        return impor.Pratinjau(f'<section class="card">{_kesalahan(obj, kesalahan)}</section>', ok=False)
    konteks.lapor(90, "Menyusun pratinjau")
    ringkas = excel.ringkas_pk if pk else excel.ringkas_renstra
    html = render_to_string(
        "perencanaan/_impor_pratinjau_isi.html",
        {"ringkasan": ringkas(hasil.data, pemda=pemda), "nama_berkas": obj.nama_berkas},
    )
    return impor.Pratinjau(html, ok=True)


def terapkan(obj: ImporLatar, isi: bytes) -> impor.Hasil:
    pemda = _pemda(obj)
    hasil = _baca(obj, isi, pemda)
    kesalahan, hasil_tulis = hasil.kesalahan, None
    if not kesalahan:
        tulis = excel.terapkan_pk if obj.parameter["jenis"] == "pk" else excel.terapkan_renstra
        hasil_tulis, kesalahan = tulis(hasil.data, pemda=pemda, by=obj.pengguna)
    if kesalahan or hasil_tulis is None:
        raise impor.Ditolak(f'<section class="card">{_kesalahan(obj, kesalahan)}</section>')
    if isinstance(hasil_tulis, PerjanjianKinerja):
        return impor.Hasil(
            f"{hasil_tulis} berhasil diimpor.", reverse("perencanaan:pk_detail", args=[hasil_tulis.pk])
        )
    return impor.Hasil(
        f"Renstra {hasil_tulis} berhasil diimpor.",
        reverse("perencanaan:renstra_detail", args=[hasil_tulis.pk]),
    )


def daftarkan() -> None:
    impor.daftarkan(
        JENIS,
        impor.JenisImpor(
            judul="Impor Excel Renstra/PK",
            url_unggah=lambda obj: reverse("perencanaan:impor"),
            boleh=lambda user, parameter: access.can_edit_any(user),
            periksa=periksa,
            terapkan=terapkan,
        ),
    )
