"""Writes to measurement data: realisasi (with formula inputs), workflow, evidence, narrative and year locks.

Every write records its author in the audit trail (django-simple-history keeps who, when, old and new).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from sakip.lib import rumus, skala
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.pengukuran import berkas, jadwal, validasi
from sakip.pengukuran import sinyal as sinyal_pengukuran
from sakip.pengukuran.kunci import is_locked as is_locked  # re-exported for the views
from sakip.pengukuran.kunci import periode_terkunci as periode_terkunci
from sakip.pengukuran.models import (
    AturanValidasi,
    DataDukung,
    KunciPeriode,
    KunciTahun,
    Narasi,
    PengaturanPengukuran,
    Periode,
    Realisasi,
    SkalaKategori,
    pengaturan_untuk,
    pita_dari_data,
    pita_sebagai_data,
)
from sakip.perencanaan import integritas
from sakip.perencanaan.models import ANGKA, Indikator
from sakip.perencanaan.services import save_with_history


class KonflikError(ValidationError):
    """The row changed since the user loaded it: nothing was overwritten."""


def unit_pelapor(indikator: Indikator) -> UnitKerja:
    """The unit that reports an indicator: its penanggung jawab, else the unit owning the Renstra."""
    return indikator.penanggung_jawab or indikator.renstra.unit_kerja


def periksa_periode(indikator: Indikator, tahun: int, periode: str) -> None:
    """A realisasi is entered for a year of its Renstra and a period its reporting frequency has; a year before the
    Renstra takes only a yearly figure (the LKjIP compares the last five years), a year after it nothing."""
    renstra = indikator.renstra
    rentang = f"{renstra.tahun_mulai}–{renstra.tahun_selesai}"
    if tahun > renstra.tahun_selesai or (tahun < renstra.tahun_mulai and periode != Periode.TAHUN):
        raise ValidationError(
            {
                "tahun": f"Tahun {tahun} di luar periode Renstra {rentang}; realisasi triwulan hanya dapat diisi "
                "untuk tahun Renstra (tahun sebelumnya hanya nilai tahunan sebagai data riwayat)."
            }
        )
    boleh = jadwal.periode_boleh(indikator.frekuensi)
    if periode not in boleh:
        raise ValidationError(
            {
                "periode": f"Indikator {indikator.kode} dilaporkan {indikator.get_frekuensi_display().lower()}: "
                f"isi periode {', '.join(jadwal.label(p, indikator.frekuensi) for p in boleh)}."
            }
        )


def _versi_cocok(versi: int | None, ada: int | None) -> bool:
    """Optimistic locking without exception: `versi` is the version the user saw, 0 (or None, a form that sent
    none) when they saw no row; any other state of the row since then is a conflict."""
    return (versi or 0) == (ada or 0)


def pastikan_realisasi_dapat_diubah(realisasi: Realisasi, *, perihal: str) -> None:
    """The integrity rule for one realisasi: refused when it is verified or its year is locked."""
    integritas.pastikan_dapat_diubah(
        perihal=perihal,
        pemda_id=realisasi.unit_kerja.pemda_id,
        tahun=realisasi.tahun,
        indikator_ids=[realisasi.indikator_id],
        periode=realisasi.periode,
    )


def hitung_dari_masukan(indikator: Indikator, masukan: Mapping[str, Decimal | None]) -> Decimal:
    """The realisasi of a formula indicator from its named inputs."""
    try:
        return rumus.hitung(indikator.formulasi, masukan)
    except rumus.RumusError as exc:
        raise ValidationError({"masukan": str(exc)}) from exc


# The realisasi column: 24 digits, 6 of them decimals.
_BATAS_NILAI = Decimal(10) ** (ANGKA["max_digits"] - ANGKA["decimal_places"])


def _muat_kolom(hasil: Decimal) -> Decimal:
    """A formula result rounded to the column's 6 decimals, refused (not a server error) when it cannot be stored,
    e.g. a tiny denominator that makes it larger than 18 digits before the decimal point."""
    if abs(hasil) >= _BATAS_NILAI:
        raise ValidationError(
            {
                "masukan": "Hasil rumus terlalu besar untuk disimpan (lebih dari 18 digit sebelum koma); "
                "periksa nilai masukan."
            }
        )
    return hasil.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _realisasi_terkunci(indikator: Indikator, tahun: int, periode: str) -> Realisasi | None:
    return (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, periode=periode)
        .first()
    )


@transaction.atomic
def save_realisasi(
    *,
    indikator: Indikator,
    tahun: int,
    periode: str,
    by: Pengguna,
    nilai: Decimal | None = None,
    predikat: str = "",
    masukan: Mapping[str, Decimal | None] | None = None,
    versi: int | None = None,
    tanpa_rincian: bool = False,
    catatan_peringatan: str = "",
) -> Realisasi:
    """Enter or change a realisasi. `versi` is the version the user saw (0 or None: no row yet): if the row is in any
    other state, the save is refused with KonflikError instead of silently overwriting someone's value. A verified
    realisasi, or one of a locked year, is refused for everyone (the integrity rule); reopen it first.

    `tanpa_rincian` accepts a formula indicator's value without its inputs, for historical figures published
    before the product existed (imports, demo data); such a realisasi keeps empty `masukan` and says so.

    The pemda's validation rules are checked on the value: an error-level one refuses it with the rule's message at
    `nilai`; a warning-level one needs `catatan_peringatan` (refused at that field without it), kept for the
    verifier with the warnings."""
    if periode not in Periode.values:
        raise ValidationError({"periode": f"Periode '{periode}' tidak dikenal."})
    periksa_periode(indikator, tahun, periode)
    unit = unit_pelapor(indikator)
    if not access.can_edit(by, unit):
        raise PermissionDenied("Anda tidak dapat mengubah realisasi unit ini.")
    integritas.pastikan_dapat_diubah(
        perihal=f"Realisasi {indikator.kode} {tahun} {periode}",
        pemda_id=unit.pemda_id,
        tahun=tahun,
        indikator_ids=[indikator.pk],
        periode=periode,
    )
    if indikator.pakai_rumus and tanpa_rincian and not masukan:
        if nilai is None:
            raise ValidationError({"nilai": "Nilai realisasi wajib diisi."})
        disimpan = {}
    elif indikator.pakai_rumus:
        dibutuhkan = rumus.parse(indikator.formulasi).variabel
        masukan = {nama: (masukan or {}).get(nama) for nama in dibutuhkan}
        kosong = [nama for nama, v in masukan.items() if v is None]
        if kosong:
            raise ValidationError({"masukan": f"Nilai belum diisi: {', '.join(kosong)}."})
        # The column keeps 6 decimals; the exact value is recomputed from `masukan` wherever capaian is computed.
        nilai = _muat_kolom(hitung_dari_masukan(indikator, masukan))
        disimpan = {k: str(v) for k, v in masukan.items()}
    elif indikator.is_predikat:
        tingkat = {p.strip().upper(): p for p in indikator.skala_predikat}
        if predikat.strip().upper() not in tingkat:
            raise ValidationError(
                {"nilai": f"Pilih predikat dari skala: {', '.join(indikator.skala_predikat)}."}
            )
        predikat, nilai, disimpan = tingkat[predikat.strip().upper()], None, {}
    else:
        if nilai is None:
            raise ValidationError({"nilai": "Nilai realisasi wajib diisi."})
        disimpan = {}

    peringatan = _periksa_aturan(
        validasi.periksa_entri(
            indikator=indikator,
            pemda_id=unit.pemda_id,
            tahun=tahun,
            periode=periode,
            nilai=nilai,
            masukan=disimpan,
        ),
        catatan_peringatan,
    )

    realisasi = _realisasi_terkunci(indikator, tahun, periode)
    if realisasi is None:
        # Two first saves of one period both find no row to lock, and the loser's full_clean() would then see the
        # winner's row as a duplicate (a 400). The indicator's row lock queues them: the second, once the first has
        # committed, finds its row and is told like a stale page (KonflikError, the API's 409).
        list(Indikator.objects.select_for_update().filter(pk=indikator.pk).values_list("pk", flat=True))
        realisasi = _realisasi_terkunci(indikator, tahun, periode)
    if realisasi is None:
        if not _versi_cocok(versi, 0):
            raise KonflikError("Realisasi ini telah dihapus oleh pengguna lain. Muat ulang halaman.")
        realisasi = Realisasi(indikator=indikator, unit_kerja=unit, tahun=tahun, periode=periode)
    else:
        if not _versi_cocok(versi, realisasi.versi):
            oleh = realisasi.diubah_oleh or "pengguna lain"
            raise KonflikError(
                f"Nilai ini sudah diubah oleh {oleh} (sekarang {realisasi.nilai_teks}) setelah Anda membukanya. "
                "Perubahan Anda tidak disimpan; muat ulang lalu periksa kembali."
            )
        if not realisasi.dapat_diubah_operator and not access.can_verify(by, unit):
            raise ValidationError(
                f"Realisasi berstatus '{realisasi.get_status_display()}' tidak dapat diubah."
            )
        realisasi.versi += 1
        realisasi.unit_kerja = unit  # an open realisasi belongs to the indicator's current reporting unit
    realisasi.nilai, realisasi.nilai_predikat, realisasi.masukan = nilai, predikat, disimpan
    realisasi.peringatan = peringatan
    realisasi.catatan_peringatan = catatan_peringatan.strip() if peringatan else ""
    realisasi.diubah_oleh = by
    if realisasi.pk is None:
        # Two first saves of the same period at the same moment both find no row; only the unique constraint can
        # settle the tie. The loser is told like a stale page, inside a savepoint so its transaction stays usable.
        try:
            with transaction.atomic():
                save_with_history(realisasi, by)
        except IntegrityError:
            raise KonflikError(
                "Realisasi periode ini baru saja disimpan pengguna lain. Perubahan Anda tidak disimpan; "
                "muat ulang lalu periksa kembali."
            ) from None
    else:
        save_with_history(realisasi, by)
    realisasi.refresh_from_db()
    return realisasi


def _periksa_aturan(pelanggaran: list[validasi.Pelanggaran], catatan: str) -> list[str]:
    """Refuse on an error-level breach (its message at `nilai`); warnings need a note. Returns the warnings."""
    galat = [p.pesan for p in pelanggaran if p.galat]
    if galat:
        raise ValidationError({"nilai": " ".join(galat)})
    peringatan = [p.pesan for p in pelanggaran if not p.galat]
    if peringatan and not catatan.strip():
        raise ValidationError(
            {
                "catatan_peringatan": f"Peringatan: {' '.join(peringatan)} Tuliskan catatan penjelasan untuk "
                "verifikator, lalu simpan lagi."
            }
        )
    return peringatan


def _transisi(
    realisasi: Realisasi, dari: tuple[str, ...], ke: str, by: Pengguna, catatan: str = ""
) -> Realisasi:
    # Queue on the indicator's row: a definition change (perencanaan.save_indikator) and a verification of one of
    # its realisasi cannot pass each other's checks.
    list(Indikator.objects.select_for_update().filter(pk=realisasi.indikator_id).values_list("pk"))
    realisasi = Realisasi.objects.select_for_update().select_related("unit_kerja").get(pk=realisasi.pk)
    integritas.pastikan_dapat_diubah(
        perihal=f"Status realisasi {realisasi.tahun} {realisasi.periode}",
        pemda_id=realisasi.unit_kerja.pemda_id,
        tahun=realisasi.tahun,
        periode=realisasi.periode,
    )
    if realisasi.status not in dari:
        raise ValidationError(f"Realisasi berstatus '{realisasi.get_status_display()}' tidak dapat diproses.")
    realisasi.status = ke
    realisasi.catatan_verifikasi = catatan
    realisasi.versi += 1
    save_with_history(realisasi, by)
    realisasi.refresh_from_db()
    sinyal_pengukuran.status_realisasi_berubah.send(Realisasi, realisasi=realisasi, oleh=by)
    return realisasi


@transaction.atomic
def submit_realisasi(realisasi: Realisasi, *, by: Pengguna) -> Realisasi:
    """Operator hands a realisasi in for verification."""
    if not access.can_edit(by, realisasi.unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengajukan realisasi unit ini.")
    if not realisasi.terisi:
        raise ValidationError("Realisasi kosong tidak dapat diajukan.")
    # The rules may have changed since the value was saved: hand in only what they accept now.
    _periksa_aturan(
        validasi.periksa_entri(
            indikator=realisasi.indikator,
            pemda_id=realisasi.unit_kerja.pemda_id,
            tahun=realisasi.tahun,
            periode=realisasi.periode,
            nilai=realisasi.nilai,
            masukan=realisasi.masukan,
        ),
        realisasi.catatan_peringatan,
    )
    return _transisi(
        realisasi, (Realisasi.Status.DRAFT, Realisasi.Status.DIKEMBALIKAN), Realisasi.Status.DIAJUKAN, by
    )


@transaction.atomic
def return_realisasi(realisasi: Realisasi, *, catatan: str, by: Pengguna) -> Realisasi:
    """Verifier sends a realisasi back with a note."""
    if not access.can_verify(by, realisasi.unit_kerja):
        raise PermissionDenied("Anda bukan verifikator unit ini.")
    if not catatan.strip():
        raise ValidationError({"catatan": "Tuliskan catatan alasan pengembalian."})
    return _transisi(
        realisasi, (Realisasi.Status.DIAJUKAN,), Realisasi.Status.DIKEMBALIKAN, by, catatan.strip()
    )


@transaction.atomic
def verify_realisasi(realisasi: Realisasi, *, by: Pengguna) -> Realisasi:
    """Verifier accepts a realisasi."""
    if not access.can_verify(by, realisasi.unit_kerja):
        raise PermissionDenied("Anda bukan verifikator unit ini.")
    return _transisi(realisasi, (Realisasi.Status.DIAJUKAN,), Realisasi.Status.DIVERIFIKASI, by)


@transaction.atomic
def reopen_realisasi(realisasi: Realisasi, *, alasan: str, by: Pengguna) -> Realisasi:
    """Verifier reopens a verified realisasi with a recorded reason (the explicit unlock the integrity rule asks for):
    it goes back to the operator as 'dikembalikan', and its value, evidence and indicator definition may change."""
    if not access.can_verify(by, realisasi.unit_kerja):
        raise PermissionDenied("Anda bukan verifikator unit ini.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan membuka verifikasi wajib diisi."})
    return _transisi(
        realisasi,
        (Realisasi.Status.DIVERIFIKASI,),
        Realisasi.Status.DIKEMBALIKAN,
        by,
        f"Verifikasi dibuka: {alasan.strip()}",
    )


@transaction.atomic
def lock_year(*, pemda: Pemda, tahun: int, by: Pengguna) -> KunciTahun:
    """Lock a year's measurement data (admin pemda)."""
    return _set_lock(pemda, tahun, True, "", by)


