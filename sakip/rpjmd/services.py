"""Writes of the RPJMD, its cascade links and individual PK: validated, in one transaction, with the author in the
audit trail (django-simple-history)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan import satuan as satuan_mod
from sakip.perencanaan.models import Indikator, Sasaran, satuan_pemda
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    IndikatorIndividu,
    Misi,
    PKIndividu,
    PKKepalaDaerah,
    PKKepalaDaerahIndikator,
    Rpjmd,
    RpjmdVersi,
    SasaranDaerah,
    TargetDaerah,
    TujuanDaerah,
)


def _simpan(obj: models.Model, by: Pengguna | None) -> None:
    obj.full_clean()
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    obj.save()


def _hapus(obj: models.Model, by: Pengguna | None) -> None:
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    obj.delete()


def _isi(obj: models.Model, nilai: dict[str, Any]) -> None:
    for nama, v in nilai.items():
        setattr(obj, nama, v)


def periksa_satuan(*, pemda_id: int, satuan: str, kolom: str = "satuan") -> None:
    """The satuan must be on the project's list (the shipped vocabulary, the pemda's own, or one already used)."""
    tambahan = satuan_pemda(pemda_id)
    if not satuan_mod.dikenal(satuan, tambahan):
        raise ValidationError({kolom: satuan_mod.pesan_tidak_dikenal(satuan, tambahan)})


# --- RPJMD ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_rpjmd(*, pemda: Pemda, by: Pengguna, rpjmd: Rpjmd | None = None, **nilai: Any) -> Rpjmd:
    """Create or change the RPJMD header (nama, period, kepala daerah, dasar hukum, visi)."""
    if rpjmd is None:
        rpjmd = Rpjmd(pemda=pemda)
    elif {"tahun_mulai", "tahun_selesai"} & set(nilai):
        baru_mulai = nilai.get("tahun_mulai", rpjmd.tahun_mulai)
        baru_selesai = nilai.get("tahun_selesai", rpjmd.tahun_selesai)
        luar = TargetDaerah.objects.filter(indikator__rpjmd=rpjmd).exclude(
            tahun__gte=baru_mulai, tahun__lte=baru_selesai
        )
        if luar.exists():
            raise ValidationError(
                {
                    "tahun_selesai": "Masih ada target di luar periode baru; hapus dahulu target tahun tersebut."
                }
            )
    _isi(rpjmd, nilai)
    if Rpjmd.objects.filter(pemda=pemda, tahun_mulai=rpjmd.tahun_mulai).exclude(pk=rpjmd.pk).exists():
        raise ValidationError({"tahun_mulai": f"Pemda ini sudah memiliki RPJMD mulai {rpjmd.tahun_mulai}."})
    _simpan(rpjmd, by)
    return rpjmd


def _kode_unik(model: type[models.Model], rpjmd: Rpjmd, kode: str, obj: models.Model | None) -> None:
    if model.objects.filter(rpjmd=rpjmd, kode=kode).exclude(pk=getattr(obj, "pk", None)).exists():  # type: ignore[attr-defined]
        raise ValidationError({"kode": f"Kode '{kode}' sudah dipakai di RPJMD ini."})


@transaction.atomic
def simpan_misi(*, rpjmd: Rpjmd, by: Pengguna, misi: Misi | None = None, **nilai: Any) -> Misi:
    misi = misi or Misi(rpjmd=rpjmd, urutan=rpjmd.misi.count() + 1)
    _isi(misi, nilai)
    _kode_unik(Misi, rpjmd, misi.kode, misi)
    _simpan(misi, by)
    return misi


@transaction.atomic
def simpan_tujuan(
    *, rpjmd: Rpjmd, by: Pengguna, tujuan: TujuanDaerah | None = None, **nilai: Any
) -> TujuanDaerah:
    tujuan = tujuan or TujuanDaerah(rpjmd=rpjmd, urutan=rpjmd.tujuan.count() + 1)
    _isi(tujuan, nilai)
    _kode_unik(TujuanDaerah, rpjmd, tujuan.kode, tujuan)
    _simpan(tujuan, by)
    return tujuan


@transaction.atomic
def simpan_sasaran(
    *, rpjmd: Rpjmd, by: Pengguna, sasaran: SasaranDaerah | None = None, **nilai: Any
) -> SasaranDaerah:
    sasaran = sasaran or SasaranDaerah(rpjmd=rpjmd, urutan=rpjmd.sasaran.count() + 1)
    _isi(sasaran, nilai)
    _kode_unik(SasaranDaerah, rpjmd, sasaran.kode, sasaran)
    _simpan(sasaran, by)
    return sasaran


Nilai = Decimal | str | None  # a number, or a level of the indicator's predikat scale


@transaction.atomic
def simpan_indikator(
    *,
    rpjmd: Rpjmd,
    by: Pengguna,
    indikator: IndikatorDaerah | None = None,
    target: dict[int, tuple[Nilai, Nilai]] | None = None,
    **nilai: Any,
) -> IndikatorDaerah:
    """An RPJMD indicator and, when given, its (target, realisasi) per year; a year given as (None, None) is removed.
    A predikat indicator's values are levels of its scale (text), a numeric one's numbers."""
    indikator = indikator or IndikatorDaerah(rpjmd=rpjmd, urutan=rpjmd.indikator.count() + 1)
    _isi(indikator, nilai)
    _kode_unik(IndikatorDaerah, rpjmd, indikator.kode, indikator)
    periksa_satuan(pemda_id=rpjmd.pemda_id, satuan=indikator.satuan)
    _simpan(indikator, by)
    for tahun, (nilai_target, nilai_realisasi) in (target or {}).items():
        simpan_target(indikator=indikator, tahun=tahun, target=nilai_target, realisasi=nilai_realisasi, by=by)
    # A change of kind (number <-> predikat) must not leave a year with a value of the other kind.
    sisa = TargetDaerah.objects.filter(indikator=indikator)
    salah = (
        sisa.filter(models.Q(target__isnull=False) | models.Q(realisasi__isnull=False))
        if indikator.is_predikat
        else sisa.exclude(target_predikat="", realisasi_predikat="")
    )
    tahun_salah = sorted(salah.values_list("tahun", flat=True))
    if tahun_salah:
        jenis = "tingkatan predikat" if indikator.is_predikat else "angka"
        raise ValidationError(
            {
                "jenis": "Jenis target diubah: isi ulang target/realisasi tahun "
                f"{', '.join(map(str, tahun_salah))} sebagai {jenis}, atau kosongkan."
            }
        )
    return indikator


def _pisah(indikator: IndikatorDaerah, nama: str, nilai: Nilai) -> tuple[Decimal | None, str]:
    """A value as (number, predikat) for the indicator's kind; the wrong kind is refused with a message."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None, ""
    if indikator.is_predikat:
        if not isinstance(nilai, str):
            skala = ", ".join(indikator.skala_predikat)
            raise ValidationError({nama: f"Isikan tingkatan skala predikat ({skala}), bukan angka."})
        return None, nilai.strip()
    if isinstance(nilai, str):
        raise ValidationError({nama: f"{nama.capitalize()} indikator ini berupa angka, bukan '{nilai}'."})
    return nilai, ""


