"""Writes to planning data: Renstra, indicators and targets, programs, Perjanjian Kinerja, Rencana Aksi.

Every function that changes targets records who did it (django-simple-history: who, when, old and new value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sakip.lib import angka
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan import integritas, nomenklatur
from sakip.perencanaan import satuan as satuan_lib
from sakip.perencanaan.models import (
    Agregasi,
    Indikator,
    Kegiatan,
    KeputusanIKU,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Program,
    RencanaAksi,
    RencanaStrategis,
    Sasaran,
    SatuanPemda,
    SubKegiatan,
    Target,
    TargetKeluaran,
    Tujuan,
    VariabelIndikator,
    satuan_pemda,
)


def save_with_history(obj: Any, by: Pengguna | None, *, exclude: list[str] | None = None) -> None:
    """Validate and save, recording `by` as the author in the audit trail."""
    obj.full_clean(exclude=exclude)
    if by is not None:
        obj._history_user = by
    obj.save()


@transaction.atomic
def create_renstra(
    *,
    unit_kerja: UnitKerja,
    nama: str,
    tahun_mulai: int,
    tahun_selesai: int,
    visi: str = "",
    misi: str = "",
    by: Pengguna | None = None,
) -> RencanaStrategis:
    """A new Renstra for the unit."""
    renstra = RencanaStrategis(
        unit_kerja=unit_kerja,
        nama=nama,
        tahun_mulai=tahun_mulai,
        tahun_selesai=tahun_selesai,
        visi=visi,
        misi=misi,
    )
    versi = nomenklatur.versi_berlaku(tahun_mulai)
    renstra.nomenklatur = versi.keputusan if versi else ""
    save_with_history(renstra, by)
    return renstra


@transaction.atomic
def add_tujuan(*, renstra: RencanaStrategis, kode: str, uraian: str, urutan: int | None = None) -> Tujuan:
    """A tujuan of the Renstra."""
    if urutan is None:
        urutan = renstra.tujuan.count() + 1
    tujuan = Tujuan(renstra=renstra, kode=kode, uraian=uraian, urutan=urutan)
    tujuan.full_clean()
    tujuan.save()
    return tujuan


@transaction.atomic
def add_sasaran(
    *,
    renstra: RencanaStrategis,
    tujuan: Tujuan | None,
    kode: str,
    uraian: str,
    strategi: str = "",
    kebijakan: str = "",
    urutan: int | None = None,
) -> Sasaran:
    """A sasaran of the Renstra (under a tujuan when given)."""
    if urutan is None:
        urutan = renstra.sasaran.count() + 1
    sasaran = Sasaran(
        renstra=renstra,
        tujuan=tujuan,
        kode=kode,
        uraian=uraian,
        strategi=strategi,
        kebijakan=kebijakan,
        urutan=urutan,
    )
    sasaran.full_clean()
    sasaran.save()
    return sasaran


@dataclass(frozen=True)
class VariabelBaru:
    nama: str
    label: str
    satuan: str = ""


@dataclass(frozen=True)
class NilaiTarget:
    """A target as entered: a number (optionally a range or with a category label) or a predikat level."""

    nilai: Decimal | None = None
    nilai_atas: Decimal | None = None
    predikat: str = ""
    keterangan: str = ""


def _check_formula_variables(indikator: Indikator, variabel: Iterable[VariabelBaru]) -> None:
    from sakip.lib import rumus

    if not indikator.pakai_rumus:
        return
    try:
        dibutuhkan = set(rumus.parse(indikator.formulasi).variabel)
    except rumus.RumusError as exc:
        raise ValidationError({"formulasi": str(exc)}) from exc
    tersedia = {v.nama for v in variabel}
    hilang = sorted(dibutuhkan - tersedia)
    if hilang:
        raise ValidationError(
            {"formulasi": f"Rumus memakai variabel yang belum didefinisikan: {', '.join(hilang)}."}
        )


# The fields a capaian is computed with (besides the targets): changing one moves every figure of the indicator.
DEFINISI = {
    "formulasi": "rumus",
    "jenis": "jenis",
    "skala_predikat": "skala predikat",
    "polaritas": "polaritas",
    "agregasi": "agregasi",
    "sasaran_id": "sasaran",
    "kondisi_akhir": "kondisi akhir",
    "kondisi_akhir_teks": "kondisi akhir",
}


def _pemda_id(indikator: Indikator) -> int:
    return int(
        RencanaStrategis.objects.values_list("unit_kerja__pemda_id", flat=True).get(pk=indikator.renstra_id)
    )


def _periksa_definisi(indikator: Indikator, variabel: list[VariabelBaru]) -> None:
    """The integrity rule for an indicator's definition: no change while a realisasi computed with it is verified
    or lies in a locked year."""
    lama = Indikator.objects.filter(pk=indikator.pk).values(*DEFINISI).first()
    if lama is None:
        return
    berubah = [label for nama, label in DEFINISI.items() if lama[nama] != getattr(indikator, nama)]
    nama_lama = set(indikator.variabel.values_list("nama", flat=True))
    if nama_lama != {v.nama for v in variabel}:
        berubah.append("variabel rumus")
    if berubah:
        integritas.pastikan_dapat_diubah(
            perihal=f"Definisi indikator {indikator.kode} ({', '.join(dict.fromkeys(berubah))})",
            pemda_id=_pemda_id(indikator),
            indikator_ids=[indikator.pk],
        )


@transaction.atomic
def save_indikator(
    *,
    indikator: Indikator,
    variabel: list[VariabelBaru] | None = None,
    target: Mapping[int, NilaiTarget] | None = None,
    by: Pengguna | None = None,
) -> Indikator:
    """Create or update an indicator with its formula inputs and yearly targets (replacing those given)."""
    if indikator.sasaran_id and not indikator.renstra_id:
        indikator.renstra_id = indikator.sasaran.renstra_id
    if indikator.tujuan_id and not indikator.renstra_id:
        indikator.renstra_id = indikator.tujuan.renstra_id
    if variabel is None:
        variabel = (
            [VariabelBaru(v.nama, v.label, v.satuan) for v in indikator.variabel.all()]
            if indikator.pk
            else []
        )
    _check_formula_variables(indikator, variabel)
    pelapor_lama = None
    if indikator.pk is not None:
        # Queue on the row: a verification of one of its realisasi waits (pengukuran.services._transisi).
        pelapor_lama = (
            Indikator.objects.select_for_update()
            .filter(pk=indikator.pk)
            .values_list("penanggung_jawab_id")
            .first()
        )
        _periksa_definisi(indikator, variabel)
    save_with_history(indikator, by)
    if pelapor_lama is not None and pelapor_lama[0] != indikator.penanggung_jawab_id:
        unit_id = indikator.penanggung_jawab_id or RencanaStrategis.objects.values_list(
            "unit_kerja_id", flat=True
        ).get(pk=indikator.renstra_id)
        integritas.pelapor_berubah(indikator_id=indikator.pk, unit_id=unit_id, by=by)
    indikator.variabel.exclude(nama__in=[v.nama for v in variabel]).delete()
    for urutan, v in enumerate(variabel, start=1):
        obj = VariabelIndikator.objects.filter(indikator=indikator, nama=v.nama).first() or VariabelIndikator(
            indikator=indikator, nama=v.nama
        )
        obj.label, obj.satuan, obj.urutan = v.label, v.satuan, urutan
        obj.full_clean()
        obj.save()
    for tahun, nilai in (target or {}).items():
        set_target(indikator=indikator, tahun=tahun, nilai=nilai, by=by)
    return indikator


@transaction.atomic
def set_target(*, indikator: Indikator, tahun: int, nilai: NilaiTarget, by: Pengguna | None = None) -> Target:
    """Set the Renstra target of one year (recorded in the audit trail)."""
    if indikator.pk is not None:
        # Writers of one indicator's targets queue on its row: two first saves of the same year cannot both find no
        # target and both insert one (the loser's insert would fail on the unique constraint with a server error).
        # Targets carry no version: as with two saves of an existing target, the later one wins; both are recorded.
        list(Indikator.objects.select_for_update().filter(pk=indikator.pk).values_list("pk"))
    target = Target.objects.filter(indikator=indikator, tahun=tahun).first() or Target(
        indikator=indikator, tahun=tahun
    )
    baru = (nilai.nilai, nilai.nilai_atas, nilai.predikat.strip(), nilai.keterangan.strip())
    lama = (target.nilai, target.nilai_atas, target.predikat, target.keterangan) if target.pk else None
    if lama == baru:
        # Unchanged (e.g. an import of the same Renstra): nothing to guard, no empty audit entry.
        return target
    if lama is None or lama[:3] != baru[:3]:  # a label (keterangan) alone is not a figure
        periksa_target(indikator=indikator, tahun=tahun)
    target.indikator = indikator
    target.nilai, target.nilai_atas, target.predikat, target.keterangan = baru
    save_with_history(target, by)
    return target


def periksa_target(*, indikator: Indikator, tahun: int) -> None:
    """The integrity rule for the target of one year (Renstra or PK): refused in a locked year, or when a realisasi
    of that year computed with it is verified."""
    integritas.pastikan_dapat_diubah(
        perihal=f"Target {tahun} indikator {indikator.kode}",
        pemda_id=_pemda_id(indikator),
        tahun=tahun,
        indikator_ids=[indikator.pk] if indikator.pk is not None else [],
    )


@transaction.atomic
def delete_target(*, target: Target, by: Pengguna | None = None) -> None:
    """Remove the target of one year (an import that no longer lists it), under the same rule as a change."""
    periksa_target(indikator=target.indikator, tahun=target.tahun)
    if by is not None:
        target._history_user = by
    target.delete()


@transaction.atomic
def save_program(
    *, unit_kerja: UnitKerja, kode: str, nama: str, sasaran: Iterable[Sasaran] | None = ()
) -> Program:
    """Create or update a program of the unit; `sasaran` replaces its links (None leaves them as they are)."""
    program = Program.objects.filter(unit_kerja=unit_kerja, kode=kode).first() or Program(
        unit_kerja=unit_kerja, kode=kode
    )
    program.nama = nama
    program.full_clean()
    program.save()
    if sasaran is not None:
        program.sasaran.set(list(sasaran))
    return program


# --- Perjanjian Kinerja -------------------------------------------------------------------------------------------


def _pastikan_draft(perjanjian: PerjanjianKinerja) -> None:
    if not perjanjian.dapat_diubah:
        raise ValidationError(
            "Perjanjian Kinerja ini sudah final: target hanya dapat diubah melalui PK Perubahan (revisi)."
        )
    _pastikan_tahun_pk(perjanjian.unit_kerja, perjanjian.tahun)


def _pastikan_tahun_pk(unit: UnitKerja, tahun: int) -> None:
    integritas.pastikan_dapat_diubah(
        perihal=f"Perjanjian Kinerja {tahun}", pemda_id=unit.pemda_id, tahun=tahun
    )


@transaction.atomic
def create_pk(
    *, unit_kerja: UnitKerja, renstra: RencanaStrategis, tahun: int, by: Pengguna | None = None, **pihak: Any
) -> PerjanjianKinerja:
    """A draft PK for the year, prefilled with the Renstra's sasaran indicators and that year's targets."""
    if not renstra.tahun_mulai <= tahun <= renstra.tahun_selesai:
        raise ValidationError({"tahun": f"Tahun {tahun} di luar periode Renstra."})
    _pastikan_tahun_pk(unit_kerja, tahun)
    if (
        PerjanjianKinerja.objects.filter(unit_kerja=unit_kerja, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .exists()
    ):
        raise ValidationError({"tahun": f"Perjanjian Kinerja {tahun} untuk unit ini sudah ada."})
    perjanjian = PerjanjianKinerja(unit_kerja=unit_kerja, renstra=renstra, tahun=tahun, **pihak)
    save_with_history(perjanjian, by)
    indikator = (
        Indikator.objects.filter(renstra=renstra, sasaran__isnull=False)
        .select_related("sasaran")
        .prefetch_related("target")
        .order_by("sasaran__urutan", "urutan", "kode")
    )
    for urutan, ind in enumerate(indikator, start=1):
        target = next((t for t in ind.target.all() if t.tahun == tahun), None)
        line = PKIndikator(
            perjanjian=perjanjian,
            indikator=ind,
            urutan=urutan,
            target=target.nilai if target else None,
            target_predikat=target.predikat if target else "",
        )
        save_with_history(line, by)
    # The programs of this Renstra (linked to its sasaran) and the unit's programs linked to no sasaran (supporting
    # programs), not those serving another Renstra's sasaran: a PK of a past period must not list the current
    # period's programs.
    programs = (
        Program.objects.filter(unit_kerja__jalur__startswith=unit_kerja.jalur)
        .filter(Q(sasaran__renstra=renstra) | Q(sasaran__isnull=True))
        .distinct()
        .order_by("unit_kerja__jalur", "kode")
    )
    for program in programs:
        PKProgram.objects.create(perjanjian=perjanjian, program=program)
    return perjanjian


@transaction.atomic
def set_pk_target(
    *, line: PKIndikator, target: Decimal | None = None, predikat: str = "", by: Pengguna | None = None
) -> PKIndikator:
    """Change a PK target; refused once the PK is final (a revision is needed)."""
    perjanjian = (
        PerjanjianKinerja.objects.select_for_update().select_related("unit_kerja").get(pk=line.perjanjian_id)
    )
    _pastikan_draft(perjanjian)
    if line.indikator.is_predikat:
        if predikat.strip().upper() not in {p.upper() for p in line.indikator.skala_predikat}:
            raise ValidationError({"target": f"Predikat '{predikat}' tidak ada pada skala indikator."})
    elif target is None or target < 0:
        raise ValidationError({"target": "Target harus berupa angka tidak negatif."})
    if (line.target, line.target_predikat) == (target, predikat.strip()):
        return line
    # The PK in force gives the year's target (pengukuran.queries.target_tahun): same rule as the Renstra target.
    periksa_target(indikator=line.indikator, tahun=perjanjian.tahun)
    line.target, line.target_predikat = target, predikat.strip()
    save_with_history(line, by)
    return line


@transaction.atomic
def set_pk_pagu(*, line: PKProgram, pagu: Decimal, by: Pengguna | None = None) -> PKProgram:
    """Change the budget of a program in a draft PK."""
    perjanjian = (
        PerjanjianKinerja.objects.select_for_update().select_related("unit_kerja").get(pk=line.perjanjian_id)
    )
    _pastikan_draft(perjanjian)
    if pagu < 0:
        raise ValidationError({"pagu": "Pagu tidak boleh negatif."})
    line.pagu = pagu
    save_with_history(line, by)
    return line


@transaction.atomic
def finalize_pk(*, perjanjian: PerjanjianKinerja, by: Pengguna) -> PerjanjianKinerja:
    """Mark the PK as signed: from now on its targets change only through a revision."""
    perjanjian = (
        PerjanjianKinerja.objects.select_for_update().select_related("unit_kerja").get(pk=perjanjian.pk)
    )
    _pastikan_draft(perjanjian)
    kosong = [
        line.indikator.nama
        for line in perjanjian.indikator.select_related("indikator")
        if line.target is None and not line.target_predikat
    ]
    if kosong:
        raise ValidationError(f"Target belum diisi untuk: {'; '.join(kosong)}.")
    if not (perjanjian.pihak_pertama_nama and perjanjian.pihak_kedua_nama):
        raise ValidationError("Nama pihak pertama dan pihak kedua wajib diisi sebelum PK difinalkan.")
    perjanjian.status = PerjanjianKinerja.Status.FINAL
    perjanjian.difinalkan_oleh = by
    perjanjian.difinalkan_pada = timezone.now()
    save_with_history(perjanjian, by)
    return perjanjian


@transaction.atomic
def revise_pk(
    *, perjanjian: PerjanjianKinerja, alasan: str, catatan: str = "", by: Pengguna
) -> PerjanjianKinerja:
    """Start a PK Perubahan: a new draft version copying the final one, which is kept unchanged as 'diganti'."""
    lama = PerjanjianKinerja.objects.select_for_update().select_related("unit_kerja").get(pk=perjanjian.pk)
    if lama.status != PerjanjianKinerja.Status.FINAL:
        raise ValidationError("Hanya PK yang sudah final yang dapat direvisi; PK draf dapat diubah langsung.")
    _pastikan_tahun_pk(lama.unit_kerja, lama.tahun)
    if alasan not in PerjanjianKinerja.AlasanPerubahan.values:
        raise ValidationError(
            {
                "alasan_perubahan": "Alasan perubahan harus salah satu dari: pejabat berganti, perubahan "
                "strategi/program/anggaran, atau perubahan prioritas/asumsi."
            }
        )
    lama.status = PerjanjianKinerja.Status.DIGANTI
    save_with_history(lama, by)
    baru = PerjanjianKinerja(
        unit_kerja=lama.unit_kerja,
        renstra=lama.renstra,
        tahun=lama.tahun,
        versi=lama.versi + 1,
        pihak_pertama_nama=lama.pihak_pertama_nama,
        pihak_pertama_jabatan=lama.pihak_pertama_jabatan,
        pihak_pertama_nip=lama.pihak_pertama_nip,
        pihak_kedua_nama=lama.pihak_kedua_nama,
        pihak_kedua_jabatan=lama.pihak_kedua_jabatan,
        pihak_kedua_nip=lama.pihak_kedua_nip,
        tempat=lama.tempat,
        sebelumnya=lama,
        alasan_perubahan=alasan,
        catatan_perubahan=catatan,
    )
    save_with_history(baru, by)
    for line in lama.indikator.all():
        save_with_history(
            PKIndikator(
                perjanjian=baru,
                indikator_id=line.indikator_id,
                target=line.target,
                target_predikat=line.target_predikat,
                urutan=line.urutan,
            ),
            by,
        )
    for prog in lama.program.all():
        save_with_history(PKProgram(perjanjian=baru, program_id=prog.program_id, pagu=prog.pagu), by)
    return baru


# --- Rencana Aksi ---------------------------------------------------------------------------------------------------


def check_rencana_aksi(line: PKIndikator, target_tw: Mapping[int, Decimal | None]) -> list[str]:
    """Messages (Indonesian) when the quarterly targets do not add up to the year's target by the aggregation rule."""
    if line.indikator.is_predikat or line.target is None:
        return []
    terisi = {tw: v for tw, v in target_tw.items() if v is not None}
    if len(terisi) < 4:
        return [] if not terisi else ["Target triwulan belum lengkap (TW I–IV)."]
    aturan = line.indikator.agregasi
    nilai = [terisi[tw] for tw in (1, 2, 3, 4)]
    if aturan == Agregasi.KUMULATIF:
        hasil, uraian = sum(nilai, Decimal(0)), "Jumlah target TW I–IV"
    elif aturan == Agregasi.RATA_RATA:
        hasil, uraian = sum(nilai, Decimal(0)) / 4, "Rata-rata target TW I–IV"
    else:
        hasil, uraian = nilai[3], "Target TW IV"
    if hasil != line.target:
        return [
            f"{uraian} ({angka.format_angka(hasil)}) tidak sama dengan target tahunan "
            f"({angka.format_angka(line.target)}) menurut aturan agregasi '{line.indikator.get_agregasi_display()}'."
        ]
    return []