@transaction.atomic
def unlock_year(*, pemda: Pemda, tahun: int, alasan: str, by: Pengguna) -> KunciTahun:
    """Open a locked year again; the reason and the admin are recorded."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan membuka kunci wajib diisi."})
    return _set_lock(pemda, tahun, False, alasan.strip(), by)


def _set_lock(pemda: Pemda, tahun: int, terkunci: bool, alasan: str, by: Pengguna) -> KunciTahun:
    if not (by.is_superuser or pemda.pk in access.scope_of(by).pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat mengunci atau membuka data tahunan.")
    integritas.antre_kunci(pemda.pk, eksklusif=True)
    kunci = KunciTahun.objects.filter(pemda=pemda, tahun=tahun).first() or KunciTahun(
        pemda=pemda, tahun=tahun
    )
    kunci.terkunci, kunci.alasan, kunci.diubah_oleh = terkunci, alasan, by
    save_with_history(kunci, by)
    return kunci


@transaction.atomic
def lock_period(*, pemda: Pemda, tahun: int, periode: str, by: Pengguna) -> KunciPeriode:
    """Lock one quarter's measurement data (admin pemda); the rest of the year stays open."""
    return _set_period_lock(pemda, tahun, periode, True, "", by)


@transaction.atomic
def unlock_period(*, pemda: Pemda, tahun: int, periode: str, alasan: str, by: Pengguna) -> KunciPeriode:
    """Open a locked quarter again; the reason and the admin are recorded."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan membuka kunci wajib diisi."})
    return _set_period_lock(pemda, tahun, periode, False, alasan.strip(), by)


def _set_period_lock(
    pemda: Pemda, tahun: int, periode: str, terkunci: bool, alasan: str, by: Pengguna
) -> KunciPeriode:
    if not (by.is_superuser or pemda.pk in access.scope_of(by).pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat mengunci atau membuka data triwulan.")
    if periode not in dict(KunciPeriode._meta.get_field("periode").choices):
        raise ValidationError(
            {"periode": f"Periode '{periode}' tidak dapat dikunci tersendiri; pilih triwulan."}
        )
    integritas.antre_kunci(pemda.pk, eksklusif=True)
    kunci = KunciPeriode.objects.select_for_update().filter(
        pemda=pemda, tahun=tahun, periode=periode
    ).first() or KunciPeriode(pemda=pemda, tahun=tahun, periode=periode)
    kunci.terkunci, kunci.alasan, kunci.diubah_oleh = terkunci, alasan, by
    save_with_history(kunci, by)
    return kunci


@transaction.atomic
def upload_data_dukung(
    *, unit: UnitKerja, nama: str, isi: bytes, keterangan: str = "", by: Pengguna
) -> DataDukung:
    """Store an evidence file after checking its name, size and content; the same file is stored once per unit."""
    if not access.can_edit(by, unit):
        raise PermissionDenied("Anda tidak dapat mengunggah data dukung untuk unit ini.")
    try:
        jenis = berkas.periksa(nama, isi)
    except berkas.BerkasError as exc:
        raise ValidationError({"berkas": str(exc)}) from exc
    sha = hashlib.sha256(isi).hexdigest()
    ada = DataDukung.objects.filter(unit_kerja=unit, sha256=sha).first()
    if ada is not None:
        return ada
    dokumen = DataDukung(
        unit_kerja=unit,
        nama_asli=nama,
        jenis=jenis.mime,
        ukuran=len(isi),
        sha256=sha,
        keterangan=keterangan,
        diunggah_oleh=by,
    )
    dokumen.berkas.save(nama, ContentFile(isi), save=False)
    dokumen.save()
    return dokumen


@transaction.atomic
def link_data_dukung(*, realisasi: Realisasi, dokumen: DataDukung, by: Pengguna) -> None:
    """Attach an already uploaded file to a realisasi of the same pemda the user may edit."""
    if not access.can_edit(by, realisasi.unit_kerja) or not access.can_view(by, dokumen.unit_kerja):
        raise PermissionDenied("Anda tidak dapat menautkan data dukung ini.")
    realisasi = Realisasi.objects.select_for_update().select_related("unit_kerja").get(pk=realisasi.pk)
    pastikan_realisasi_dapat_diubah(realisasi, perihal="Data dukung realisasi ini")
    if realisasi.data_dukung.filter(pk=dokumen.pk).exists():
        return
    realisasi.data_dukung.add(dokumen)
    # The audit trail does not follow many-to-many links by itself: one entry says who linked which file, when.
    realisasi._change_reason = f"Data dukung ditautkan: {dokumen.nama_asli}"
    save_with_history(realisasi, by)


@transaction.atomic
def unlink_data_dukung(*, realisasi: Realisasi, dokumen: DataDukung, by: Pengguna) -> None:
    """Remove an evidence link from a realisasi that may still change (not verified, not locked); audited."""
    if not access.can_edit(by, realisasi.unit_kerja):
        raise PermissionDenied("Anda tidak dapat melepas data dukung realisasi ini.")
    realisasi = Realisasi.objects.select_for_update().select_related("unit_kerja").get(pk=realisasi.pk)
    pastikan_realisasi_dapat_diubah(realisasi, perihal="Data dukung realisasi ini")
    if not realisasi.data_dukung.filter(pk=dokumen.pk).exists():
        raise ValidationError("Berkas ini tidak tertaut pada realisasi tersebut.")
    realisasi.data_dukung.remove(dokumen)
    realisasi._change_reason = f"Data dukung dilepas: {dokumen.nama_asli}"
    save_with_history(realisasi, by)


@transaction.atomic
def delete_data_dukung(*, dokumen: DataDukung, by: Pengguna) -> None:
    """Delete an evidence file of a unit the user writes: refused while it supports a verified realisasi or one of a
    locked year or quarter; otherwise it is first unlinked from every realisasi (an audit entry on each), then the
    row goes (its audit trail keeps name, unit and hash) and the stored file is removed once the deletion commits."""
    if not access.can_edit(by, dokumen.unit_kerja):
        raise PermissionDenied("Anda tidak dapat menghapus data dukung unit ini.")
    dokumen = DataDukung.objects.select_for_update().get(pk=dokumen.pk)
    tertaut = list(
        Realisasi.objects.select_for_update()
        .select_related("unit_kerja", "indikator")
        .filter(data_dukung=dokumen)
    )
    for r in tertaut:
        pastikan_realisasi_dapat_diubah(
            r, perihal=f"Berkas '{dokumen.nama_asli}' (data dukung {r.indikator.kode})"
        )
    for r in tertaut:
        r.data_dukung.remove(dokumen)
        r._change_reason = f"Data dukung dihapus: {dokumen.nama_asli}"
        save_with_history(r, by)
    nama_berkas, penyimpanan = dokumen.berkas.name, dokumen.berkas.storage
    dokumen._history_user = by
    dokumen._change_reason = "Data dukung dihapus"
    dokumen.delete()
    transaction.on_commit(lambda: penyimpanan.delete(nama_berkas))


@transaction.atomic
def save_narasi(
    *, indikator: Indikator, tahun: int, by: Pengguna, versi: int | None = None, **teks: str
) -> Narasi:
    """Save the narrative texts of an indicator for a year, refusing to overwrite any other version than the one the
    user saw (`versi`; 0 or None: no narrative yet), the first save included."""
    unit = unit_pelapor(indikator)
    if not access.can_edit(by, unit):
        raise PermissionDenied("Anda tidak dapat mengubah narasi unit ini.")
    integritas.pastikan_dapat_diubah(perihal="Narasi", pemda_id=unit.pemda_id, tahun=tahun)
    narasi = Narasi.objects.select_for_update().filter(indikator=indikator, tahun=tahun).first()
    if not _versi_cocok(versi, narasi.versi if narasi else 0):
        raise KonflikError(
            "Narasi ini sudah diubah pengguna lain (atau disimpan pertama kali) setelah Anda membukanya; perubahan Anda tidak "
            "disimpan. Muat ulang halaman lalu periksa kembali."
        )
    if narasi is None:
        narasi = Narasi(indikator=indikator, tahun=tahun, unit_kerja=unit)
    else:
        narasi.versi += 1
    for nama in ("analisis", "faktor_pendukung", "faktor_penghambat", "permasalahan", "solusi"):
        if nama in teks:
            setattr(narasi, nama, teks[nama])
    try:
        # Two first saves at the same moment both find no row: the unique constraint settles it, as for realisasi.
        with transaction.atomic():
            save_with_history(narasi, by)
    except IntegrityError:
        raise KonflikError(
            "Narasi ini baru saja disimpan pengguna lain; perubahan Anda tidak disimpan. Muat ulang halaman."
        ) from None
    narasi.refresh_from_db()
    return narasi


@transaction.atomic
def verify_many(realisasi_ids: list[int], *, by: Pengguna) -> list[Realisasi]:
    """Verify several submitted realisasi at once: all of them or, if one is refused, none."""
    return [verify_realisasi(r, by=by) for r in _untuk_massal(realisasi_ids, by)]


@transaction.atomic
def return_many(realisasi_ids: list[int], *, catatan: str, by: Pengguna) -> list[Realisasi]:
    """Return several submitted realisasi with one note: all of them or none."""
    if not catatan.strip():
        raise ValidationError({"catatan": "Tuliskan catatan alasan pengembalian."})
    return [return_realisasi(r, catatan=catatan, by=by) for r in _untuk_massal(realisasi_ids, by)]


def _untuk_massal(realisasi_ids: list[int], by: Pengguna) -> list[Realisasi]:
    if not realisasi_ids:
        raise ValidationError("Pilih minimal satu realisasi.")
    rows = list(
        Realisasi.objects.filter(pk__in=realisasi_ids)
        .select_related("unit_kerja", "indikator")
        .order_by("pk")
    )
    if len(rows) != len(set(realisasi_ids)) or not all(access.can_verify(by, r.unit_kerja) for r in rows):
        raise PermissionDenied("Sebagian realisasi yang dipilih bukan wewenang verifikasi Anda.")
    return rows


# --- Bulk entry: one unit, one period, every indicator it reports ------------------------------------------------


@dataclass
class IsianMassal:
    indikator: Indikator
    nilai: Decimal | None = None
    predikat: str = ""
    masukan: Mapping[str, Decimal | None] | None = None
    versi: int | None = None
    catatan_peringatan: str = ""  # the note a warning-level rule asks for


class GalatMassal(ValidationError):
    """Some rows of a bulk entry were refused; nothing was saved. `per_indikator` holds each row's error."""

    def __init__(self, per_indikator: dict[int, ValidationError]) -> None:
        self.per_indikator = per_indikator
        super().__init__(f"{len(per_indikator)} baris ditolak; tidak ada yang disimpan.")


