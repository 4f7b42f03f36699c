"""Writes of evaluation data. Every write checks the evaluation write rule of izin.py and records its author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sakip.evaluasi import izin, lke, nilai
from sakip.evaluasi.models import (
    BuktiLembar,
    BuktiSkema,
    CatatanReviu,
    EvaluasiAkip,
    Jawaban,
    JenisJawaban,
    KomponenSkema,
    KriteriaSkema,
    LembarKerja,
    NilaiKomponen,
    PutaranEvaluasi,
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
    kriteria: KriteriaSkema | None = None,
    tindak_lanjut: str = "",
    status: str | None = None,
    penanggung_jawab: UnitKerja | None = None,
    batas_waktu: dt.date | None = None,
    urutan: int | None = None,
    impor: bool = False,
) -> Rekomendasi:
    """Create (rekomendasi None) or change a recommendation of the LHE, per component or per criterion:
    evaluators and admin pemda only.

    The status is kept unless given. "Sudah" is reached through ``terima_tindak_lanjut`` (evidence accepted by
    the evaluator); only an import of a published LHE (``impor``) records it directly, as the report printed it.
    """
    izin.require_score(by, evaluasi.unit_kerja)
    if rekomendasi is None:
        rekomendasi = Rekomendasi(evaluasi=evaluasi)
        if urutan is None:
            urutan = evaluasi.rekomendasi.count() + 1
    elif rekomendasi.evaluasi_id != evaluasi.pk:
        raise ValidationError("Rekomendasi bukan milik evaluasi ini.")
    if status is not None and status != rekomendasi.status:
        if status == Rekomendasi.Status.SUDAH and not impor:
            raise ValidationError(
                {"status": "Status Sudah diberikan saat evaluator menerima bukti tindak lanjut unit."}
            )
        rekomendasi.status = status
    if kriteria is not None and kriteria.komponen.skema_id != evaluasi.skema_id:
        raise ValidationError({"kriteria": "Kriteria bukan bagian dari skema evaluasi ini."})
    if kriteria is not None and komponen is None:
        komponen = kriteria.komponen.induk or kriteria.komponen
    rekomendasi.uraian = uraian
    rekomendasi.komponen = komponen
    rekomendasi.kriteria = kriteria
    rekomendasi.tindak_lanjut = tindak_lanjut
    rekomendasi.penanggung_jawab = penanggung_jawab
    rekomendasi.batas_waktu = batas_waktu
    if urutan is not None:
        rekomendasi.urutan = urutan
    _save(rekomendasi, by)
    return rekomendasi


@transaction.atomic
def save_tindak_lanjut(
    *,
    rekomendasi: Rekomendasi,
    tindak_lanjut: str,
    status: str = Rekomendasi.Status.BELUM,
    by: Pengguna,
    berkas_nama: str = "",
    berkas_isi: bytes | None = None,
) -> Rekomendasi:
    """The unit's follow-up: text, an evidence file, and either kept as a draft (Belum) or submitted to the
    evaluator (Diajukan). Submitting needs the text and an evidence file; "Sudah" is the evaluator's to give."""
    izin.require_follow_up(by, rekomendasi)
    if status == Rekomendasi.Status.SUDAH:
        raise ValidationError(
            {
                "status": "Tindak lanjut ditandai Sudah hanya setelah evaluator menerima buktinya. Ajukan dahulu."
            }
        )
    if status not in (Rekomendasi.Status.BELUM, Rekomendasi.Status.DIAJUKAN):
        raise ValidationError({"status": "Status tidak dikenal."})
    if berkas_isi is not None:
        from sakip.pengukuran import services as pengukuran_services

        rekomendasi.dokumen_tindak_lanjut = pengukuran_services.upload_data_dukung(
            unit=rekomendasi.unit_penanggung_jawab(),
            nama=berkas_nama,
            isi=berkas_isi,
            keterangan=f"Bukti tindak lanjut rekomendasi {rekomendasi.urutan}",
            by=by,
        )
    if status == Rekomendasi.Status.DIAJUKAN:
        if not tindak_lanjut.strip():
            raise ValidationError({"tindak_lanjut": "Uraikan tindak lanjutnya sebelum mengajukan."})
        if rekomendasi.dokumen_tindak_lanjut_id is None:
            raise ValidationError({"berkas": "Lampirkan bukti tindak lanjut sebelum mengajukan."})
    rekomendasi.tindak_lanjut = tindak_lanjut
    rekomendasi.status = status
    _save(rekomendasi, by)
    return rekomendasi