@transaction.atomic
def simpan_target(
    *, indikator: IndikatorDaerah, tahun: int, target: Nilai, realisasi: Nilai, by: Pengguna
) -> TargetDaerah | None:
    """The target and realisasi of a year; both empty removes the year. An unchanged row is not written again."""
    target_angka, target_predikat = _pisah(indikator, "target", target)
    realisasi_angka, realisasi_predikat = _pisah(indikator, "realisasi", realisasi)
    ada = TargetDaerah.objects.filter(indikator=indikator, tahun=tahun).first()
    if target_angka is None and realisasi_angka is None and not target_predikat and not realisasi_predikat:
        if ada is not None:
            _hapus(ada, by)
        return None
    baris = ada or TargetDaerah(indikator=indikator, tahun=tahun)
    baru = (target_angka, realisasi_angka, target_predikat, realisasi_predikat)
    if ada is not None and (ada.target, ada.realisasi, ada.target_predikat, ada.realisasi_predikat) == baru:
        return ada
    baris.target, baris.realisasi, baris.target_predikat, baris.realisasi_predikat = baru
    baris.indikator = indikator
    _simpan(baris, by)
    return baris


@transaction.atomic
def hapus_elemen(*, obj: models.Model, by: Pengguna) -> None:
    """Remove a misi, tujuan, sasaran or indicator of the RPJMD; refused while something still hangs below it."""
    if isinstance(obj, Misi) and obj.tujuan.exists():
        raise ValidationError("Misi masih memiliki tujuan; pindahkan atau hapus tujuannya dahulu.")
    if isinstance(obj, TujuanDaerah) and (obj.sasaran.exists() or obj.indikator.exists()):
        raise ValidationError("Tujuan masih memiliki sasaran atau indikator.")
    if isinstance(obj, SasaranDaerah) and obj.indikator.exists():
        raise ValidationError("Sasaran masih memiliki indikator.")
    if isinstance(obj, SasaranDaerah | IndikatorDaerah) and obj.dukungan.exists():
        raise ValidationError("Masih ada sasaran/indikator perangkat daerah yang mendukungnya; lepas dahulu.")
    if isinstance(obj, IndikatorDaerah) and obj.pk_kepala_daerah.exists():
        tahun = sorted(set(obj.pk_kepala_daerah.values_list("pk_kepala_daerah__tahun", flat=True)))
        raise ValidationError(
            f"Indikator ini tercantum pada PK kepala daerah tahun {', '.join(map(str, tahun))}; tidak dapat dihapus."
        )
    _hapus(obj, by)