@transaction.atomic
def save_realisasi_massal(
    *,
    unit: UnitKerja,
    tahun: int,
    periode: str,
    isian: list[IsianMassal],
    by: Pengguna,
    data_dukung: tuple[str, bytes] | None = None,
    ajukan: bool = False,
) -> list[Realisasi]:
    """Save one period's realisasi of several indicators the unit reports, all or nothing: every row is checked
    and each refused row reported (GalatMassal); then one evidence file, if given, is linked to every saved row,
    and the rows are submitted for verification when `ajukan`."""
    if not access.can_edit(by, unit):
        raise PermissionDenied("Anda tidak dapat mengubah realisasi unit ini.")
    if not isian:
        raise ValidationError("Tidak ada isian: isi minimal satu indikator.")
    galat: dict[int, ValidationError] = {}
    hasil: list[Realisasi] = []
    for i in isian:
        if unit_pelapor(i.indikator).pk != unit.pk:
            raise PermissionDenied(f"Indikator {i.indikator.kode} tidak dilaporkan unit ini.")
        try:
            with transaction.atomic():
                hasil.append(
                    save_realisasi(
                        indikator=i.indikator,
                        tahun=tahun,
                        periode=periode,
                        by=by,
                        nilai=i.nilai,
                        predikat=i.predikat,
                        masukan=i.masukan,
                        versi=i.versi,
                        catatan_peringatan=i.catatan_peringatan,
                    )
                )
        except ValidationError as exc:
            galat[i.indikator.pk] = exc
    if galat:
        raise GalatMassal(galat)
    if data_dukung is not None:
        dokumen = upload_data_dukung(unit=unit, nama=data_dukung[0], isi=data_dukung[1], by=by)
        for r in hasil:
            link_data_dukung(realisasi=r, dokumen=dokumen, by=by)
    if ajukan:
        hasil = [submit_realisasi(r, by=by) for r in hasil]
    return hasil