@transaction.atomic
def terima_tindak_lanjut(*, rekomendasi: Rekomendasi, by: Pengguna, catatan: str = "") -> Rekomendasi:
    """The evaluator accepts the submitted follow-up and its evidence: only now it is "Sudah"."""
    izin.require_score(by, rekomendasi.evaluasi.unit_kerja)
    if rekomendasi.dokumen_tindak_lanjut_id is None or not rekomendasi.tindak_lanjut.strip():
        raise ValidationError("Tindak lanjut tanpa bukti tidak dapat ditandai Sudah.")
    if rekomendasi.status != Rekomendasi.Status.DIAJUKAN:
        raise ValidationError("Hanya tindak lanjut yang sudah diajukan unit yang dapat diterima.")
    rekomendasi.status = Rekomendasi.Status.SUDAH
    rekomendasi.catatan_evaluator = catatan
    _save(rekomendasi, by)
    return rekomendasi


@transaction.atomic
def kembalikan_tindak_lanjut(*, rekomendasi: Rekomendasi, catatan: str, by: Pengguna) -> Rekomendasi:
    """The evaluator returns the submitted follow-up to the unit (Belum) with a note."""
    izin.require_score(by, rekomendasi.evaluasi.unit_kerja)
    if rekomendasi.status != Rekomendasi.Status.DIAJUKAN:
        raise ValidationError("Hanya tindak lanjut yang sudah diajukan unit yang dapat dikembalikan.")
    if not catatan.strip():
        raise ValidationError({"catatan": "Tuliskan alasan pengembalian."})
    rekomendasi.status = Rekomendasi.Status.BELUM
    rekomendasi.catatan_evaluator = catatan.strip()
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
    # Parents first, explicitly: NULLs sort first on SQLite but last on PostgreSQL.
    komponen_asal = list(skema.komponen.filter(induk__isnull=True).order_by("urutan"))
    komponen_asal += list(skema.komponen.filter(induk__isnull=False).order_by("urutan"))
    for k in komponen_asal:
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
    if kriteria.jawaban.exists():
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


# --- evaluation rounds and worksheets (LKE) -----------------------------------------------------------------------------