@transaction.atomic
def set_rencana_aksi(
    *,
    line: PKIndikator,
    target_tw: Mapping[int, Decimal | None],
    kegiatan: Mapping[int, str] | None = None,
    by: Pengguna | None = None,
) -> list[RencanaAksi]:
    """Save the TW I–IV targets given in `target_tw` (a quarter not given keeps its target; None clears it) of a PK
    indicator, refusing a complete set that contradicts the yearly target. A final PK freezes its Rencana Aksi
    (a PK Perubahan is needed), and so does a locked year."""
    perjanjian = (
        PerjanjianKinerja.objects.select_for_update().select_related("unit_kerja").get(pk=line.perjanjian_id)
    )
    if not perjanjian.dapat_diubah:
        raise ValidationError(
            "Perjanjian Kinerja ini sudah final: Rencana Aksi hanya dapat diubah melalui PK Perubahan (revisi)."
        )
    _pastikan_tahun_pk(perjanjian.unit_kerja, perjanjian.tahun)
    salah = sorted(set(target_tw) - {1, 2, 3, 4})
    if salah:
        raise ValidationError(f"Triwulan harus 1–4, bukan {', '.join(map(str, salah))}.")
    ada = {ra.triwulan: ra for ra in RencanaAksi.objects.filter(pk_indikator=line)}
    lengkap = {
        tw: (target_tw[tw] if tw in target_tw else getattr(ada.get(tw), "target", None))
        for tw in (1, 2, 3, 4)
    }
    pesan = check_rencana_aksi(line, lengkap)
    if pesan and len([v for v in lengkap.values() if v is not None]) == 4:
        raise ValidationError(pesan)
    hasil = []
    for tw in (1, 2, 3, 4):
        ra = ada.get(tw) or RencanaAksi(pk_indikator=line, triwulan=tw)
        kegiatan_baru = (kegiatan or {}).get(tw, ra.rencana_kegiatan)
        if ra.pk is None or (ra.target, ra.rencana_kegiatan) != (lengkap[tw], kegiatan_baru):
            ra.target, ra.rencana_kegiatan = lengkap[tw], kegiatan_baru
            save_with_history(ra, by)
        hasil.append(ra)
    return hasil