def isi_rpjmd(rpjmd: Rpjmd) -> dict[str, Any]:
    """The whole content of an RPJMD as plain data (kept as a version before a change; read by the version page)."""
    target: dict[int, list[dict[str, Any]]] = {}
    for t in TargetDaerah.objects.filter(indikator__rpjmd=rpjmd).order_by("tahun"):
        target.setdefault(t.indikator_id, []).append(
            {
                "tahun": t.tahun,
                "target": t.target_predikat or _teks(t.target),
                "realisasi": t.realisasi_predikat or _teks(t.realisasi),
            }
        )
    return {
        "nama": rpjmd.nama,
        "tahun_mulai": rpjmd.tahun_mulai,
        "tahun_selesai": rpjmd.tahun_selesai,
        "kepala_daerah": rpjmd.kepala_daerah,
        "dasar_hukum": rpjmd.dasar_hukum,
        "visi": rpjmd.visi,
        "misi": [{"kode": m.kode, "uraian": m.uraian} for m in rpjmd.misi.all()],
        "tujuan": [
            {"kode": t.kode, "uraian": t.uraian, "misi": t.misi.kode if t.misi_id else ""}
            for t in rpjmd.tujuan.select_related("misi")
        ],
        "sasaran": [
            {
                "kode": s.kode,
                "uraian": s.uraian,
                "tujuan": s.tujuan.kode,
                "strategi": s.strategi,
                "arah_kebijakan": s.arah_kebijakan,
                "penanggung_jawab": s.penanggung_jawab.kode if s.penanggung_jawab_id else "",
            }
            for s in rpjmd.sasaran.select_related("tujuan", "penanggung_jawab")
        ],
        "indikator": [
            {
                "kode": i.kode,
                "nama": i.nama,
                "induk": i.sasaran.kode if i.sasaran_id else i.tujuan.kode,
                "satuan": i.satuan,
                "polaritas": i.polaritas,
                "jenis": i.jenis,
                "skala_predikat": list(i.skala_predikat),
                "iku": i.is_iku,
                "kondisi_awal": i.kondisi_awal_teks or _teks(i.kondisi_awal),
                "kondisi_akhir": i.kondisi_akhir_teks or _teks(i.kondisi_akhir),
                "target": target.get(i.pk, []),
            }
            for i in rpjmd.indikator.select_related("sasaran", "tujuan")
        ],
    }


def _teks(nilai: Decimal | None) -> str:
    return "" if nilai is None else format(nilai.normalize(), "f")