@transaction.atomic
def buka_putaran(
    *,
    pemda: Pemda,
    tahun: int,
    unit_kerja: Sequence[UnitKerja],
    by: Pengguna,
    skema: SkemaEvaluasi | None = None,
    nama: str = "",
    lembaga: str = "",
    tingkat_reviu: Sequence[str] | None = None,
    mandiri_mulai: dt.date | None = None,
    mandiri_selesai: dt.date | None = None,
    reviu_selesai: dt.date | None = None,
    penilaian_selesai: dt.date | None = None,
    publikasi: dt.date | None = None,
) -> PutaranEvaluasi:
    """Open a round for the year with one worksheet per unit, pre-filled from the product's data."""
    if not izin.can_open_round(by, pemda.pk):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) atau admin pemda yang dapat membuka putaran evaluasi."
        )
    skema = skema or skema_untuk_tahun(pemda, tahun)
    if skema is None:
        raise ValidationError({"skema": f"Pilih skema evaluasi (belum ada skema untuk tahun {tahun})."})
    if not KriteriaSkema.objects.filter(komponen__skema=skema).exists():
        raise ValidationError({"skema": "Skema ini belum memiliki kriteria LKE; pilih skema berkriteria."})
    if not unit_kerja:
        raise ValidationError({"unit_kerja": "Pilih paling sedikit satu unit kerja."})
    lain = [u.nama for u in unit_kerja if u.pemda_id != pemda.pk]
    if lain:
        raise ValidationError({"unit_kerja": f"Unit bukan bagian dari pemda ini: {', '.join(lain)}."})
    putaran = PutaranEvaluasi(
        pemda=pemda,
        tahun=tahun,
        skema=skema,
        nama=nama.strip() or f"Evaluasi AKIP {tahun}",
        lembaga=lembaga,
        tingkat_reviu=[
            t.strip() for t in (tingkat_reviu or ["Verifikator", "Penjamin Kualitas", "Penilai"]) if t.strip()
        ],
        mandiri_mulai=mandiri_mulai,
        mandiri_selesai=mandiri_selesai,
        reviu_selesai=reviu_selesai,
        penilaian_selesai=penilaian_selesai,
        publikasi=publikasi,
        dibuat_oleh=by,
    )
    _save(putaran, by)
    for unit in unit_kerja:
        lembar = LembarKerja(putaran=putaran, unit_kerja=unit)
        _save(lembar, by)
        isi_otomatis(lembar=lembar, by=by, periksa_izin=False)
    return putaran


def _kriteria_skema(skema_id: int) -> list[KriteriaSkema]:
    return list(
        KriteriaSkema.objects.filter(komponen__skema_id=skema_id)
        .select_related("komponen")
        .prefetch_related("bukti")
        .order_by("komponen__urutan", "urutan", "pk")
    )


@transaction.atomic
def isi_otomatis(*, lembar: LembarKerja, by: Pengguna, periksa_izin: bool = True) -> int:
    """Self-assessment answers the product's data proves ('Y' with the proving record); never overwrites an answer
    the unit gave. Returns how many answers were filled or refreshed (an unchanged one is not rewritten)."""
    from sakip.evaluasi import sumber

    if periksa_izin and not izin.can_self_assess(by, lembar.unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengisi penilaian mandiri unit ini.")
    tahun = lembar.putaran.tahun
    hasil: dict[str, sumber.Bukti | None] = {}
    terisi = 0
    for kriteria in _kriteria_skema(lembar.putaran.skema_id):
        sasaran = [(None, kriteria.cek_otomatis)] + [(b, b.cek_otomatis) for b in kriteria.bukti.all()]
        for bukti, kode in sasaran:
            if not kode:
                continue
            if bukti is None and kriteria.dinilai_per == KriteriaSkema.DinilaiPer.BUKTI:
                continue
            if kode not in hasil:
                hasil[kode] = sumber.cek(kode, lembar.unit_kerja, tahun)
            bukti_cek = hasil[kode]
            if bukti_cek is None or not bukti_cek.benar:
                continue
            ada = Jawaban.objects.filter(lembar=lembar, kriteria=kriteria, bukti=bukti, tingkat=0).first()
            if ada is not None and ada.jawaban and not ada.otomatis:
                continue
            ya = _jawaban_tertinggi(lembar.putaran.skema, kriteria.jenis_jawaban)
            if ada is not None and (ada.jawaban, ada.sumber_label, ada.sumber_url) == (
                ya,
                bukti_cek.label[:255],
                bukti_cek.url,
            ):
                continue
            obj = ada or Jawaban(lembar=lembar, kriteria=kriteria, bukti=bukti, tingkat=0)
            obj.jawaban, obj.otomatis = ya, True
            obj.sumber_label, obj.sumber_url = bukti_cek.label[:255], bukti_cek.url
            _save(obj, by)
            terisi += 1
    return terisi


def _jawaban_tertinggi(skema: SkemaEvaluasi, jenis: str) -> str:
    skala = skema.skala().get(jenis, {})
    return max(skala, key=lambda j: skala[j]) if skala else "Y"


def _boleh_mandiri(lembar: LembarKerja, by: Pengguna) -> None:
    if not izin.can_self_assess(by, lembar.unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengisi penilaian mandiri unit ini.")
    if lembar.status not in (LembarKerja.Status.MANDIRI, LembarKerja.Status.DIKEMBALIKAN):
        raise ValidationError(
            "Lembar kerja sedang direviu atau sudah dinilai; penilaian mandiri tidak dapat diubah."
        )


def _boleh_reviu(lembar: LembarKerja, by: Pengguna) -> None:
    if not izin.can_review(by, lembar.unit_kerja):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) atau admin pemda yang dapat mereviu lembar kerja."
        )
    if lembar.status != LembarKerja.Status.REVIU:
        raise ValidationError("Lembar kerja tidak sedang dalam tahap reviu.")


