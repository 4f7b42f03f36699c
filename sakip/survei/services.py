"""Writes of surveys and responses. A linked IKU gets the survey's IKM unit as a proposed realisasi, which the
operator of the indicator accepts (`terima_usulan`); a response never writes a realisasi by itself."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sakip.lib import angka
from sakip.organisasi import access
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.pengukuran import jadwal
from sakip.pengukuran import services as pengukuran
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.services import save_with_history
from sakip.survei import ikm, pembatas, queries
from sakip.survei.models import KOLOM_UNSUR, Periode, Respons, Survei, unsur_bawaan

MAKS_SARAN = 2000


class BatasTercapai(ValidationError):
    """The survey holds its maximum number of responses: the new one is refused, nothing else changes."""


class SurveiDitutup(ValidationError):
    """The survey no longer takes answers through its public link."""


class Kebanjiran(ValidationError):
    """One client sent the maximum number of answers in the flood window (`pembatas`): the new one is refused."""


@dataclass(frozen=True)
class DataRespons:
    """One respondent's answers as entered: `nilai` has one item per unsur (None = not answered)."""

    nilai: tuple[int | None, ...]
    jenis_kelamin: str = ""
    umur: int | None = None
    pendidikan: str = ""
    pekerjaan: str = ""
    layanan: str = ""
    saran: str = ""
    nomor: str = ""
    diisi_pada: datetime.datetime | None = None


def _wajib_penulis(by: Pengguna, unit: UnitKerja) -> None:
    if not access.can_edit(by, unit):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk survei unit ini.")


def kesalahan_respons(survei: Survei, data: DataRespons, *, lengkap: bool) -> list[str]:
    """Every reason `data` cannot be stored as a response of `survei` (empty when it can)."""
    salah: list[str] = []
    n = survei.jumlah_unsur
    if len(data.nilai) != n:
        return [f"Jawaban harus berisi {n} unsur, bukan {len(data.nilai)}."]
    label = survei.label_unsur
    for i, nilai in enumerate(data.nilai, start=1):
        if nilai is None:
            if lengkap:
                salah.append(f"Unsur {i} ({label[i - 1]}) belum dijawab.")
        elif isinstance(nilai, bool) or not isinstance(nilai, int) or not 1 <= nilai <= 4:
            salah.append(f"Unsur {i} ({label[i - 1]}): nilai harus 1–4.")
    if all(v is None for v in data.nilai) and not lengkap:
        salah.append("Tidak ada unsur yang dijawab.")
    for nama, pilihan in (
        ("jenis_kelamin", Respons.JenisKelamin.values),
        ("pendidikan", Respons.Pendidikan.values),
        ("pekerjaan", Respons.Pekerjaan.values),
    ):
        nilai_profil = getattr(data, nama)
        if nilai_profil and nilai_profil not in pilihan:
            salah.append(f"Isian {nama.replace('_', ' ')} '{nilai_profil}' tidak dikenal.")
    if data.umur is not None and not 10 <= data.umur <= 120:
        salah.append("Umur harus antara 10 dan 120 tahun.")
    if len(data.saran) > MAKS_SARAN:
        salah.append(f"Saran paling panjang {MAKS_SARAN} karakter.")
    if len(data.layanan) > 255 or len(data.nomor) > 30:
        salah.append("Isian jenis layanan atau nomor kuesioner terlalu panjang.")
    return salah


def _respons_baru(survei: Survei, data: DataRespons, sumber: str) -> Respons:
    respons = Respons(
        survei=survei,
        jenis_kelamin=data.jenis_kelamin,
        umur=data.umur,
        pendidikan=data.pendidikan,
        pekerjaan=data.pekerjaan,
        layanan=data.layanan.strip(),
        saran=data.saran.strip(),
        nomor=data.nomor.strip(),
        sumber=sumber,
        diisi_pada=data.diisi_pada or timezone.now(),
    )
    for kolom, nilai in zip(KOLOM_UNSUR, data.nilai, strict=False):
        setattr(respons, kolom, nilai)
    return respons


