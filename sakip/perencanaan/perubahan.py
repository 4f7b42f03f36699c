"""Renstra Perubahan: a revised Renstra becomes a new version while the replaced one is kept and shown.

The Renstra row stays the same (its realisasi, PK and budget point at its indicators); what the revision replaces is
kept as a snapshot of the whole content, read through the lossless workbook round trip (`excel.ekspor_renstra` ->
`excel.baca_renstra`), so an old version is shown as it was.
"""

from __future__ import annotations

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.organisasi.models import Pengguna
from sakip.perencanaan import excel, services
from sakip.perencanaan.models import RencanaStrategis, RenstraVersi


@transaction.atomic
def mulai_perubahan(*, renstra: RencanaStrategis, alasan: str, by: Pengguna) -> RenstraVersi:
    """Start a Renstra Perubahan: keep the current content as version N with the reason, and number the Renstra N+1.
    Edits made from now on (pages or import) belong to the new version."""
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError({"alasan": "Tuliskan alasan perubahan Renstra (minimal 10 karakter)."})
    renstra = (
        RencanaStrategis.objects.select_for_update().select_related("unit_kerja__pemda").get(pk=renstra.pk)
    )
    hasil = excel.baca_renstra(excel.ekspor_renstra(renstra), pemda=renstra.unit_kerja.pemda)
    if (
        hasil.data is None
    ):  # the round trip is lossless; a failure here is a defect, never a half-kept version
        raise ValidationError(
            "Isi Renstra saat ini tidak dapat disimpan sebagai versi lama: "
            + "; ".join(str(k) for k in hasil.kesalahan[:3])
        )
    versi = RenstraVersi(
        renstra=renstra,
        nomor=renstra.versi,
        alasan=alasan,
        isi=dataclasses.asdict(hasil.data),
        dibuat_oleh=by,
    )
    versi.full_clean()
    versi.save()
    renstra.versi += 1
    services.save_with_history(renstra, by)
    return versi