@dataclass(frozen=True)
class JawabanBaru:
    """One answer from a worksheet form: the criterion, the evidence item (None: the criterion), answer, note."""

    kriteria_id: int
    bukti_id: int | None
    jawaban: str
    catatan: str = ""


@transaction.atomic
def simpan_jawaban(*, lembar: LembarKerja, tingkat: int, jawaban: Sequence[JawabanBaru], by: Pengguna) -> int:
    """Save answers of one tier (0: self-assessment by the unit; the current review tier by a reviewer).

    Every answer is checked against its criterion's scale first; one bad answer saves nothing. Returns the number
    of answers changed (unchanged ones are not rewritten, so the history shows real changes only)."""
    if tingkat == 0:
        _boleh_mandiri(lembar, by)
    else:
        _boleh_reviu(lembar, by)
        if tingkat != lembar.tahap:
            raise ValidationError(
                f"Lembar kerja sedang di tahap {lembar.nama_tahap}; jawaban tingkat lain ditolak."
            )
    kriteria = {k.pk: k for k in _kriteria_skema(lembar.putaran.skema_id)}
    skala = lembar.putaran.skema.skala()
    errors: list[str] = []
    for j in jawaban:
        k = kriteria.get(j.kriteria_id)
        if k is None:
            errors.append("Kriteria bukan bagian dari skema putaran ini.")
            continue
        bukti_ids = {b.pk for b in k.bukti.all()}
        if k.dinilai_per == KriteriaSkema.DinilaiPer.BUKTI and bukti_ids:
            if j.bukti_id not in bukti_ids:
                errors.append(f"Kriteria {k.kode} dinilai per bukti dukung; pilih bukti dukungnya.")
        elif j.bukti_id is not None:
            errors.append(f"Kriteria {k.kode} dinilai per kriteria.")
        if j.jawaban and j.jawaban not in skala.get(k.jenis_jawaban, {}):
            pilihan = ", ".join(skala.get(k.jenis_jawaban, {}))
            errors.append(
                f"Jawaban '{j.jawaban}' untuk {k.kode} tidak ada pada skala {k.jenis_jawaban} ({pilihan})."
            )
    if errors:
        raise ValidationError(errors)
    lama = {(a.kriteria_id, a.bukti_id): a for a in Jawaban.objects.filter(lembar=lembar, tingkat=tingkat)}
    berubah = 0
    for j in jawaban:
        obj = lama.get((j.kriteria_id, j.bukti_id))
        if obj is not None and obj.jawaban == j.jawaban and obj.catatan == j.catatan:
            continue
        if obj is None:
            if not j.jawaban and not j.catatan:
                continue
            obj = Jawaban(lembar=lembar, kriteria_id=j.kriteria_id, bukti_id=j.bukti_id, tingkat=tingkat)
        if obj.jawaban != j.jawaban:
            obj.otomatis, obj.sumber_label, obj.sumber_url = False, "", ""
        obj.jawaban, obj.catatan = j.jawaban, j.catatan
        _save(obj, by)
        berubah += 1
    return berubah