def _kunci(survei: Survei) -> Survei:
    # The row lock serialises the writers of one survey, so the cap cannot be overrun by concurrent submissions.
    # `of=("self",)`: PostgreSQL cannot lock the nullable side of the outer join to the indicator.
    return (
        Survei.objects.select_for_update(of=("self",))
        .select_related("unit_kerja", "indikator")
        .get(pk=survei.pk)
    )


def _pesan_batas(survei: Survei) -> str:
    return (
        f"Survei ini telah mencapai batas {survei.maks_respons} jawaban; jawaban baru tidak dapat diterima. "
        "Hubungi unit penyelenggara layanan."
    )


@transaction.atomic
def submit_respons(
    *, survei: Survei, data: DataRespons, sumber: str = Respons.Sumber.DARING, klien: str = ""
) -> Respons:
    """Store one respondent's answers (the public form): every unsur answered, the survey open and under its cap,
    and the client `klien` (`pembatas.jejak`, when given) under its flood limit."""
    survei = _kunci(survei)
    daring = sumber == Respons.Sumber.DARING
    if daring and not survei.aktif:
        raise SurveiDitutup("Survei ini sudah ditutup dan tidak menerima jawaban lagi.")
    salah = kesalahan_respons(survei, data, lengkap=daring)
    if salah:
        raise ValidationError(salah)
    if Respons.objects.filter(survei=survei).count() >= survei.maks_respons:
        raise BatasTercapai(_pesan_batas(survei))
    # Under the survey's row lock: parallel answers of one client queue here and cannot pass the limit together.
    if klien and not pembatas.pakai(survei, klien):
        raise Kebanjiran(pembatas.PESAN)
    respons = _respons_baru(survei, data, sumber)
    respons.save()
    return respons


@transaction.atomic
def impor_respons(
    *, survei: Survei, data: Sequence[DataRespons], by: Pengguna, sumber: str = Respons.Sumber.KERTAS
) -> int:
    """Store paper questionnaires all or nothing: any invalid row or an overrun cap stores none of them."""
    survei = _kunci(survei)
    _wajib_penulis(by, survei.unit_kerja)
    salah = [
        f"Respons {i}: {pesan}"
        for i, d in enumerate(data, start=1)
        for pesan in kesalahan_respons(survei, d, lengkap=False)
    ]
    if salah:
        raise ValidationError(salah)
    ada = Respons.objects.filter(survei=survei).count()
    if ada + len(data) > survei.maks_respons:
        raise BatasTercapai(
            f"Survei sudah memiliki {ada} jawaban; menambah {len(data)} melampaui batas {survei.maks_respons}. "
            "Naikkan batas jumlah jawaban pada pengaturan survei bila memang diperlukan."
        )
    Respons.objects.bulk_create([_respons_baru(survei, d, sumber) for d in data], batch_size=500)
    return len(data)


def _isian_survei(
    survei: Survei,
    *,
    nama: str,
    tahun: int,
    periode: str,
    metode: str,
    bobot: str,
    unsur: list[dict[str, Any]] | None,
    layanan: str,
    keterangan: str,
    aktif: bool,
    maks_respons: int,
) -> None:
    survei.nama, survei.tahun, survei.periode = nama.strip(), tahun, periode
    survei.metode, survei.bobot = metode, bobot
    survei.unsur = unsur if unsur is not None else unsur_bawaan(metode)
    survei.layanan, survei.keterangan = layanan, keterangan
    survei.aktif, survei.maks_respons = aktif, maks_respons


