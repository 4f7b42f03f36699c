"""Writes to measurement data: realisasi (with formula inputs), workflow, evidence, narrative and year locks.

Every write records its author in the audit trail (django-simple-history keeps who, when, old and new).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from sakip.lib import rumus
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.pengukuran import berkas, jadwal
from sakip.pengukuran import sinyal as sinyal_pengukuran
from sakip.pengukuran.kunci import is_locked as is_locked  # re-exported for the views
from sakip.pengukuran.kunci import periode_terkunci as periode_terkunci
from sakip.pengukuran.models import DataDukung, KunciPeriode, KunciTahun, Narasi, Periode, Realisasi
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
) -> Realisasi:
    """Enter or change a realisasi. `versi` is the version the user saw (0 or None: no row yet): if the row is in any
    other state, the save is refused with KonflikError instead of silently overwriting someone's value. A verified
    realisasi, or one of a locked year, is refused for everyone (the integrity rule); reopen it first.

    `tanpa_rincian` accepts a formula indicator's value without its inputs, for historical figures published
    before the product existed (imports, demo data); such a realisasi keeps empty `masukan` and says so."""
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