@transaction.atomic
def ajukan_lembar(*, lembar: LembarKerja, by: Pengguna) -> LembarKerja:
    """The unit submits its self-assessment (first submission or after a return) to the review tier."""
    _boleh_mandiri(lembar, by)
    if not Jawaban.objects.filter(lembar=lembar, tingkat=0).exclude(jawaban="").exists():
        raise ValidationError("Isi paling sedikit satu jawaban penilaian mandiri sebelum mengajukan.")
    pertama = lembar.status == LembarKerja.Status.MANDIRI
    lembar.status = LembarKerja.Status.REVIU
    if pertama:
        lembar.tahap = 1
        _salin_tingkat(lembar, dari=0, ke=1, by=by)
    else:
        # The returned answers go back to the tier that returned them, carrying the unit's fixes.
        _salin_tingkat(lembar, dari=0, ke=lembar.tahap, by=by, timpa_dari_mandiri=True)
    _save(lembar, by)
    CatatanReviu.objects.filter(lembar=lembar, selesai=False).update(selesai=True)
    return lembar


def _salin_tingkat(
    lembar: LembarKerja, *, dari: int, ke: int, by: Pengguna, timpa_dari_mandiri: bool = False
) -> None:
    """Start tier ``ke`` from the answers of tier ``dari``; a reviewer's own answers are kept, except those the unit
    changed after a return (``timpa_dari_mandiri``)."""
    sumber_ = {(a.kriteria_id, a.bukti_id): a for a in Jawaban.objects.filter(lembar=lembar, tingkat=dari)}
    tujuan = {(a.kriteria_id, a.bukti_id): a for a in Jawaban.objects.filter(lembar=lembar, tingkat=ke)}
    terbuka = CatatanReviu.objects.filter(lembar=lembar, selesai=False)
    semua = terbuka.filter(kriteria__isnull=True).exists()
    dikembalikan = set(terbuka.filter(kriteria__isnull=False).values_list("kriteria_id", flat=True))
    for kunci, a in sumber_.items():
        ada = tujuan.get(kunci)
        if ada is None:
            _save(
                Jawaban(
                    lembar=lembar,
                    kriteria_id=a.kriteria_id,
                    bukti_id=a.bukti_id,
                    tingkat=ke,
                    jawaban=a.jawaban,
                ),
                by,
            )
        elif timpa_dari_mandiri and (semua or a.kriteria_id in dikembalikan) and ada.jawaban != a.jawaban:
            ada.jawaban = a.jawaban
            _save(ada, by)


@transaction.atomic
def kembalikan_lembar(
    *, lembar: LembarKerja, catatan: str, by: Pengguna, kriteria: KriteriaSkema | None = None
) -> CatatanReviu:
    """A reviewer returns the worksheet (or one criterion of it) to the unit with a note the unit sees."""
    _boleh_reviu(lembar, by)
    if not catatan.strip():
        raise ValidationError({"catatan": "Tuliskan catatan pengembalian untuk unit."})
    if kriteria is not None and kriteria.komponen.skema_id != lembar.putaran.skema_id:
        raise ValidationError({"kriteria": "Kriteria bukan bagian dari skema putaran ini."})
    obj = CatatanReviu(
        lembar=lembar, kriteria=kriteria, tingkat=lembar.tahap, catatan=catatan.strip(), oleh=by
    )
    _save(obj, by)
    lembar.status = LembarKerja.Status.DIKEMBALIKAN
    _save(lembar, by)
    return obj


@transaction.atomic
def teruskan_lembar(*, lembar: LembarKerja, by: Pengguna) -> LembarKerja:
    """The current review tier is done: on to the next tier, or, after the last, the final score (``tetapkan``)."""
    _boleh_reviu(lembar, by)
    jumlah = len(lembar.putaran.tingkat_reviu)
    if lembar.tahap >= jumlah:
        return tetapkan_nilai(lembar=lembar, by=by)
    _salin_tingkat(lembar, dari=lembar.tahap, ke=lembar.tahap + 1, by=by)
    lembar.tahap += 1
    _save(lembar, by)
    return lembar