@transaction.atomic
def create_survei(
    *,
    unit_kerja: UnitKerja,
    by: Pengguna,
    nama: str,
    tahun: int,
    periode: str,
    metode: str = ikm.Metode.PERMENPANRB_14_2017,
    bobot: str = ikm.Bobot.EKSAK,
    unsur: list[dict[str, Any]] | None = None,
    layanan: str = "",
    keterangan: str = "",
    aktif: bool = True,
    maks_respons: int = 2000,
) -> Survei:
    """A new survey of a unit the user may write; the questionnaire defaults to the method's standard wording."""
    _wajib_penulis(by, unit_kerja)
    survei = Survei(unit_kerja=unit_kerja, dibuat_oleh=by)
    _isian_survei(
        survei,
        nama=nama,
        tahun=tahun,
        periode=periode,
        metode=metode,
        bobot=bobot,
        unsur=unsur,
        layanan=layanan,
        keterangan=keterangan,
        aktif=aktif,
        maks_respons=maks_respons,
    )
    save_with_history(survei, by)
    return survei


@transaction.atomic
def update_survei(*, survei: Survei, by: Pengguna, **isian: Any) -> Survei:
    """Change a survey. The method cannot change once answers exist, nor the period while an IKU is linked."""
    survei = _kunci(survei)
    _wajib_penulis(by, survei.unit_kerja)
    ada_jawaban = Respons.objects.filter(survei=survei).exists()
    if ada_jawaban and isian.get("metode", survei.metode) != survei.metode:
        raise ValidationError({"metode": "Metode tidak dapat diubah setelah survei memiliki jawaban."})
    if survei.indikator_id and (
        isian.get("tahun", survei.tahun) != survei.tahun
        or isian.get("periode", survei.periode) != survei.periode
    ):
        raise ValidationError(
            {"periode": "Lepaskan tautan IKU terlebih dahulu sebelum mengubah tahun atau periode survei."}
        )
    nilai = {
        "nama": survei.nama,
        "tahun": survei.tahun,
        "periode": survei.periode,
        "metode": survei.metode,
        "bobot": survei.bobot,
        "unsur": survei.unsur,
        "layanan": survei.layanan,
        "keterangan": survei.keterangan,
        "aktif": survei.aktif,
        "maks_respons": survei.maks_respons,
    }
    if "metode" in isian and isian["metode"] != survei.metode and "unsur" not in isian:
        isian["unsur"] = unsur_bawaan(isian["metode"])
    nilai.update(isian)
    _isian_survei(survei, **nilai)
    save_with_history(survei, by)
    return survei


def indikator_pilihan(survei: Survei) -> Any:
    """Numeric indicators the survey's unit reports in the survey's year (candidates for a link)."""
    from django.db.models import Q

    unit = survei.unit_kerja
    qs = Indikator.objects.filter(
        Q(penanggung_jawab=unit) | Q(penanggung_jawab__isnull=True, renstra__unit_kerja=unit),
        renstra__tahun_mulai__lte=survei.tahun,
        renstra__tahun_selesai__gte=survei.tahun,
    ).exclude(jenis="predikat")
    if survei.periode != Periode.TAHUN:
        # A semester result is a value inside the year: an indicator reported only yearly cannot receive it.
        qs = qs.exclude(frekuensi=jadwal.TAHUNAN)
    return qs.select_related("renstra").order_by("renstra__tahun_mulai", "urutan", "kode")


@transaction.atomic
def tautkan_indikator(*, survei: Survei, indikator: Indikator, by: Pengguna) -> Survei:
    """Make the survey the source of an IKU's realisasi for the survey's year and period, and fill it now."""
    survei = _kunci(survei)
    _wajib_penulis(by, survei.unit_kerja)
    if not indikator_pilihan(survei).filter(pk=indikator.pk).exists():
        raise ValidationError(
            {
                "indikator": "Pilih indikator angka yang dilaporkan unit survei ini dan berlaku pada tahun "
                f"{survei.tahun}"
                + (
                    "; indikator yang dilaporkan tahunan hanya menerima hasil survei tahunan."
                    if survei.periode != Periode.TAHUN and indikator.frekuensi == jadwal.TAHUNAN
                    else "."
                )
            }
        )
    survei.indikator, survei.ditautkan_oleh, survei.galat_tautan = indikator, by, ""
    save_with_history(survei, by)
    return survei