KEPUTUSAN_TEKS = (
    "nomor",
    "alamat_kop",
    "jabatan_penandatangan",
    "nama_penandatangan",
    "pangkat_golongan",
    "nip",
    "tempat",
    "menimbang",
    "mengingat",
    "diktum_tambahan",
)


class KonflikError(Exception):
    """The data were saved by someone else after the editor opened them."""


@transaction.atomic
def simpan_keputusan_iku(
    *, renstra: RencanaStrategis, by: Pengguna, versi: int | None = None, **isi: Any
) -> KeputusanIKU:
    """Save the texts of the Renstra's IKU decree (recorded in the audit trail), refusing to overwrite a newer version."""
    if not access.can_edit(by, renstra.unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengubah keputusan IKU unit ini.")
    obj = KeputusanIKU.objects.select_for_update().filter(renstra=renstra).first()
    # `versi` is the version the editor saw, 0 or None when there was none: the first save is checked too.
    if (versi or 0) != (obj.versi if obj else 0):
        raise KonflikError(
            "Keputusan IKU sudah diubah pengguna lain (atau disimpan pertama kali) setelah Anda membukanya; muat ulang halaman "
            "lalu ulangi perubahan Anda."
        )
    if obj is None:
        obj = KeputusanIKU(renstra=renstra)
    else:
        obj.versi += 1
    for nama in KEPUTUSAN_TEKS:
        if nama in isi:
            setattr(obj, nama, (isi[nama] or "").strip())
    if "tanggal" in isi:
        obj.tanggal = isi["tanggal"]
    obj.diubah_oleh = by
    try:
        with transaction.atomic():
            save_with_history(obj, by)
    except IntegrityError:
        raise KonflikError(
            "Keputusan IKU baru saja disimpan pengguna lain; muat ulang halaman lalu ulangi perubahan Anda."
        ) from None
    return obj


# --- units of measure (satuan) of the pemda --------------------------------------------------------------------------


def periksa_satuan(*, pemda_id: int, teks: str) -> None:
    """Refuse (at `satuan`) a satuan outside the one list the form, the import and the API accept."""
    if teks and not satuan_lib.dikenal(teks, satuan_pemda(pemda_id)):
        raise ValidationError({"satuan": satuan_lib.pesan_tidak_dikenal(teks, satuan_pemda(pemda_id))})


@transaction.atomic
def tambah_satuan(*, pemda: Pemda, nama: str, jenis: str, by: Pengguna, keterangan: str = "") -> SatuanPemda:
    """Add a satuan to the pemda's list (admin pemda)."""
    if not (by.is_superuser or pemda.pk in access.scope_of(by).pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah daftar satuan.")
    nama = " ".join(nama.split())
    if not nama:
        raise ValidationError({"nama": "Nama satuan wajib diisi."})
    if jenis not in SatuanPemda.Jenis.values:
        raise ValidationError({"jenis": f"Jenis satuan '{jenis}' tidak dikenal."})
    kunci = satuan_lib.normal(nama)
    if kunci in {satuan_lib.normal(s) for s in satuan_lib.SATUAN} or any(
        satuan_lib.normal(s) == kunci
        for s in SatuanPemda.objects.filter(pemda=pemda).values_list("nama", flat=True)
    ):
        raise ValidationError({"nama": f"Satuan '{nama}' sudah ada pada daftar."})
    obj = SatuanPemda(pemda=pemda, nama=nama, jenis=jenis, keterangan=keterangan.strip())
    save_with_history(obj, by)
    return obj


# --- edits and deletions of the plan's parts (issue #20) ---------------------------------------------------------------


@transaction.atomic
def update_tujuan(*, tujuan: Tujuan, kode: str, uraian: str, by: Pengguna) -> Tujuan:
    """Change a tujuan's code or text (descriptive: allowed whatever is measured)."""
    tujuan.kode, tujuan.uraian = kode, uraian
    save_with_history(tujuan, by)
    return tujuan


@transaction.atomic
def update_sasaran(
    *,
    sasaran: Sasaran,
    tujuan: Tujuan | None,
    kode: str,
    uraian: str,
    strategi: str = "",
    kebijakan: str = "",
    by: Pengguna,
) -> Sasaran:
    """Change a sasaran's code, text, strategi and kebijakan, or the tujuan it serves."""
    sasaran.tujuan, sasaran.kode, sasaran.uraian = tujuan, kode, uraian
    sasaran.strategi, sasaran.kebijakan = strategi, kebijakan
    save_with_history(sasaran, by)
    return sasaran


def _pastikan_indikator_dapat_dihapus(indikator: Indikator) -> list[PKIndikator]:
    """Refuse deleting a measured indicator; returns the draft PK lines that go with it."""
    if indikator.realisasi.exists() or indikator.narasi.exists():  # type: ignore[attr-defined]
        raise ValidationError(
            f"Indikator {indikator.kode} tidak dapat dihapus: sudah memiliki realisasi atau narasi capaian. "
            "Indikator yang sudah diukur tetap tersimpan; bila tidak dipakai lagi, jangan cantumkan pada PK "
            "tahun berikutnya."
        )
    garis = list(indikator.pk_indikator.select_related("perjanjian"))
    final = sorted({g.perjanjian.tahun for g in garis if not g.perjanjian.dapat_diubah})
    if final:
        raise ValidationError(
            f"Indikator {indikator.kode} tidak dapat dihapus: tercantum pada Perjanjian Kinerja final "
            f"tahun {', '.join(map(str, final))}."
        )
    pendukung = list(indikator.pendukung.values_list("renstra__unit_kerja__kode", "kode")[:5])
    if pendukung:
        raise ValidationError(
            f"Indikator {indikator.kode} tidak dapat dihapus: masih didukung oleh indikator "
            f"{', '.join(f'{u}/{k}' for u, k in pendukung)}. Ubah tautan 'mendukung' indikator itu dahulu."
        )
    pemda_id = _pemda_id(indikator)
    for tahun in sorted(
        set(indikator.target.values_list("tahun", flat=True)) | {g.perjanjian.tahun for g in garis}
    ):
        integritas.pastikan_dapat_diubah(
            perihal=f"Indikator {indikator.kode}", pemda_id=pemda_id, tahun=tahun
        )
    return garis


@transaction.atomic
def delete_indikator(*, indikator: Indikator, by: Pengguna) -> None:
    """Delete an unused indicator (its targets, variables and lines of draft PKs go with it). Refused for one with
    realisasi or narratives, on a final PK, supported by another unit's indicator, or with a target in a locked year."""
    indikator = Indikator.objects.select_for_update().get(pk=indikator.pk)
    garis = _pastikan_indikator_dapat_dihapus(indikator)
    for g in garis:
        g._history_user = by  # type: ignore[attr-defined]
        g.delete()
    for target in indikator.target.all():
        target._history_user = by  # type: ignore[attr-defined]
        target.delete()
    indikator._history_user = by  # type: ignore[attr-defined]
    indikator.delete()


@transaction.atomic
def delete_sasaran(*, sasaran: Sasaran, by: Pengguna) -> None:
    """Delete a sasaran that holds no indicator (delete or move those first)."""
    sisa = list(sasaran.indikator.values_list("kode", flat=True)[:5])
    if sisa:
        raise ValidationError(
            f"Sasaran {sasaran.kode} tidak dapat dihapus: masih memiliki indikator {', '.join(sisa)}. "
            "Hapus atau pindahkan indikatornya terlebih dahulu."
        )
    sasaran._history_user = by  # type: ignore[attr-defined]
    sasaran.delete()


@transaction.atomic
def delete_tujuan(*, tujuan: Tujuan, by: Pengguna) -> None:
    """Delete a tujuan that holds no sasaran and no indicator."""
    sisa = [f"sasaran {k}" for k in tujuan.sasaran.values_list("kode", flat=True)[:5]]
    sisa += [f"indikator {k}" for k in tujuan.indikator.values_list("kode", flat=True)[:5]]
    if sisa:
        raise ValidationError(
            f"Tujuan {tujuan.kode} tidak dapat dihapus: masih memiliki {', '.join(sisa)}. "
            "Hapus atau pindahkan terlebih dahulu."
        )
    tujuan._history_user = by  # type: ignore[attr-defined]
    tujuan.delete()


def versi_program(program: Program) -> Any:
    """The nomenclature version a program's codes are checked against: that of the Renstra whose sasaran it serves
    (the latest), else the version in force this year."""
    renstra = RencanaStrategis.objects.filter(sasaran__program=program).order_by("-tahun_mulai").first()
    if renstra is not None:
        return nomenklatur.versi_renstra(renstra)
    return nomenklatur.versi_berlaku(timezone.localdate().year)


# --- programs, kegiatan and sub kegiatan (issue #20 point 3) --------------------------------------------------------
#
# A program belongs to a unit and serves sasaran of the unit's Renstra (or of a Renstra of a unit above it). Its
# codes are checked against the nomenclature version of that Renstra (`nomenklatur.versi_renstra`), and only when a
# code is new or changed: a later decree that renames a code leaves the old plan valid, and editing a name never
# needs today's master.


def _catat(obj: Any, by: Pengguna | None, alasan: str = "") -> None:
    if by is not None:
        obj._history_user = by
    if alasan:
        obj._change_reason = alasan[:100]


def _versi_untuk(
    *, program: Program | None, sasaran: Iterable[Sasaran] = (), renstra: RencanaStrategis | None
) -> Any:
    """The nomenclature version a program's codes are checked against: the given Renstra's, else that of the
    Renstra whose sasaran it serves, else the version in force this year."""
    if renstra is not None:
        return nomenklatur.versi_renstra(renstra)
    daftar = sorted(sasaran, key=lambda s: -s.renstra.tahun_mulai)
    if daftar:
        return nomenklatur.versi_renstra(daftar[0].renstra)
    if program is not None and program.pk:
        return versi_program(program)
    return nomenklatur.versi_berlaku(timezone.localdate().year)


def _pastikan_kode_anak(induk: str, kode: str, label: str, label_induk: str) -> None:
    if not kode.startswith(induk + "."):
        raise ValidationError({"kode": f"Kode {label} '{kode}' harus diawali kode {label_induk} {induk}."})


def _pemda_program(program: Program) -> int:
    return program.unit_kerja.pemda_id


def _tahun_anggaran(sub_ids: Iterable[int]) -> dict[int, Decimal]:
    """Budget years of the sub kegiatan and their realisasi (`anggaran`, a layer above, is read by its reverse name)."""
    hasil: dict[int, Decimal] = {}
    for sub in SubKegiatan.objects.filter(pk__in=list(sub_ids)).prefetch_related("anggaran"):
        for baris in sub.anggaran.all():  # type: ignore[attr-defined]
            hasil[baris.tahun] = hasil.get(baris.tahun, Decimal(0)) + (baris.realisasi or Decimal(0))
    return hasil


def _pastikan_tanpa_anggaran(perihal: str, sub_ids: list[int], pemda_id: int) -> None:
    """Refuse removing sub kegiatan that carry a budget: with realisasi (spent money) or only pagu (a budget line
    must be removed on the budget page first)."""
    anggaran = _tahun_anggaran(sub_ids)
    if not anggaran:
        return
    terpakai = sorted(t for t, r in anggaran.items() if r > 0)
    for tahun in sorted(anggaran):
        integritas.pastikan_dapat_diubah(perihal=perihal, pemda_id=pemda_id, tahun=tahun)
    if terpakai:
        raise ValidationError(
            f"{perihal} tidak dapat dihapus: sudah memiliki realisasi anggaran tahun "
            f"{', '.join(map(str, terpakai))}."
        )
    raise ValidationError(
        f"{perihal} tidak dapat dihapus: memiliki pagu anggaran tahun {', '.join(map(str, sorted(anggaran)))}. "
        "Hapus baris anggarannya terlebih dahulu."
    )


def _pastikan_tanpa_pk_final(program: Program, perihal: str) -> list[PKProgram]:
    """Refuse when the program is on a final (signed) PK; returns its lines of draft PKs."""
    garis = list(program.pk_program.select_related("perjanjian"))
    final = sorted({g.perjanjian.tahun for g in garis if not g.perjanjian.dapat_diubah})
    if final:
        raise ValidationError(
            f"{perihal} tidak dapat diubah atau dihapus: tercantum pada Perjanjian Kinerja final tahun "
            f"{', '.join(map(str, final))}."
        )
    for g in garis:
        integritas.pastikan_dapat_diubah(
            perihal=perihal, pemda_id=_pemda_program(program), tahun=g.perjanjian.tahun
        )
    return garis


def _pastikan_sasaran(unit_kerja: UnitKerja, sasaran: list[Sasaran]) -> None:
    for s in sasaran:
        unit_renstra = s.renstra.unit_kerja
        if not unit_kerja.jalur.startswith(unit_renstra.jalur):
            raise ValidationError(
                {
                    "sasaran": f"Sasaran {s.kode} milik Renstra {unit_renstra}, bukan unit ini atau unit induknya."
                }
            )


@transaction.atomic
def simpan_program(
    *,
    unit_kerja: UnitKerja,
    kode: str,
    nama: str,
    sasaran: Iterable[Sasaran] = (),
    program: Program | None = None,
    renstra: RencanaStrategis | None = None,
    by: Pengguna | None,
) -> Program:
    """Create (program None) or change a program: code checked against the plan's nomenclature version when new or
    changed, sasaran of the unit's (or a parent unit's) Renstra; a code change is refused once the program is on a
    final PK or has spent budget."""
    kode, nama = kode.strip(), nama.strip()
    sasaran = list(sasaran)
    _pastikan_sasaran(unit_kerja, sasaran)
    if not nama:  # the master's name of the code
        master = kode_master(program=program, jenis=nomenklatur.JENIS.PROGRAM, kode=kode, renstra=renstra)
        nama = master.nama if master else ""
    if not nama:
        raise ValidationError({"nama": "Nama program wajib diisi."})
    lama = program.kode if program is not None and program.pk else None
    if kode != lama:
        if (
            Program.objects.filter(unit_kerja=unit_kerja, kode=kode)
            .exclude(pk=getattr(program, "pk", None))
            .exists()
        ):
            raise ValidationError({"kode": f"Program {kode} sudah ada pada unit ini."})
        versi = _versi_untuk(program=program, sasaran=sasaran, renstra=renstra)
        nomenklatur.pastikan(versi, nomenklatur.JENIS.PROGRAM, kode)
        if lama is not None:
            _pastikan_tanpa_pk_final(program, f"Kode program {lama}")  # type: ignore[arg-type]
            sub_ids = list(SubKegiatan.objects.filter(kegiatan__program=program).values_list("pk", flat=True))
            if any(r > 0 for r in _tahun_anggaran(sub_ids).values()):
                raise ValidationError(
                    {"kode": f"Kode program {lama} tidak dapat diubah: sudah memiliki realisasi anggaran."}
                )
            if program.kegiatan.exists():  # type: ignore[union-attr]
                raise ValidationError(
                    {
                        "kode": "Kode program tidak dapat diubah selama masih memiliki kegiatan dengan kode lama."
                    }
                )
    obj = program or Program(unit_kerja=unit_kerja)
    obj.kode, obj.nama = kode, nama
    obj.full_clean(validate_constraints=False)
    lama_sasaran = set(obj.sasaran.values_list("pk", flat=True)) if obj.pk else set()
    baru_sasaran = {s.pk for s in sasaran}
    _catat(
        obj,
        by,
        "sasaran: " + ", ".join(sorted(s.kode for s in sasaran)) if lama_sasaran != baru_sasaran else "",
    )
    obj.save()
    if lama_sasaran != baru_sasaran:
        obj.sasaran.set(sasaran)
    return obj


@transaction.atomic
def hapus_program(*, program: Program, by: Pengguna | None) -> None:
    """Delete a program with its kegiatan and sub kegiatan; refused when it has a budget, is on a final PK, or a
    year it touches is locked. Its lines of draft PKs go with it."""
    program = Program.objects.select_for_update().select_related("unit_kerja").get(pk=program.pk)
    perihal = f"Program {program.kode}"
    sub_ids = list(SubKegiatan.objects.filter(kegiatan__program=program).values_list("pk", flat=True))
    _pastikan_tanpa_anggaran(perihal, sub_ids, _pemda_program(program))
    if program.kinerja_anggaran.exists():  # type: ignore[attr-defined]
        raise ValidationError(f"{perihal} tidak dapat dihapus: memiliki target/realisasi kinerja anggaran.")
    garis = _pastikan_tanpa_pk_final(program, perihal)
    for tahun in TargetKeluaran.objects.filter(sub_kegiatan_id__in=sub_ids).values_list("tahun", flat=True):
        integritas.pastikan_dapat_diubah(perihal=perihal, pemda_id=_pemda_program(program), tahun=tahun)
    for g in garis:
        _catat(g, by)
        g.delete()
    for kegiatan in program.kegiatan.all():
        _hapus_kegiatan_isi(kegiatan, by)
    _catat(program, by)
    program.delete()


def _hapus_kegiatan_isi(kegiatan: Kegiatan, by: Pengguna | None) -> None:
    for sub in kegiatan.sub_kegiatan.all():
        for t in sub.target_keluaran.all():
            _catat(t, by)
            t.delete()
        _catat(sub, by)
        sub.delete()
    _catat(kegiatan, by)
    kegiatan.delete()


@transaction.atomic
def simpan_kegiatan(
    *, program: Program, kode: str, nama: str, kegiatan: Kegiatan | None = None, by: Pengguna | None
) -> Kegiatan:
    """Create or change a kegiatan under its program (its code starts with the program's and is in the plan's
    nomenclature version when new or changed)."""
    kode, nama = kode.strip(), nama.strip()
    if not nama:  # the master's name of the code
        master = kode_master(program=program, jenis=nomenklatur.JENIS.KEGIATAN, kode=kode)
        nama = master.nama if master else ""
    if not nama:
        raise ValidationError({"nama": "Nama kegiatan wajib diisi."})
    lama = kegiatan.kode if kegiatan is not None and kegiatan.pk else None
    if kode != lama:
        _pastikan_kode_anak(program.kode, kode, "kegiatan", "program")
        if program.kegiatan.filter(kode=kode).exclude(pk=getattr(kegiatan, "pk", None)).exists():
            raise ValidationError({"kode": f"Kegiatan {kode} sudah ada pada program ini."})
        nomenklatur.pastikan(versi_program(program), nomenklatur.JENIS.KEGIATAN, kode)
        if lama is not None and kegiatan.sub_kegiatan.exists():  # type: ignore[union-attr]
            raise ValidationError(
                {
                    "kode": "Kode kegiatan tidak dapat diubah selama masih memiliki sub kegiatan dengan kode lama."
                }
            )
    obj = kegiatan or Kegiatan(program=program)
    obj.kode, obj.nama = kode, nama
    obj.full_clean(validate_constraints=False)
    _catat(obj, by)
    obj.save()
    return obj


@transaction.atomic
def hapus_kegiatan(*, kegiatan: Kegiatan, by: Pengguna | None) -> None:
    """Delete a kegiatan with its sub kegiatan; refused when it has a budget, a kinerja line or a locked year."""
    kegiatan = Kegiatan.objects.select_for_update().select_related("program__unit_kerja").get(pk=kegiatan.pk)
    perihal = f"Kegiatan {kegiatan.kode}"
    pemda_id = _pemda_program(kegiatan.program)
    sub_ids = list(kegiatan.sub_kegiatan.values_list("pk", flat=True))
    _pastikan_tanpa_anggaran(perihal, sub_ids, pemda_id)
    if kegiatan.kinerja_anggaran.exists():  # type: ignore[attr-defined]
        raise ValidationError(f"{perihal} tidak dapat dihapus: memiliki target/realisasi kinerja anggaran.")
    for tahun in TargetKeluaran.objects.filter(sub_kegiatan_id__in=sub_ids).values_list("tahun", flat=True):
        integritas.pastikan_dapat_diubah(perihal=perihal, pemda_id=pemda_id, tahun=tahun)
    _hapus_kegiatan_isi(kegiatan, by)


@transaction.atomic
def save_sub_kegiatan(
    *,
    kegiatan: Kegiatan,
    kode: str,
    nama: str,
    indikator_keluaran: str = "",
    satuan_keluaran: str = "",
    sub_kegiatan: SubKegiatan | None = None,
    target: Mapping[int, Decimal | None] | None = None,
    by: Pengguna | None = None,
) -> SubKegiatan:
    """Create or change a sub kegiatan and its output targets per year (`target`: year -> value, None removes);
    its code must be in the nomenclature version of its program's Renstra when new or changed."""
    kode = kode.strip()
    lama = sub_kegiatan.kode if sub_kegiatan is not None and sub_kegiatan.pk else None
    if kode != lama:
        _pastikan_kode_anak(kegiatan.kode, kode, "sub kegiatan", "kegiatan")
        if kegiatan.sub_kegiatan.filter(kode=kode).exclude(pk=getattr(sub_kegiatan, "pk", None)).exists():
            raise ValidationError({"kode": f"Sub kegiatan {kode} sudah ada pada kegiatan ini."})
        nomenklatur.pastikan(versi_program(kegiatan.program), nomenklatur.JENIS.SUB_KEGIATAN, kode)
        if lama is not None:
            _pastikan_tanpa_anggaran(
                f"Kode sub kegiatan {lama}", [sub_kegiatan.pk], _pemda_program(kegiatan.program)
            )  # type: ignore[union-attr]
    obj = sub_kegiatan or SubKegiatan(kegiatan=kegiatan)
    obj.kode, obj.nama = kode, nama.strip()
    obj.indikator_keluaran, obj.satuan_keluaran = indikator_keluaran.strip(), satuan_keluaran.strip()
    if not obj.nama:
        raise ValidationError({"nama": "Nama sub kegiatan wajib diisi."})
    obj.full_clean(validate_constraints=False)
    _catat(obj, by)
    obj.save()
    for tahun, nilai in (target or {}).items():
        simpan_target_keluaran(sub_kegiatan=obj, tahun=tahun, nilai=nilai, by=by)
    return obj


def tahun_rencana(program: Program) -> list[int]:
    """The years a program's output targets are planned for: the period of the Renstra it serves (the latest), else
    the five years from this one."""
    renstra = RencanaStrategis.objects.filter(sasaran__program=program).order_by("-tahun_mulai").first()
    if renstra is not None:
        return renstra.tahun
    awal = timezone.localdate().year
    return list(range(awal, awal + 5))


@transaction.atomic
def simpan_target_keluaran(
    *, sub_kegiatan: SubKegiatan, tahun: int, nilai: Decimal | None, by: Pengguna | None
) -> TargetKeluaran | None:
    """Set (or with None remove) the output target of a year; refused in a locked year and outside the plan."""
    ada = TargetKeluaran.objects.filter(sub_kegiatan=sub_kegiatan, tahun=tahun).first()
    if (ada.nilai if ada else None) == nilai:
        return ada
    program = sub_kegiatan.kegiatan.program
    if tahun not in tahun_rencana(program):
        raise ValidationError({"target": f"Tahun {tahun} di luar periode rencana program {program.kode}."})
    integritas.pastikan_dapat_diubah(
        perihal=f"Target keluaran {sub_kegiatan.kode} tahun {tahun}",
        pemda_id=_pemda_program(program),
        tahun=tahun,
    )
    if nilai is None:
        if ada is not None:
            _catat(ada, by)
            ada.delete()
        return None
    if nilai < 0:
        raise ValidationError({"target": f"Target keluaran tahun {tahun} tidak boleh negatif."})
    obj = ada or TargetKeluaran(sub_kegiatan=sub_kegiatan, tahun=tahun)
    obj.nilai = nilai
    obj.full_clean(validate_constraints=False)
    _catat(obj, by)
    obj.save()
    return obj


@transaction.atomic
def hapus_sub_kegiatan(*, sub_kegiatan: SubKegiatan, by: Pengguna | None) -> None:
    """Delete a sub kegiatan and its targets; refused when it has a budget or a target in a locked year."""
    sub = (
        SubKegiatan.objects.select_for_update()
        .select_related("kegiatan__program__unit_kerja")
        .get(pk=sub_kegiatan.pk)
    )
    perihal = f"Sub kegiatan {sub.kode}"
    pemda_id = _pemda_program(sub.kegiatan.program)
    _pastikan_tanpa_anggaran(perihal, [sub.pk], pemda_id)
    for t in sub.target_keluaran.all():
        integritas.pastikan_dapat_diubah(perihal=perihal, pemda_id=pemda_id, tahun=t.tahun)
        _catat(t, by)
        t.delete()
    _catat(sub, by)
    sub.delete()


def kode_master_sub_kegiatan(*, kegiatan: Kegiatan, kode: str) -> Any:
    """The master row of a sub kegiatan code in its program's version (None when absent or nothing is loaded)."""
    return kode_master(program=kegiatan.program, jenis=nomenklatur.JENIS.SUB_KEGIATAN, kode=kode)


def kode_master(
    *, program: Program | None, jenis: str, kode: str, renstra: RencanaStrategis | None = None
) -> Any:
    """The master row of a code in the version its plan is checked against (None when absent or none loaded)."""
    versi = _versi_untuk(program=program, renstra=renstra)
    if versi is None:
        return None
    return versi.kode.filter(jenis=jenis, kode=kode.strip()).first()