def jawaban_tingkat(lembar: LembarKerja, tingkat: int) -> dict[str, dict[int | None, str]]:
    """The answers of one tier as the pure scoring expects them: criterion kode -> evidence index (or None)."""
    kriteria = _kriteria_skema(lembar.putaran.skema_id)
    indeks = {b.pk: i for k in kriteria for i, b in enumerate(k.bukti.all())}
    kode = {k.pk: k.kode for k in kriteria}
    hasil: dict[str, dict[int | None, str]] = {}
    for a in Jawaban.objects.filter(lembar=lembar, tingkat=tingkat).exclude(jawaban=""):
        if a.kriteria_id not in kode:
            continue
        hasil.setdefault(kode[a.kriteria_id], {})[indeks.get(a.bukti_id) if a.bukti_id else None] = a.jawaban
    return hasil


def data_skema(skema: SkemaEvaluasi) -> tuple[list[lke.SubKomponen], list[lke.Kriteria]]:
    """The scheme as the pure scoring module takes it."""
    skala = skema.skala()
    sub = [
        lke.SubKomponen(kode=k.kode, nama=k.nama, bobot=k.bobot or Decimal(0), komponen=k.induk.kode)
        for k in skema.komponen.select_related("induk").filter(induk__isnull=False)
    ]
    kriteria = [
        lke.Kriteria(
            kode=k.kode,
            sub=k.komponen.kode,
            jenis_jawaban=k.jenis_jawaban,
            dinilai_per=k.dinilai_per,
            bukti=tuple(lke.Bukti(nama=b.nama, jenis_dokumen=b.jenis_dokumen) for b in k.bukti.all()),
            skala=skala.get(k.jenis_jawaban, {}),
        )
        for k in _kriteria_skema(skema.pk)
    ]
    return sub, kriteria


def hasil_lembar(lembar: LembarKerja, tingkat: int) -> lke.HasilLke:
    """Scores of the worksheet from the answers of one tier (0: self-assessment; the last tier: final)."""
    sub, kriteria = data_skema(lembar.putaran.skema)
    return lke.hitung(sub, kriteria, jawaban_tingkat(lembar, tingkat))


@transaction.atomic
def tetapkan_nilai(*, lembar: LembarKerja, by: Pengguna) -> LembarKerja:
    """The last tier's answers become the unit's LHE: its sub-component scores are written to the evaluation of
    the unit and year (EvaluasiAkip), which the LHE pages, the history table and the LKjIP read."""
    _boleh_reviu(lembar, by)
    if lembar.tahap != len(lembar.putaran.tingkat_reviu):
        raise ValidationError("Nilai ditetapkan pada tingkat reviu terakhir.")
    putaran = lembar.putaran
    hasil = hasil_lembar(lembar, lembar.tahap)
    evaluasi = (
        lembar.evaluasi
        or EvaluasiAkip.objects.filter(unit_kerja=lembar.unit_kerja, tahun=putaran.tahun).first()
    )
    if evaluasi is None:
        evaluasi = create_evaluasi(
            unit_kerja=lembar.unit_kerja,
            tahun=putaran.tahun,
            skema=putaran.skema,
            lembaga=putaran.lembaga,
            by=by,
        )
    elif evaluasi.skema_id != putaran.skema_id:
        raise ValidationError(
            f"Unit ini sudah memiliki LHE tahun {putaran.tahun} dengan skema lain ({evaluasi.skema}); "
            "hapus atau ubah LHE tersebut dahulu."
        )
    # The LHE stores points with 6 decimals (NilaiKomponen); a mean of thirds is rounded half-up there only.
    enam = Decimal("0.000001")
    save_nilai(
        evaluasi=evaluasi,
        nilai_baru={kode: n.quantize(enam, rounding=ROUND_HALF_UP) for kode, n in hasil.sub.items()},
        by=by,
    )
    lembar.evaluasi = evaluasi
    lembar.status = LembarKerja.Status.DINILAI
    _save(lembar, by)
    return lembar