@transaction.atomic
def lepas_indikator(*, survei: Survei, by: Pengguna) -> Survei:
    """Stop feeding the IKU; the realisasi already written stays as it is and can be edited by hand again."""
    survei = _kunci(survei)
    _wajib_penulis(by, survei.unit_kerja)
    survei.indikator, survei.ditautkan_oleh, survei.galat_tautan = None, None, ""
    save_with_history(survei, by)
    return survei


@dataclass(frozen=True)
class Usulan:
    """The survey's IKM unit proposed as the linked IKU's realisasi of the survey's year and period."""

    nilai: Decimal | None
    realisasi: Realisasi | None  # the stored realisasi of that period, if any
    periode: str
    galat: str  # why it cannot be accepted now; empty when it can

    @property
    def sudah_sama(self) -> bool:
        return self.realisasi is not None and self.nilai is not None and self.realisasi.nilai == self.nilai


def usulan_realisasi(survei: Survei) -> Usulan | None:
    """The proposal of a linked survey (None when no IKU is linked); reads only."""
    indikator = survei.indikator
    if indikator is None:
        return None
    periode = survei.periode_realisasi
    realisasi = Realisasi.objects.filter(indikator=indikator, tahun=survei.tahun, periode=periode).first()
    hasil = queries.hasil_resmi(survei)
    if not hasil.ada:
        kosong = ", ".join(f"U{n}" for n in hasil.unsur_kosong)
        return Usulan(
            None, realisasi, periode, f"IKM belum dapat dihitung: unsur {kosong} belum memiliki jawaban."
        )
    assert hasil.ikm_unit is not None
    nilai = angka.bulatkan(hasil.ikm_unit, 6)
    galat = ""
    if realisasi is not None and not realisasi.dapat_diubah_operator:
        galat = (
            f"Realisasi {indikator.kode} {survei.tahun} berstatus '{realisasi.get_status_display()}': usulan dari "
            "survei tidak menimpa realisasi yang sudah diajukan atau diverifikasi."
        )
    elif pengukuran.is_locked(survei.unit_kerja.pemda_id, survei.tahun):
        galat = f"Data tahun {survei.tahun} sudah dikunci; usulan dari survei tidak dapat diterima."
    elif periode in pengukuran.periode_terkunci(survei.unit_kerja.pemda_id, survei.tahun):
        galat = f"Data periode {periode} tahun {survei.tahun} sudah dikunci; usulan dari survei tidak dapat diterima."
    return Usulan(nilai, realisasi, periode, galat)


@transaction.atomic
def terima_usulan(*, survei: Survei, nilai: Decimal, versi: int | None, by: Pengguna) -> Realisasi:
    """The indicator's operator accepts the survey's proposed value (`nilai`, as they saw it) as a draft realisasi,
    which then goes through the normal workflow (submit, verify). Refused when the proposal changed since, or the
    realisasi is submitted, verified or of a locked year; `versi` is the realisasi version they saw (0: none)."""
    survei = _kunci(survei)
    indikator = survei.indikator
    if indikator is None:
        raise ValidationError("Survei ini tidak ditautkan ke IKU.")
    usulan = usulan_realisasi(survei)
    assert usulan is not None
    if usulan.galat:
        raise ValidationError(usulan.galat)
    if usulan.nilai != nilai:
        raise pengukuran.KonflikError(
            f"Hasil survei berubah menjadi {angka.format_angka(usulan.nilai)} setelah Anda membukanya; periksa "
            "lalu terima kembali."
        )
    return pengukuran.save_realisasi(
        indikator=indikator,
        tahun=survei.tahun,
        periode=usulan.periode,
        by=by,
        nilai=usulan.nilai,
        versi=versi,
        tanpa_rincian=indikator.pakai_rumus,
    )