@transaction.atomic
def mulai_perubahan(*, rpjmd: Rpjmd, alasan: str, by: Pengguna) -> RpjmdVersi:
    """Begin an RPJMD Perubahan: the current content is kept as a version with the reason, the number goes up."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan perubahan wajib diisi."})
    rpjmd = Rpjmd.objects.select_for_update().get(pk=rpjmd.pk)
    versi = RpjmdVersi(rpjmd=rpjmd, nomor=rpjmd.versi, alasan=alasan, isi=isi_rpjmd(rpjmd), dibuat_oleh=by)
    versi.full_clean()
    versi.save()
    rpjmd.versi += 1
    _simpan(rpjmd, by)
    return versi


# --- Cascade links --------------------------------------------------------------------------------------------------


@transaction.atomic
def tambah_dukungan(
    *,
    by: Pengguna,
    indikator: Indikator | None = None,
    sasaran: Sasaran | None = None,
    indikator_daerah: IndikatorDaerah | None = None,
    sasaran_daerah: SasaranDaerah | None = None,
) -> Dukungan:
    """A PD's sasaran or indicator supports a sasaran or indicator of the RPJMD of the same pemda, in an overlapping
    period."""
    if (indikator is None) == (sasaran is None):
        raise ValidationError({"indikator": "Pilih tepat satu sasaran atau indikator perangkat daerah."})
    if (indikator_daerah is None) == (sasaran_daerah is None):
        raise ValidationError(
            {"indikator_daerah": "Pilih tepat satu sasaran atau indikator RPJMD yang didukung."}
        )
    sumber: Any = indikator or sasaran
    tujuan: Any = indikator_daerah or sasaran_daerah
    renstra = sumber.renstra
    rpjmd = tujuan.rpjmd
    if renstra.unit_kerja.pemda_id != rpjmd.pemda_id:
        raise ValidationError("Renstra dan RPJMD harus dari pemda yang sama.")
    if renstra.tahun_selesai < rpjmd.tahun_mulai or renstra.tahun_mulai > rpjmd.tahun_selesai:
        raise ValidationError(
            f"Periode Renstra {renstra.tahun_mulai}–{renstra.tahun_selesai} tidak bertemu periode RPJMD "
            f"{rpjmd.tahun_mulai}–{rpjmd.tahun_selesai}."
        )
    sama = Dukungan.objects.filter(
        indikator=indikator, sasaran=sasaran, indikator_daerah=indikator_daerah, sasaran_daerah=sasaran_daerah
    )
    if sama.exists():
        raise ValidationError("Dukungan ini sudah tercatat.")
    dukungan = Dukungan(
        renstra=renstra,
        indikator=indikator,
        sasaran=sasaran,
        indikator_daerah=indikator_daerah,
        sasaran_daerah=sasaran_daerah,
    )
    _simpan(dukungan, by)
    return dukungan


@transaction.atomic
def hapus_dukungan(*, dukungan: Dukungan, by: Pengguna) -> None:
    _hapus(dukungan, by)


# --- Individual PK --------------------------------------------------------------------------------------------------


@transaction.atomic
def simpan_pk_individu(
    *, unit_kerja: UnitKerja, by: Pengguna, pk_individu: PKIndividu | None = None, **nilai: Any
) -> PKIndividu:
    """The PK of one person (name, NIP, jabatan as signed; Plt/Plh marked)."""
    pk_individu = pk_individu or PKIndividu(unit_kerja=unit_kerja)
    _isi(pk_individu, nilai)
    pk_individu.nip = "".join(pk_individu.nip.split())
    if pk_individu.nip and not (pk_individu.nip.isdigit() and len(pk_individu.nip) == 18):
        raise ValidationError({"nip": "NIP terdiri atas 18 angka."})
    sama = PKIndividu.objects.filter(
        unit_kerja=pk_individu.unit_kerja,
        tahun=pk_individu.tahun,
        nip=pk_individu.nip,
        jabatan=pk_individu.jabatan,
    ).exclude(pk=pk_individu.pk)
    if sama.exists():
        raise ValidationError({"jabatan": "PK orang ini untuk jabatan dan tahun tersebut sudah ada."})
    _simpan(pk_individu, by)
    return pk_individu


def indikator_boleh_didukung(unit: UnitKerja) -> Any:
    """Unit indicators a person of `unit` may support: of the Renstra of the unit or of a unit above it, or reported
    by the unit."""
    leluhur = [int(x) for x in unit.jalur.strip("/").split("/") if x]
    return Indikator.objects.filter(
        models.Q(renstra__unit_kerja_id__in=leluhur) | models.Q(penanggung_jawab=unit), sasaran__isnull=False
    )


@transaction.atomic
def simpan_indikator_individu(
    *,
    pk_individu: PKIndividu,
    by: Pengguna,
    indikator: IndikatorIndividu | None = None,
    **nilai: Any,
) -> IndikatorIndividu:
    """An indicator of a person's PK with its target (and realisasi), supporting an indicator of their unit."""
    indikator = indikator or IndikatorIndividu(
        pk_individu=pk_individu, urutan=pk_individu.indikator.count() + 1
    )
    _isi(indikator, nilai)
    periksa_satuan(pemda_id=pk_individu.unit_kerja.pemda_id, satuan=indikator.satuan)
    if (
        indikator.mendukung_id
        and not indikator_boleh_didukung(pk_individu.unit_kerja).filter(pk=indikator.mendukung_id).exists()
    ):
        raise ValidationError(
            {"mendukung": "Indikator yang didukung harus milik Renstra unit ini atau unit di atasnya."}
        )
    _simpan(indikator, by)
    return indikator