class _UjiCoba(Exception):
    pass


def coba_realisasi_massal(**kwargs: object) -> None:
    """A dry run of `save_realisasi_massal` (the import's preview): every check it makes, then everything rolled
    back. Raises what the save would raise (GalatMassal with each row's error)."""
    try:
        with transaction.atomic():
            save_realisasi_massal(**kwargs)  # type: ignore[arg-type]
            raise _UjiCoba
    except _UjiCoba:
        pass


# --- The pemda's own rules (settings area of the admin pemda) --------------------------------------------------------


def _pastikan_admin_pemda(by: Pengguna, pemda: Pemda) -> None:
    if not (by.is_superuser or pemda.pk in access.scope_of(by).pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah pengaturan ini.")


def _tahun_berlaku(tahun: int) -> int:
    if not PengaturanPengukuran.TAHUN_AWAL <= tahun <= 2100:
        raise ValidationError(
            {"tahun": f"Tahun berlaku harus di antara {PengaturanPengukuran.TAHUN_AWAL} dan 2100."}
        )
    return tahun


@transaction.atomic
def simpan_pengaturan(
    *,
    pemda: Pemda,
    tahun: int,
    by: Pengguna,
    metode_rollup: str,
    kebijakan_kosong: str,
    batas_capaian: Decimal | None,
    skala_kategori: str,
    hari_tenggat: int,
    skala_lampu: str = "lampu",
) -> PengaturanPengukuran:
    """Save the measurement settings in effect from `tahun` until the pemda's next later change: the years before
    keep the settings they had, so their published figures do not move."""
    _pastikan_admin_pemda(by, pemda)
    _tahun_berlaku(tahun)
    galat: dict[str, str] = {}
    if metode_rollup not in PengaturanPengukuran.Metode.values:
        galat["metode_rollup"] = f"Metode '{metode_rollup}' tidak dikenal."
    if kebijakan_kosong not in PengaturanPengukuran.Kosong.values:
        galat["kebijakan_kosong"] = f"Kebijakan realisasi kosong '{kebijakan_kosong}' tidak dikenal."
    if batas_capaian is not None and not Decimal(100) <= batas_capaian <= Decimal(1000):
        galat["batas_capaian"] = "Batas capaian harus di antara 100 dan 1.000 (kosongkan bila tanpa batas)."
    pilihan = skala_pilihan(pemda.pk)
    if skala_kategori not in pilihan:
        galat["skala_kategori"] = f"Skala '{skala_kategori}' tidak dikenal."
    if skala_lampu not in pilihan:
        galat["skala_lampu"] = f"Skala '{skala_lampu}' tidak dikenal."
    if not 0 <= hari_tenggat <= 365:
        galat["hari_tenggat"] = "Hari tenggat harus di antara 0 dan 365."
    if galat:
        raise ValidationError(galat)
    if KunciTahun.objects.filter(pemda=pemda, tahun=tahun, terkunci=True).exists():
        raise ValidationError(
            {
                "tahun": f"Data tahun {tahun} terkunci: pengaturannya tidak dapat diubah. Buka kunci tahun itu dahulu."
            }
        )
    atur = PengaturanPengukuran.objects.select_for_update().filter(
        pemda=pemda, berlaku_mulai=tahun
    ).first() or PengaturanPengukuran(pemda=pemda, berlaku_mulai=tahun)
    atur.metode_rollup, atur.kebijakan_kosong = metode_rollup, kebijakan_kosong
    atur.batas_capaian, atur.skala_kategori, atur.hari_tenggat = batas_capaian, skala_kategori, hari_tenggat
    atur.skala_lampu = skala_lampu
    save_with_history(atur, by)
    return atur


def skala_pilihan(pemda_id: int) -> dict[str, str]:
    """The scales a pemda may choose, kode → name: its own ones, then the shipped templates."""
    sendiri = {s.kode: s.nama for s in SkalaKategori.objects.filter(pemda_id=pemda_id).order_by("nama")}
    return {**sendiri, **{k: f"{s.nama} (bawaan)" for k, s in skala.SKALA_BAWAAN.items() if k not in sendiri}}


_WARNA = re.compile(r"^#[0-9a-fA-F]{6}$")


def _periksa_skala(
    *, kode: str, nama: str, pita: list[dict[str, Any]], desimal_klasifikasi: int
) -> list[dict[str, Any]]:
    """The bands as stored, or a ValidationError keyed by field (`pita-<i>-<isian>` for a band's field)."""
    galat: dict[str, str] = {}
    if not nama.strip():
        galat["nama"] = "Nama skala wajib diisi."
    if not 0 <= desimal_klasifikasi <= 6:
        galat["desimal_klasifikasi"] = "Desimal klasifikasi harus di antara 0 dan 6."
    if not pita:
        galat["pita"] = "Skala harus memiliki paling sedikit satu pita."
    bersih: list[dict[str, Any]] = []
    for i, p in enumerate(pita):
        label = str(p.get("label") or "").strip()
        if not label:
            galat[f"pita-{i}-label"] = "Label pita wajib diisi."
        warna = str(p.get("warna") or "").strip()
        if not _WARNA.match(warna):
            galat[f"pita-{i}-warna"] = "Warna ditulis sebagai #rrggbb, mis. #2e7d32."
        batas: dict[str, Decimal | None] = {}
        for isian in ("bawah", "atas"):
            nilai = p.get(isian)
            try:
                batas[isian] = None if nilai in (None, "") else Decimal(str(nilai))
            except ArithmeticError:
                galat[f"pita-{i}-{isian}"] = f"Batas {isian} harus berupa angka."
                batas[isian] = None
        bersih.append(
            {
                "label": label,
                "warna": warna,
                "kode": str(p.get("kode") or "").strip()[:20],
                "bawah": _teks_batas(batas["bawah"]),
                "bawah_inklusif": bool(p.get("bawah_inklusif")),
                "atas": _teks_batas(batas["atas"]),
                "atas_inklusif": bool(p.get("atas_inklusif")),
            }
        )
    if galat:
        raise ValidationError(galat)
    try:
        skala.Skala(
            kode=kode,
            nama=nama,
            pita=tuple(pita_dari_data(p) for p in bersih),
            desimal_klasifikasi=desimal_klasifikasi,
        )
    except skala.SkalaError as exc:
        kunci = f"pita-{exc.indeks}-{exc.isian}" if exc.indeks is not None and exc.isian else "pita"
        raise ValidationError({kunci: str(exc)}) from None
    return bersih


def _teks_batas(nilai: Decimal | None) -> str | None:
    """A bound as stored: plain digits without trailing zeros ("90", "88.31"), never an exponent."""
    return None if nilai is None else format(nilai.normalize(), "f")


def _pastikan_skala_tidak_dipakai_tahun_terkunci(skala_obj: SkalaKategori) -> None:
    for tahun in KunciTahun.objects.filter(pemda_id=skala_obj.pemda_id, terkunci=True).values_list(
        "tahun", flat=True
    ):
        atur = pengaturan_untuk(skala_obj.pemda_id, tahun)
        if skala_obj.kode in (atur.skala_kategori, atur.skala_lampu):
            raise ValidationError(
                {
                    "pita": f"Skala ini dipakai data tahun {tahun} yang terkunci, sehingga pitanya tidak dapat "
                    "diubah. Salin skala ini lalu pilih salinannya untuk tahun berikutnya."
                }
            )


@transaction.atomic
def buat_skala(
    *,
    pemda: Pemda,
    by: Pengguna,
    kode: str,
    nama: str,
    pita: list[dict[str, Any]],
    desimal_klasifikasi: int = 2,
    disalin_dari: str = "",
) -> SkalaKategori:
    """A new scale of the pemda, validated (bands cover every value exactly once)."""
    _pastikan_admin_pemda(by, pemda)
    kode = kode.strip()
    if kode in skala.SKALA_BAWAAN:
        raise ValidationError({"kode": f"Kode '{kode}' dipakai skala bawaan; pilih kode lain."})
    if SkalaKategori.objects.filter(pemda=pemda, kode=kode).exists():
        raise ValidationError({"kode": f"Kode '{kode}' sudah dipakai skala lain pemda ini."})
    bersih = _periksa_skala(kode=kode, nama=nama, pita=pita, desimal_klasifikasi=desimal_klasifikasi)
    obj = SkalaKategori(
        pemda=pemda,
        kode=kode,
        nama=nama.strip(),
        pita=bersih,
        desimal_klasifikasi=desimal_klasifikasi,
        disalin_dari=disalin_dari,
    )
    save_with_history(obj, by)
    return obj


@transaction.atomic
def salin_skala(*, pemda: Pemda, by: Pengguna, sumber: str, kode: str, nama: str) -> SkalaKategori:
    """Copy a shipped template, or one of the pemda's own scales, under a new kode."""
    asal = SkalaKategori.objects.filter(pemda=pemda, kode=sumber).first()
    if asal is not None:
        pita, desimal, nama_asal = list(asal.pita), asal.desimal_klasifikasi, asal.nama
    elif sumber in skala.SKALA_BAWAAN:
        templat = skala.SKALA_BAWAAN[sumber]
        pita = [pita_sebagai_data(p) for p in templat.pita]
        desimal, nama_asal = templat.desimal_klasifikasi or 0, templat.nama
    else:
        raise ValidationError({"sumber": f"Skala '{sumber}' tidak dikenal."})
    return buat_skala(
        pemda=pemda,
        by=by,
        kode=kode,
        nama=nama or f"Salinan {nama_asal}",
        pita=pita,
        desimal_klasifikasi=desimal,
        disalin_dari=nama_asal,
    )


@transaction.atomic
def ubah_skala(
    *, skala_obj: SkalaKategori, by: Pengguna, nama: str, pita: list[dict[str, Any]], desimal_klasifikasi: int
) -> SkalaKategori:
    """Change a scale's name and bands; refused when a locked year uses it (its published categories stay)."""
    _pastikan_admin_pemda(by, skala_obj.pemda)
    skala_obj = SkalaKategori.objects.select_for_update().get(pk=skala_obj.pk)
    bersih = _periksa_skala(
        kode=skala_obj.kode, nama=nama, pita=pita, desimal_klasifikasi=desimal_klasifikasi
    )
    _pastikan_skala_tidak_dipakai_tahun_terkunci(skala_obj)
    skala_obj.nama, skala_obj.pita, skala_obj.desimal_klasifikasi = nama.strip(), bersih, desimal_klasifikasi
    save_with_history(skala_obj, by)
    return skala_obj


# --- validation rules ----------------------------------------------------------------------------------------------------

_PARAMETER_ANGKA = {
    AturanValidasi.Jenis.RENTANG_PERSENTASE: ("min", "maks"),
    AturanValidasi.Jenis.RENTANG_NILAI: ("min", "maks"),
    AturanValidasi.Jenis.MAKS_TARGET: ("k",),
    AturanValidasi.Jenis.TERLAMBAT: ("hari_tenggat",),
}


def _periksa_parameter(jenis: str, parameter: Mapping[str, Any]) -> dict[str, Any]:
    """The rule's parameters as stored, or a ValidationError keyed by the parameter's name."""
    bersih: dict[str, Any] = {}
    for nama in _PARAMETER_ANGKA.get(jenis, ()):
        nilai = parameter.get(nama)
        if nilai in (None, ""):
            continue
        try:
            angka = Decimal(str(nilai))
        except ArithmeticError:
            raise ValidationError({nama: f"'{nilai}' bukan angka."}) from None
        if not angka.is_finite():
            raise ValidationError({nama: f"'{nilai}' bukan angka."})
        bersih[nama] = format(angka.normalize(), "f")
    if jenis in (AturanValidasi.Jenis.RENTANG_NILAI,) and not bersih:
        raise ValidationError({"min": "Isi batas bawah, batas atas, atau keduanya."})
    if "min" in bersih and "maks" in bersih and Decimal(bersih["min"]) > Decimal(bersih["maks"]):
        raise ValidationError({"maks": "Batas atas harus tidak lebih kecil dari batas bawah."})
    if jenis == AturanValidasi.Jenis.MAKS_TARGET and ("k" not in bersih or Decimal(bersih["k"]) <= 0):
        raise ValidationError({"k": "Isi pengali k yang lebih besar dari 0, mis. 1,5."})
    if jenis == AturanValidasi.Jenis.PERBANDINGAN:
        op = str(parameter.get("operator", "")).strip()
        if op not in validasi.OPERATOR:
            raise ValidationError({"operator": f"Pilih operator: {', '.join(validasi.OPERATOR)}."})
        for sisi in ("kiri", "kanan"):
            teks = str(parameter.get(sisi, "")).strip()
            try:
                rumus.parse(teks)
            except rumus.RumusError as exc:
                raise ValidationError({sisi: str(exc)}) from None
            bersih[sisi] = teks
        bersih["operator"] = op
    return bersih


@transaction.atomic
def simpan_aturan(
    *,
    pemda: Pemda,
    by: Pengguna,
    jenis: str,
    nama: str,
    tingkat: str,
    parameter: Mapping[str, Any] | None = None,
    indikator: Indikator | None = None,
    pesan: str = "",
    aktif: bool = True,
    aturan: AturanValidasi | None = None,
) -> AturanValidasi:
    """Create (or change, `aturan`) a validation rule of the pemda, for all its indicators or one."""
    _pastikan_admin_pemda(by, pemda)
    if jenis not in AturanValidasi.Jenis.values:
        raise ValidationError({"jenis": f"Jenis aturan '{jenis}' tidak dikenal."})
    if tingkat not in AturanValidasi.Tingkat.values:
        raise ValidationError({"tingkat": f"Tingkat '{tingkat}' tidak dikenal."})
    if not nama.strip():
        raise ValidationError({"nama": "Nama aturan wajib diisi."})
    if indikator is not None and indikator.renstra.unit_kerja.pemda_id != pemda.pk:
        raise ValidationError({"indikator": "Indikator bukan milik pemda ini."})
    if indikator is not None and jenis == AturanValidasi.Jenis.REALISASI_MAKS_PAGU:
        raise ValidationError(
            {
                "indikator": "Aturan realisasi ≤ pagu berlaku untuk anggaran seluruh pemda: kosongkan indikator."
            }
        )
    bersih = _periksa_parameter(jenis, parameter or {})
    if aturan is None:
        aturan = AturanValidasi(pemda=pemda)
    elif aturan.pemda_id != pemda.pk:
        raise PermissionDenied("Aturan ini milik pemda lain.")
    aturan.jenis, aturan.nama, aturan.tingkat, aturan.parameter = jenis, nama.strip(), tingkat, bersih
    aturan.indikator, aturan.pesan, aturan.aktif = indikator, pesan.strip(), aktif
    save_with_history(aturan, by)
    return aturan
