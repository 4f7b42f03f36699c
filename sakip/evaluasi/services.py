"""Writes of evaluation data. Every write checks the evaluation write rule of izin.py and records its author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sakip.evaluasi import izin, lke, nilai
from sakip.evaluasi.models import (
    BuktiSkema,
    EvaluasiAkip,
    JenisJawaban,
    KomponenSkema,
    KriteriaSkema,
    NilaiKomponen,
    Rekomendasi,
    SkemaEvaluasi,
    SkemaTahun,
)
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja


def _save(obj: Any, by: Pengguna | None) -> None:
    obj.full_clean()
    if by is not None:
        obj._history_user = by
    obj.save()


@dataclass(frozen=True)
class KomponenBaru:
    """A component as a scheme definition gives it; ``induk`` is the parent's kode."""

    kode: str
    nama: str
    bobot: Decimal | None
    induk: str | None = None


@transaction.atomic
def upsert_skema(
    *,
    kode: str,
    nama: str,
    komponen: Sequence[KomponenBaru],
    pemda: Pemda | None = None,
    dasar_hukum: str = "",
    keterangan: str = "",
    by: Pengguna,
) -> SkemaEvaluasi:
    """Create or update a scheme and its components (by kode); the weights must add up (nilai.validasi_bobot)."""
    cakupan = access.scope_of(by)
    if not (cakupan.superuser or (pemda is not None and pemda.pk in cakupan.pemda_tulis)):
        raise PermissionDenied("Hanya admin pemda yang dapat menetapkan skema evaluasi pemda.")
    pesan = nilai.validasi_bobot(
        [nilai.Komponen(kode=k.kode, nama=k.nama, bobot=k.bobot, induk=k.induk) for k in komponen]
    )
    if pesan:
        raise ValidationError(pesan)
    skema = SkemaEvaluasi.objects.filter(pemda=pemda, kode=kode).first() or SkemaEvaluasi(
        pemda=pemda, kode=kode
    )
    skema.nama, skema.dasar_hukum, skema.keterangan = nama, dasar_hukum, keterangan
    _save(skema, by)
    lama = {k.kode: k for k in skema.komponen.all()}
    baru: dict[str, KomponenSkema] = {}
    # Tree order (each component followed by its sub-components) gives the display order and saves parents first.
    pohon: list[KomponenBaru] = []
    for utama in (k for k in komponen if k.induk is None):
        pohon.append(utama)
        pohon.extend(k for k in komponen if k.induk == utama.kode)
    for urutan, data in enumerate(pohon, start=1):
        obj = lama.get(data.kode) or KomponenSkema(skema=skema, kode=data.kode)
        obj.nama, obj.bobot, obj.urutan = data.nama, data.bobot, urutan
        obj.induk = baru[data.induk] if data.induk else None
        obj.full_clean()
        obj.save()
        baru[data.kode] = obj
    # A component removed from the definition goes too; one that already has scores is protected (PROTECT).
    for kode_lama, obj in lama.items():
        if kode_lama not in baru:
            obj.delete()
    return skema


@transaction.atomic
def create_evaluasi(
    *,
    unit_kerja: UnitKerja,
    tahun: int,
    skema: SkemaEvaluasi,
    by: Pengguna,
    lembaga: str = "",
    nomor_lhe: str = "",
    tanggal_lhe: dt.date | None = None,
    catatan: str = "",
) -> EvaluasiAkip:
    """A new LHE for the unit and year (one per unit and year)."""
    izin.require_score(by, unit_kerja)
    evaluasi = EvaluasiAkip(
        unit_kerja=unit_kerja,
        tahun=tahun,
        skema=skema,
        lembaga=lembaga,
        nomor_lhe=nomor_lhe,
        tanggal_lhe=tanggal_lhe,
        catatan=catatan,
    )
    _save(evaluasi, by)
    return evaluasi


