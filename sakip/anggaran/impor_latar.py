"""The SIPD budget import as queue jobs, for exports above `antrean.impor.batas_sinkron()` bytes (a province's LRA
or APBD export runs to tens of thousands of rows): the check job reads the export and matches it to the unit's sub
kegiatan (`services.siapkan_impor_sipd`, reads only), producing the same preview as the synchronous page; the
confirm job reads and matches it again and writes it all or nothing (`services.terapkan_impor_sipd` inside the
job's transaction). Registered by AnggaranConfig.ready()."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sakip.anggaran import forms, services, sipd
from sakip.antrean import impor, pekerjaan
from sakip.antrean.models import ImporLatar
from sakip.organisasi.models import UnitKerja

JENIS = "anggaran.sipd"


def _unit(user: Any, parameter: dict[str, Any]) -> UnitKerja | None:
    return (
        UnitKerja.objects.editable_by(user).filter(pk=parameter.get("unit")).select_related("pemda").first()
    )


def _rencana(obj: ImporLatar, isi: bytes) -> services.RencanaSipd:
    unit = _unit(obj.pengguna, obj.parameter)
    if unit is None:
        raise pekerjaan.GagalPermanen("Anda tidak lagi berhak mengubah anggaran unit ini.")
    hasil = sipd.baca(io.BytesIO(isi))
    return services.siapkan_impor_sipd(
        user=obj.pengguna, tahun=obj.parameter["tahun"], unit=unit, hasil=hasil
    )


def _html(obj: ImporLatar, rencana: services.RencanaSipd) -> str:
    return render_to_string(
        "anggaran/_impor_sipd_pratinjau_isi.html",
        {
            "rencana": rencana,
            "nama_berkas": obj.nama_berkas,
            "nama_format": sipd.FORMAT.get(rencana.format, ""),
            "berubah": rencana.berubah[:300],
            "form": forms.KonfirmasiImporForm(),
        },
    )


def periksa(obj: ImporLatar, isi: bytes, konteks: pekerjaan.Konteks) -> impor.Pratinjau:
    konteks.lapor(10, "Membaca berkas ekspor SIPD dan mencocokkan sub kegiatan")
    rencana = _rencana(obj, isi)
    konteks.lapor(85, "Menyusun pratinjau")
    return impor.Pratinjau(_html(obj, rencana), ok=rencana.ok)


def terapkan(obj: ImporLatar, isi: bytes) -> impor.Hasil:
    rencana = _rencana(obj, isi)
    konfirmasi = obj.konfirmasi.get("konfirmasi_lebih_pagu", "") in ("on", "true", "1")
    catatan = str(obj.konfirmasi.get("catatan_lebih_pagu", ""))[:500]
    try:
        jumlah = services.terapkan_impor_sipd(
            rencana=rencana, konfirmasi_lebih_pagu=konfirmasi, catatan_lebih_pagu=catatan, by=obj.pengguna
        )
    except (ValidationError, IntegrityError) as exc:
        pesan = exc.messages if isinstance(exc, ValidationError) else ["data berubah selama impor; ulangi."]
        daftar = format_html_join("", "<li>{}</li>", ((p,) for p in pesan))
        raise impor.Ditolak(
            format_html('<section class="card"><ul class="kesalahan">{}</ul></section>', daftar)
            + _html(obj, rencana),
            "Impor dibatalkan, tidak ada data yang diubah.",
        ) from exc
    return impor.Hasil(
        f"Impor SIPD dari berkas '{obj.nama_berkas}' disimpan: {jumlah} sub kegiatan diubah, "
        f"{len(rencana.pos) - jumlah} tanpa perubahan.",
        f"{reverse('anggaran:pohon')}?tahun={rencana.tahun}&unit={rencana.unit.pk}",
    )


def daftarkan() -> None:
    impor.daftarkan(
        JENIS,
        impor.JenisImpor(
            judul="Impor ekspor SIPD",
            url_unggah=lambda obj: reverse("anggaran:impor_sipd"),
            boleh=lambda user, parameter: _unit(user, parameter) is not None,
            periksa=periksa,
            terapkan=terapkan,
            medan_konfirmasi=("konfirmasi_lebih_pagu", "catatan_lebih_pagu"),
        ),
    )