# --- evidence on a worksheet ----------------------------------------------------------------------------------------


def _bukti_skema(kriteria: KriteriaSkema, bukti_skema_id: int | None) -> BuktiSkema | None:
    if bukti_skema_id is None:
        return None
    bukti = kriteria.bukti.filter(pk=bukti_skema_id).first()
    if bukti is None:
        raise ValidationError({"bukti_skema": "Bukti dukung bukan bagian dari kriteria ini."})
    return bukti


def _kriteria_lembar(lembar: LembarKerja, kriteria: KriteriaSkema) -> None:
    if kriteria.komponen.skema_id != lembar.putaran.skema_id:
        raise ValidationError("Kriteria bukan bagian dari skema putaran ini.")


@transaction.atomic
def unggah_bukti(
    *,
    lembar: LembarKerja,
    kriteria: KriteriaSkema,
    nama: str,
    isi: bytes,
    by: Pengguna,
    bukti_skema_id: int | None = None,
) -> BuktiLembar:
    """Upload a file as evidence of a criterion; the same file is stored once per unit and can be reused."""
    from django.urls import reverse

    from sakip.pengukuran import services as pengukuran_services

    _boleh_mandiri(lembar, by)
    _kriteria_lembar(lembar, kriteria)
    bukti = _bukti_skema(kriteria, bukti_skema_id)
    dokumen = pengukuran_services.upload_data_dukung(
        unit=lembar.unit_kerja, nama=nama, isi=isi, keterangan=f"Bukti LKE {kriteria.kode}", by=by
    )
    obj = BuktiLembar(
        lembar=lembar,
        kriteria=kriteria,
        bukti_skema=bukti,
        dokumen=dokumen,
        sumber_jenis=bukti.jenis_dokumen if bukti else "lain",
        sumber_id=dokumen.pk,
        label=dokumen.nama_asli[:255],
        url=reverse("pengukuran:unduh", args=[dokumen.pk]),
        dilampirkan_oleh=by,
    )
    _save(obj, by)
    return obj


@transaction.atomic
def pilih_bukti(
    *,
    lembar: LembarKerja,
    kriteria: KriteriaSkema,
    kunci: Sequence[str],
    by: Pengguna,
    bukti_skema_id: int | None = None,
) -> list[BuktiLembar]:
    """Attach records the product already holds (keys 'jenis:id' from ``sumber.sumber_untuk``) as evidence;
    only the unit's own records for the round's year are accepted, each once per criterion."""
    from sakip.evaluasi import sumber

    _boleh_mandiri(lembar, by)
    _kriteria_lembar(lembar, kriteria)
    bukti = _bukti_skema(kriteria, bukti_skema_id)
    tersedia = {s.kunci: s for s in sumber.sumber_untuk(lembar.unit_kerja, lembar.putaran.tahun)}
    asing = [k for k in kunci if k not in tersedia]
    if asing or not kunci:
        raise ValidationError({"kunci": "Pilih dokumen dari daftar dokumen unit ini."})
    hasil = []
    for k in kunci:
        s = tersedia[k]
        ada = BuktiLembar.objects.filter(
            lembar=lembar, kriteria=kriteria, bukti_skema=bukti, sumber_jenis=s.jenis, sumber_id=s.id
        ).first()
        if ada is not None:
            hasil.append(ada)
            continue
        obj = BuktiLembar(
            lembar=lembar,
            kriteria=kriteria,
            bukti_skema=bukti,
            dokumen_id=s.dokumen_id,
            sumber_jenis=s.jenis,
            sumber_id=s.id,
            label=s.label[:255],
            url=s.url,
            dilampirkan_oleh=by,
        )
        _save(obj, by)
        hasil.append(obj)
    return hasil


@transaction.atomic
def lepas_bukti(*, bukti: BuktiLembar, by: Pengguna) -> None:
    _boleh_mandiri(bukti.lembar, by)
    bukti._history_user = by
    bukti.delete()