@transaction.atomic
def update_evaluasi(evaluasi: EvaluasiAkip, *, by: Pengguna, **fields: Any) -> EvaluasiAkip:
    """Change the LHE's data (lembaga, nomor, tanggal, catatan; the scheme only while no score refers to it)."""
    izin.require_score(by, evaluasi.unit_kerja)
    allowed = {"lembaga", "nomor_lhe", "tanggal_lhe", "catatan", "skema"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Field tidak dikenal: {', '.join(sorted(unknown))}")
    skema = fields.get("skema")
    # Compared with the stored row: a ModelForm has already copied its data onto `evaluasi`.
    skema_lama = EvaluasiAkip.objects.values_list("skema_id", flat=True).get(pk=evaluasi.pk)
    if skema is not None and skema.pk != skema_lama and evaluasi.nilai.exists():
        raise ValidationError(
            {"skema": "Skema tidak dapat diganti setelah nilai diisi. Hapus nilainya dahulu."}
        )
    for name, value in fields.items():
        setattr(evaluasi, name, value)
    _save(evaluasi, by)
    return evaluasi


@transaction.atomic
def save_nilai(
    *, evaluasi: EvaluasiAkip, nilai_baru: Mapping[str, Decimal | None], by: Pengguna
) -> nilai.Hasil:
    """Set the scores given by component kode (None clears one); unchanged scores are left untouched."""
    izin.require_score(by, evaluasi.unit_kerja)
    komponen = {
        k.kode: k for k in KomponenSkema.objects.filter(skema_id=evaluasi.skema_id).select_related("induk")
    }
    unknown = sorted(set(nilai_baru) - set(komponen))
    if unknown:
        raise ValidationError(f"Komponen tidak ada di skema {evaluasi.skema}: {', '.join(unknown)}.")
    lama = {n.komponen.kode: n for n in evaluasi.nilai.select_related("komponen")}
    errors: dict[str, list[str]] = {}
    akhir = {kode: n.nilai for kode, n in lama.items()}
    for kode, angka in nilai_baru.items():
        if angka is None:
            akhir.pop(kode, None)
            continue
        try:
            nilai.validasi_nilai(komponen[kode].sebagai_data(), angka)
        except nilai.NilaiError as exc:
            errors.setdefault(kode, []).append(str(exc))
        akhir[kode] = angka
    data = [k.sebagai_data() for k in komponen.values()]
    for pesan in nilai.validasi_sub_komponen(data, akhir):
        errors.setdefault("__all__", []).append(pesan)
    if errors:
        raise ValidationError(errors)
    for kode, angka in nilai_baru.items():
        ada = lama.get(kode)
        if angka is None:
            if ada is not None:
                ada._history_user = by
                ada.delete()
        elif ada is None:
            _save(NilaiKomponen(evaluasi=evaluasi, komponen=komponen[kode], nilai=angka), by)
        elif ada.nilai != angka:
            ada.nilai = angka
            _save(ada, by)
    return nilai.hitung(data, akhir)


@transaction.atomic
def save_rekomendasi(
    *,
    evaluasi: EvaluasiAkip,
    uraian: str,
    by: Pengguna,
    rekomendasi: Rekomendasi | None = None,
    komponen: KomponenSkema | None = None,
    tindak_lanjut: str = "",
    status: str = Rekomendasi.Status.BELUM,
    penanggung_jawab: UnitKerja | None = None,
    batas_waktu: dt.date | None = None,
    urutan: int | None = None,
) -> Rekomendasi:
    """Create (rekomendasi None) or change a recommendation of the LHE: evaluators and admin pemda only."""
    izin.require_score(by, evaluasi.unit_kerja)
    if rekomendasi is None:
        rekomendasi = Rekomendasi(evaluasi=evaluasi)
        if urutan is None:
            urutan = evaluasi.rekomendasi.count() + 1
    elif rekomendasi.evaluasi_id != evaluasi.pk:
        raise ValidationError("Rekomendasi bukan milik evaluasi ini.")
    rekomendasi.uraian = uraian
    rekomendasi.komponen = komponen
    rekomendasi.tindak_lanjut = tindak_lanjut
    rekomendasi.status = status
    rekomendasi.penanggung_jawab = penanggung_jawab
    rekomendasi.batas_waktu = batas_waktu
    if urutan is not None:
        rekomendasi.urutan = urutan
    _save(rekomendasi, by)
    return rekomendasi


@transaction.atomic
def save_tindak_lanjut(
    *, rekomendasi: Rekomendasi, tindak_lanjut: str, status: str, by: Pengguna
) -> Rekomendasi:
    """The follow-up text and status: the evaluated or responsible unit's operator, evaluators, admin pemda."""
    izin.require_follow_up(by, rekomendasi)
    if status == Rekomendasi.Status.SUDAH and not tindak_lanjut.strip():
        raise ValidationError({"tindak_lanjut": "Uraikan tindak lanjutnya sebelum menandai Sudah."})
    rekomendasi.tindak_lanjut = tindak_lanjut
    rekomendasi.status = status
    _save(rekomendasi, by)
    return rekomendasi


# --- schemes as data: copy, edit down to criteria, choose per year (admin pemda) ---------------------------------------


def _require_admin_pemda(by: Pengguna, pemda: Pemda | None) -> None:
    cakupan = access.scope_of(by)
    if cakupan.superuser or (pemda is not None and pemda.pk in cakupan.pemda_tulis):
        return
    raise PermissionDenied("Hanya admin pemda yang dapat mengubah skema evaluasi pemda.")


def _require_skema_pemda(by: Pengguna, skema: SkemaEvaluasi) -> None:
    if skema.pemda_id is None:
        raise PermissionDenied("Skema nasional tidak dapat diubah; salin dahulu menjadi skema pemda.")
    _require_admin_pemda(by, skema.pemda)


@transaction.atomic
def salin_skema(*, skema: SkemaEvaluasi, pemda: Pemda, kode: str, nama: str, by: Pengguna) -> SkemaEvaluasi:
    """A pemda's own copy of a scheme (components, weights, criteria, evidence items, answer scales)."""
    _require_admin_pemda(by, pemda)
    kode = kode.strip()
    if not kode or not nama.strip():
        raise ValidationError({"kode": "Kode dan nama skema wajib diisi."})
    if SkemaEvaluasi.objects.filter(pemda=pemda, kode=kode).exists():
        raise ValidationError({"kode": f"Skema berkode {kode} sudah ada di pemda ini."})
    baru = SkemaEvaluasi(
        pemda=pemda,
        kode=kode,
        nama=nama.strip(),
        dasar_hukum=skema.dasar_hukum,
        keterangan=skema.keterangan,
        skala_jawaban=skema.skala_jawaban,
        asal=skema,
    )
    _save(baru, by)
    peta: dict[int, KomponenSkema] = {}
    for k in skema.komponen.order_by("induk_id", "urutan"):  # parents (induk NULL) first
        salinan = KomponenSkema(
            skema=baru,
            kode=k.kode,
            nama=k.nama,
            bobot=k.bobot,
            urutan=k.urutan,
            induk=peta.get(k.induk_id) if k.induk_id else None,
        )
        _save(salinan, by)
        peta[k.pk] = salinan
    for kriteria in KriteriaSkema.objects.filter(komponen__skema=skema).prefetch_related("bukti"):
        bukti = list(kriteria.bukti.all())
        kriteria.pk = None
        kriteria.id = None
        kriteria.komponen = peta[kriteria.komponen_id]
        _save(kriteria, by)
        for b in bukti:
            b.pk = None
            b.id = None
            b.kriteria = kriteria
            _save(b, by)
    return baru


@transaction.atomic
def ubah_bobot(*, skema: SkemaEvaluasi, bobot: Mapping[str, Decimal | None], by: Pengguna) -> SkemaEvaluasi:
    """New weights by component kode; refused (nothing saved) when they no longer add up."""
    _require_skema_pemda(by, skema)
    komponen = {k.kode: k for k in skema.komponen.all()}
    unknown = sorted(set(bobot) - set(komponen))
    if unknown:
        raise ValidationError(f"Komponen tidak ada di skema: {', '.join(unknown)}.")
    data = [
        nilai.Komponen(
            kode=k.kode,
            nama=k.nama,
            bobot=bobot.get(k.kode, k.bobot),
            induk=k.induk.kode if k.induk_id else None,
        )
        for k in komponen.values()
    ]
    pesan = nilai.validasi_bobot(data)
    if pesan:
        raise ValidationError(pesan)
    for kode, angka in bobot.items():
        obj = komponen[kode]
        if obj.bobot != angka:
            obj.bobot = angka
            _save(obj, by)
    return skema


def _skala_jenis(skema: SkemaEvaluasi, jenis: str) -> None:
    if jenis not in JenisJawaban.values or jenis not in (skema.skala_jawaban or {}):
        raise ValidationError({"jenis_jawaban": f"Jenis jawaban {jenis} tidak memiliki skala di skema ini."})


@transaction.atomic
def simpan_kriteria(
    *,
    komponen: KomponenSkema,
    kode: str,
    uraian: str,
    jenis_jawaban: str,
    dinilai_per: str,
    bukti: Sequence[str],
    by: Pengguna,
    kriteria: KriteriaSkema | None = None,
    catatan: str = "",
) -> KriteriaSkema:
    """Create (kriteria None) or change a criterion of a sub-component with its evidence items (one per line)."""
    skema = komponen.skema
    _require_skema_pemda(by, skema)
    if komponen.induk_id is None:
        raise ValidationError({"komponen": "Kriteria ditempatkan di sub-komponen, bukan komponen utama."})
    _skala_jenis(skema, jenis_jawaban)
    nama_bukti = [b.strip() for b in bukti if b.strip()]
    if dinilai_per == KriteriaSkema.DinilaiPer.BUKTI and not nama_bukti:
        raise ValidationError(
            {"bukti": "Kriteria yang dinilai per bukti dukung memerlukan paling sedikit satu bukti."}
        )
    if kriteria is None:
        kriteria = KriteriaSkema(komponen=komponen, urutan=komponen.kriteria.count() + 1)
    elif kriteria.komponen.skema_id != skema.pk:
        raise ValidationError("Kriteria bukan bagian dari skema ini.")
    kriteria.komponen = komponen
    kriteria.kode, kriteria.uraian, kriteria.catatan = kode.strip(), uraian.strip(), catatan
    kriteria.jenis_jawaban, kriteria.dinilai_per = jenis_jawaban, dinilai_per
    if KriteriaSkema.objects.filter(komponen=komponen, kode=kriteria.kode).exclude(pk=kriteria.pk).exists():
        raise ValidationError({"kode": f"Kode kriteria {kriteria.kode} sudah ada di sub-komponen ini."})
    _save(kriteria, by)
    lama = list(kriteria.bukti.all())
    for i, nama_b in enumerate(nama_bukti, start=1):
        obj = lama[i - 1] if i <= len(lama) else BuktiSkema(kriteria=kriteria)
        if obj.pk is None or obj.nama != nama_b or obj.urutan != i:
            if obj.nama != nama_b:
                obj.jenis_dokumen = lke.jenis_dokumen(nama_b)
                obj.cek_otomatis = ""
            obj.nama, obj.urutan = nama_b, i
            _save(obj, by)
    for obj in lama[len(nama_bukti) :]:
        obj._history_user = by
        obj.delete()
    return kriteria


@transaction.atomic
def hapus_kriteria(*, kriteria: KriteriaSkema, by: Pengguna) -> None:
    """Remove a criterion from a pemda's scheme; refused once a worksheet has answered it."""
    _require_skema_pemda(by, kriteria.komponen.skema)
    if getattr(kriteria, "jawaban", None) is not None and kriteria.jawaban.exists():
        raise ValidationError("Kriteria sudah dijawab pada lembar kerja; tidak dapat dihapus.")
    kriteria._history_user = by
    kriteria.delete()


@transaction.atomic
def pilih_skema_tahun(*, pemda: Pemda, tahun: int, skema: SkemaEvaluasi, by: Pengguna) -> SkemaTahun:
    """The scheme the pemda's evaluation of a year uses (a national one or its own)."""
    _require_admin_pemda(by, pemda)
    obj = SkemaTahun.objects.filter(pemda=pemda, tahun=tahun).first() or SkemaTahun(pemda=pemda, tahun=tahun)
    obj.skema = skema
    _save(obj, by)
    return obj


def skema_untuk_tahun(pemda: Pemda, tahun: int) -> SkemaEvaluasi | None:
    """The scheme chosen for the year, else the latest year's choice before it."""
    pilihan = SkemaTahun.objects.filter(pemda=pemda, tahun__lte=tahun).select_related("skema").first()
    return pilihan.skema if pilihan else None
