"""Writes of the archive and the portal: the document record of a source object, signed-scan uploads (a new version
each time), publication by the admin pemda and its withdrawal. Every change is in the audit trail."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sakip.evaluasi.models import EvaluasiAkip
from sakip.lib import angka
from sakip.organisasi import access
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.pengukuran import berkas as berkas_lib
from sakip.perencanaan.models import KeputusanIKU, PerjanjianKinerja, RencanaAksi, RencanaStrategis
from sakip.publikasi.models import BERPINDAIAN, BerkasDokumen, Dokumen, JenisDokumen, kunci_dokumen
from sakip.survei import queries as survei_queries
from sakip.survei.models import Survei

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Sumber:
    """The object a document is made from, its unit, year and title."""

    jenis: str
    unit: UnitKerja
    tahun: int
    judul: str
    objek: dict[str, Any]

    @property
    def kunci(self) -> str:
        return kunci_dokumen(self.jenis, **self.objek, tahun=self.tahun)


def sumber(*, jenis: str, objek: Any, tahun: int | None = None) -> Sumber:
    """Describe the document of `jenis` made from `objek` (a PK, a Renstra, an evaluation or a survey)."""
    if jenis in (JenisDokumen.PK, JenisDokumen.RENCANA_AKSI):
        assert isinstance(objek, PerjanjianKinerja)
        label = "Perjanjian Kinerja" if jenis == JenisDokumen.PK else "Rencana Aksi"
        judul = f"{label} {objek.tahun} {objek.unit_kerja.nama}" + (
            f" (versi {objek.versi})" if objek.versi > 1 else ""
        )
        return Sumber(jenis, objek.unit_kerja, objek.tahun, judul, {"perjanjian": objek})
    if jenis in (JenisDokumen.RENSTRA, JenisDokumen.KEPUTUSAN_IKU, JenisDokumen.LKJIP):
        assert isinstance(objek, RencanaStrategis)
        periode = f"{objek.tahun_mulai}–{objek.tahun_selesai}"
        if jenis == JenisDokumen.LKJIP:
            if tahun is None or not objek.tahun_mulai <= tahun <= objek.tahun_selesai:
                raise ValidationError(f"Tahun LKjIP harus di dalam periode Renstra {periode}.")
            return Sumber(
                jenis, objek.unit_kerja, tahun, f"LKjIP {tahun} {objek.unit_kerja.nama}", {"renstra": objek}
            )
        label = "Renstra" if jenis == JenisDokumen.RENSTRA else "Keputusan IKU"
        return Sumber(
            jenis,
            objek.unit_kerja,
            objek.tahun_mulai,
            f"{label} {periode} {objek.unit_kerja.nama}",
            {"renstra": objek},
        )
    if jenis == JenisDokumen.LHE:
        assert isinstance(objek, EvaluasiAkip)
        return Sumber(
            jenis,
            objek.unit_kerja,
            objek.tahun,
            f"LHE AKIP {objek.tahun} {objek.unit_kerja.nama}",
            {"evaluasi": objek},
        )
    if jenis == JenisDokumen.IKM:
        assert isinstance(objek, Survei)
        return Sumber(jenis, objek.unit_kerja, objek.tahun, f"Hasil IKM {objek.nama}", {"survei": objek})
    raise ValidationError(f"Jenis dokumen '{jenis}' tidak dikenal.")


@transaction.atomic
def dokumen_untuk(*, sumber: Sumber) -> Dokumen:
    """The document record of a source object, created on first use (an upload or a publication)."""
    ada = Dokumen.objects.select_for_update().filter(kunci=sumber.kunci).first()
    if ada is not None:
        return ada
    dokumen = Dokumen(
        unit_kerja=sumber.unit,
        jenis=sumber.jenis,
        tahun=sumber.tahun,
        kunci=sumber.kunci,
        judul=sumber.judul[:300],
        **sumber.objek,
    )
    dokumen.full_clean()
    dokumen.save()
    return dokumen


def _versi_berikut(dokumen: Dokumen) -> int:
    return (dokumen.berkas.aggregate(m=Max("versi"))["m"] or 0) + 1


def _simpan_berkas(
    *, dokumen: Dokumen, asal: str, nama: str, isi: bytes, jenis_isi: str, catatan: str, by: Pengguna | None
) -> BerkasDokumen:
    obj = BerkasDokumen(
        dokumen=dokumen,
        versi=_versi_berikut(dokumen),
        asal=asal,
        nama_asli=nama[:255],
        jenis_isi=jenis_isi,
        ukuran=len(isi),
        sha256=hashlib.sha256(isi).hexdigest(),
        catatan=catatan[:255],
        diunggah_oleh=by,
    )
    obj.berkas.save(nama, ContentFile(isi), save=False)
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    obj.save()
    return obj


@transaction.atomic
def unggah_pindaian(
    *, sumber: Sumber, nama: str, isi: bytes, catatan: str = "", by: Pengguna
) -> BerkasDokumen:
    """Store the signed scan (PDF, checked by content) of a document as its next version; earlier ones are kept."""
    if not access.can_edit(by, sumber.unit):
        raise PermissionDenied("Anda tidak dapat mengunggah dokumen untuk unit ini.")
    if sumber.jenis not in BERPINDAIAN:
        raise ValidationError("Dokumen ini diterbitkan sebagai data, tanpa pindaian.")
    try:
        jenis = berkas_lib.periksa(nama, isi)
    except berkas_lib.BerkasError as exc:
        raise ValidationError({"berkas": str(exc)}) from exc
    if jenis.mime != "application/pdf":
        raise ValidationError({"berkas": f"Pindaian dokumen bertanda tangan harus PDF, bukan {jenis.mime}."})
    dokumen = dokumen_untuk(sumber=sumber)
    return _simpan_berkas(
        dokumen=dokumen,
        asal=BerkasDokumen.Asal.PINDAIAN,
        nama=nama,
        isi=isi,
        jenis_isi=jenis.mime,
        catatan=catatan,
        by=by,
    )


def boleh_menerbitkan(user: Any, unit: UnitKerja) -> bool:
    """Publishing is the admin pemda's act (the superuser's too)."""
    cakupan = access.scope_of(user)
    return cakupan.superuser or unit.pemda_id in cakupan.pemda_tulis


def alasan_belum_final(sumber: Sumber) -> str | None:
    """Why the document is not final yet (so it cannot be published), or None."""
    objek = next(iter(sumber.objek.values()))
    if sumber.jenis in (JenisDokumen.PK, JenisDokumen.RENCANA_AKSI):
        if objek.status == PerjanjianKinerja.Status.DRAFT:
            return "PK masih draf; finalkan (tanda tangani) PK lebih dulu."
        if (
            sumber.jenis == JenisDokumen.RENCANA_AKSI
            and not RencanaAksi.objects.filter(pk_indikator__perjanjian=objek).exists()
        ):
            return "PK ini belum memiliki Rencana Aksi."
    if sumber.jenis == JenisDokumen.KEPUTUSAN_IKU:
        kep = KeputusanIKU.objects.filter(renstra=objek).first()
        if kep is None or not kep.nomor or kep.tanggal is None:
            return "Keputusan IKU belum bernomor dan bertanggal."
    if sumber.jenis == JenisDokumen.LHE and not objek.hasil().lengkap:
        return "Nilai LHE belum lengkap untuk setiap komponen."
    if sumber.jenis == JenisDokumen.IKM:
        if objek.aktif:
            return "Survei masih menerima jawaban; tutup survei lebih dulu."
        if not survei_queries.hasil_resmi(objek).ada:
            return "Survei belum memiliki hasil IKM."
    return None


def _berkas_dihasilkan(sumber: Sumber, by: Pengguna) -> tuple[bytes, str] | None:
    """The generated document, frozen at publication (Word), for the documents the app writes."""
    from django.utils.text import slugify

    from sakip.pelaporan import keputusan, lkjip
    from sakip.pelaporan.render import docx as render_docx
    from sakip.pelaporan.render import keputusan as render_keputusan

    nama = slugify(sumber.judul)[:80]
    if sumber.jenis == JenisDokumen.PK:
        return render_docx.tulis_pk(lkjip.bangun_pk(sumber.objek["perjanjian"])), f"{nama}.docx"
    if sumber.jenis == JenisDokumen.KEPUTUSAN_IKU:
        return render_keputusan.tulis_keputusan(
            keputusan.bangun_keputusan(sumber.objek["renstra"])
        ), f"{nama}.docx"
    if sumber.jenis == JenisDokumen.LKJIP:
        isi = lkjip.bangun_lkjip(sumber.objek["renstra"], sumber.tahun, by)
        return render_docx.tulis(isi), f"{nama}.docx"
    return None


def _teks(nilai: Any) -> str:
    return angka.format_angka(nilai) if nilai is not None else "–"


def ringkasan(sumber: Sumber) -> dict[str, Any]:
    """What the portal shows of the document, as plain values frozen at publication."""
    objek = next(iter(sumber.objek.values()))
    if sumber.jenis == JenisDokumen.RENCANA_AKSI:
        baris = []
        for pki in (
            objek.indikator.select_related("indikator")
            .prefetch_related("rencana_aksi")
            .order_by("urutan", "pk")
        ):
            tw = {ra.triwulan: ra.target_predikat or _teks(ra.target) for ra in pki.rencana_aksi.all()}
            baris.append(
                {
                    "indikator": pki.indikator.nama,
                    "satuan": pki.indikator.satuan,
                    "target": pki.target_predikat or _teks(pki.target),
                    "tw": [tw.get(i, "–") for i in range(1, 5)],
                }
            )
        return {"baris": baris}
    if sumber.jenis == JenisDokumen.LHE:
        hasil = objek.hasil()
        nama = (
            {k.kode: k.nama for k in objek.skema.komponen.all()} if hasattr(objek.skema, "komponen") else {}
        )
        return {
            "lembaga": objek.lembaga,
            "nomor": objek.nomor_lhe,
            "tanggal": angka.format_tanggal(objek.tanggal_lhe),
            "nilai": _teks(hasil.total),
            "predikat": hasil.predikat.label if hasil.predikat else "–",
            "kode_predikat": hasil.predikat.kode if hasil.predikat else "",
            "komponen": [{"nama": nama.get(k, k), "nilai": _teks(v)} for k, v in hasil.nilai.items()],
        }
    if sumber.jenis == JenisDokumen.IKM:
        hasil = survei_queries.hasil_resmi(objek)
        return {
            "periode": objek.get_periode_display(),
            "ikm": _teks(hasil.ikm_unit_dibulatkan),
            "mutu": hasil.mutu.kode if hasil.mutu else "–",
            "kinerja": hasil.mutu.label if hasil.mutu else "–",
            "responden": objek.respons.count(),
            "unsur": [{"nama": u.label, "nrr": _teks(u.nrr)} for u in hasil.unsur],
        }
    if sumber.jenis == JenisDokumen.RENSTRA:
        return {
            "periode": f"{objek.tahun_mulai}–{objek.tahun_selesai}",
            "visi": objek.visi,
            "misi": [m for m in objek.misi.splitlines() if m.strip()],
            "sasaran": [
                {"nama": s.nama, "indikator": [i.nama for i in s.indikator.all()]}
                for s in objek.sasaran.prefetch_related("indikator").order_by("pk")
            ]
            if hasattr(objek, "sasaran")
            else [],
        }
    return {}


@transaction.atomic
def terbitkan(*, sumber: Sumber, by: Pengguna) -> Dokumen:
    """Publish a final document on the portal: its latest signed scan, else the generated document frozen now."""
    if not boleh_menerbitkan(by, sumber.unit):
        raise PermissionDenied("Hanya admin pemda yang dapat menerbitkan dokumen.")
    alasan = alasan_belum_final(sumber)
    if alasan:
        raise ValidationError(alasan)
    dokumen = dokumen_untuk(sumber=sumber)
    pindaian = dokumen.berkas.filter(asal=BerkasDokumen.Asal.PINDAIAN).order_by("-versi").first()
    berkas_terbit = pindaian
    if berkas_terbit is None:
        dihasilkan = _berkas_dihasilkan(sumber, by)
        if dihasilkan is not None:
            isi, nama = dihasilkan
            berkas_terbit = _simpan_berkas(
                dokumen=dokumen,
                asal=BerkasDokumen.Asal.DIHASILKAN,
                nama=nama,
                isi=isi,
                jenis_isi=DOCX,
                catatan="Dokumen dihasilkan aplikasi saat diterbitkan",
                by=by,
            )
    dokumen.ringkasan = ringkasan(sumber)
    dokumen.berkas_terbit = berkas_terbit
    dokumen.terbit = True
    dokumen.diterbitkan_pada = timezone.now()
    dokumen.diterbitkan_oleh = by
    dokumen._history_user = by  # type: ignore[attr-defined]
    dokumen._change_reason = "Diterbitkan"  # type: ignore[attr-defined]
    dokumen.full_clean()
    dokumen.save()
    return dokumen


@transaction.atomic
def tarik_terbitan(*, dokumen: Dokumen, alasan: str, by: Pengguna) -> Dokumen:
    """Withdraw a document from the portal, with the reason recorded in the audit trail."""
    dokumen = Dokumen.objects.select_for_update().select_related("unit_kerja").get(pk=dokumen.pk)
    if not boleh_menerbitkan(by, dokumen.unit_kerja):
        raise PermissionDenied("Hanya admin pemda yang dapat menarik dokumen dari portal.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan penarikan wajib diisi."})
    if not dokumen.terbit:
        raise ValidationError("Dokumen ini tidak sedang diterbitkan.")
    dokumen.terbit = False
    dokumen.diterbitkan_pada = None
    dokumen._history_user = by  # type: ignore[attr-defined]
    dokumen._change_reason = f"Ditarik: {alasan.strip()}"[:100]  # type: ignore[attr-defined]
    dokumen.save()
    return dokumen