@transaction.atomic
def hapus_indikator_individu(*, indikator: IndikatorIndividu, by: Pengguna) -> None:
    _hapus(indikator, by)


# --- PK of the kepala daerah ------------------------------------------------------------------------------------------


@transaction.atomic
def buat_pk_kepala_daerah(*, rpjmd: Rpjmd, tahun: int, by: Pengguna, **nilai: Any) -> PKKepalaDaerah:
    """The year's PK of the kepala daerah, its lines taken from the IKU Pemda with the RPJMD target of the year."""
    if PKKepalaDaerah.objects.filter(rpjmd=rpjmd, tahun=tahun).exists():
        raise ValidationError({"tahun": f"PK kepala daerah tahun {tahun} sudah ada."})
    pk = PKKepalaDaerah(rpjmd=rpjmd, tahun=tahun, **nilai)
    _simpan(pk, by)
    iku = list(rpjmd.indikator.filter(is_iku=True).select_related("sasaran"))
    if not iku:
        raise ValidationError("RPJMD ini belum memiliki IKU Pemda.")
    target = {t.indikator_id: t for t in TargetDaerah.objects.filter(indikator__in=iku, tahun=tahun)}
    for urutan, ind in enumerate(sorted(iku, key=lambda i: (i.urutan, i.kode)), start=1):
        t = target.get(ind.pk)
        baris = PKKepalaDaerahIndikator(
            pk_kepala_daerah=pk,
            indikator_daerah=ind,
            target=t.target if t else None,
            target_predikat=t.target_predikat if t else "",
            urutan=urutan,
        )
        _simpan(baris, by)
    return pk


@transaction.atomic
def ubah_pk_kepala_daerah(
    *, pk: PKKepalaDaerah, by: Pengguna, target: dict[int, Nilai], **nilai: Any
) -> PKKepalaDaerah:
    """Signatory and targets of a draft PK (target keyed by line id: a number, or a level for a predikat IKU); a
    final PK is kept as signed."""
    pk = PKKepalaDaerah.objects.select_for_update().get(pk=pk.pk)
    if pk.status != PKKepalaDaerah.Status.DRAFT:
        raise ValidationError("PK kepala daerah sudah final; tidak dapat diubah.")
    _isi(pk, nilai)
    _simpan(pk, by)
    baris_pk = {b.pk: b for b in pk.indikator.select_related("indikator_daerah")}
    asing = sorted(set(target) - set(baris_pk))
    if asing:
        raise ValidationError(f"Baris {', '.join(map(str, asing))} bukan baris PK ini.")
    for id_baris, nilai_target in target.items():
        baris = baris_pk[id_baris]
        ind = baris.indikator_daerah
        try:
            angka_baru, predikat_baru = _pisah(ind, "target", nilai_target)
        except ValidationError as exc:
            raise ValidationError(f"{ind.kode}: {' '.join(exc.messages)}") from None
        if predikat_baru:
            cocok = ind.tingkat(predikat_baru)
            if cocok is None:
                raise ValidationError(
                    f"{ind.kode}: predikat '{predikat_baru}' tidak ada pada skala ({', '.join(ind.skala_predikat)})."
                )
            predikat_baru = cocok
        if angka_baru is not None and angka_baru < 0:
            raise ValidationError(f"{ind.kode}: target tidak boleh negatif.")
        if (angka_baru, predikat_baru) != (baris.target, baris.target_predikat):
            baris.target, baris.target_predikat = angka_baru, predikat_baru
            _simpan(baris, by)
    return pk


@transaction.atomic
def finalkan_pk_kepala_daerah(*, pk: PKKepalaDaerah, by: Pengguna) -> PKKepalaDaerah:
    pk = PKKepalaDaerah.objects.select_for_update().get(pk=pk.pk)
    if pk.status != PKKepalaDaerah.Status.DRAFT:
        raise ValidationError("PK kepala daerah sudah final.")
    kosong = [
        b.indikator_daerah.kode for b in pk.indikator.select_related("indikator_daerah") if not b.ada_target
    ]
    if not pk.nama or kosong:
        alasan = ["nama kepala daerah belum diisi"] if not pk.nama else []
        if kosong:
            alasan.append(f"target belum diisi untuk {', '.join(kosong)}")
        raise ValidationError(f"PK belum dapat difinalkan: {'; '.join(alasan)}.")
    pk.status = PKKepalaDaerah.Status.FINAL
    _simpan(pk, by)
    return pk
