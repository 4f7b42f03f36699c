"""The access matrix: every URL of the product (pages and REST API), discovered from the URL conf, tried by every
persona of issue #8 on the demo data of Setda Kaltim, with the expected allow/deny for each.

Personas: anonymous; operator of unit A (Biro Adpim) and of unit B (Biro Organisasi) of the same pemda; pimpinan of
unit A (read-only, verifies unit A); the Sekda (read-only, verifies the whole Setda); the Inspektorat evaluator (reads
the whole pemda, scores the AKIP evaluation); the pemda's admin; and an outsider, an operator of another pemda.

What each persona may do is restated below (`PERSONA`) from docs/arsitektur.md, not computed with
`organisasi.access`, so the matrix checks that module instead of repeating it. The owner unit of each object is
recorded by the helper that fetched it (`@_milik`); a page is then allowed when the persona reads (or, for writes,
writes) that unit, and answers 404 outside the persona's scope and 403 for a read-only role.

A URL added without an entry in OBJEK (pages) or API (REST) fails `test_every_url_has_an_expectation`, so none can
be forgotten. A new page is a read page unless listed in one of the sets below.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.pelaporan import services as pelaporan_services

KALTIM = "64"
SETDA, ADPIM, ORGANISASI = "SETDA", "SETDA.ADPIM", "SETDA.ORGANISASI"

# --- the objects the URLs are tried on, each recording its owner unit -----------------------------------------------

_PEMILIK: list[str] = []


def _milik(unit_of: Callable[[Any], UnitKerja]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Record the kode of the unit owning what the helper returns (the last one recorded is the URL's owner)."""

    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            obj = f(*args, **kwargs)
            _PEMILIK.append(unit_of(obj).kode)
            return obj

        return wrapper

    return deco


def _pemilik(kwargs_of: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], str | None]:
    _PEMILIK.clear()
    kwargs = kwargs_of()
    return kwargs, (_PEMILIK[-1] if _PEMILIK else None)


@_milik(lambda u: u)
def _unit(kode: str = SETDA) -> UnitKerja:
    return UnitKerja.objects.get(pemda__kode=KALTIM, kode=kode)


@_milik(lambda r: r.unit_kerja)
def _renstra() -> Any:
    from sakip.perencanaan.models import RencanaStrategis

    return RencanaStrategis.objects.get(unit_kerja=_unit(), tahun_mulai=2024)


@_milik(lambda i: i.renstra.unit_kerja)
def _indikator(kode: str = "IKU01") -> Any:
    return _renstra().indikator.get(kode=kode)


@_milik(lambda t: t.renstra.unit_kerja)
def _tujuan() -> Any:
    return _renstra().tujuan.order_by("urutan").first()


@_milik(lambda s: s.renstra.unit_kerja)
def _sasaran() -> Any:
    return _renstra().sasaran.order_by("urutan").first()


@_milik(lambda v: v.renstra.unit_kerja)
def _renstra_versi() -> Any:
    from sakip.perencanaan.models import RenstraVersi

    versi, _ = RenstraVersi.objects.get_or_create(
        renstra=_renstra(), nomor=1, defaults={"alasan": "Penyesuaian RPJMD", "isi": {}}
    )
    return versi


@_milik(lambda p: p.unit_kerja)
def _pk() -> Any:
    from sakip.perencanaan.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(unit_kerja=_unit(), tahun=2024).first()


@_milik(lambda r: r.unit_kerja)
def _realisasi(kode: str = "IKU01") -> Any:
    return _indikator(kode).realisasi.get(tahun=2024, periode="TAHUN")


@_milik(lambda a: a.sub_kegiatan.kegiatan.program.unit_kerja)
def _anggaran(unit: str | None = None) -> Any:
    from sakip.anggaran.models import AnggaranSubKegiatan

    qs = AnggaranSubKegiatan.objects.filter(sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode=KALTIM)
    if unit:
        qs = qs.filter(sub_kegiatan__kegiatan__program__unit_kerja__kode=unit, tahun=2024)
    return qs.first()


@_milik(lambda s: s.unit_kerja)
def _survei() -> Any:
    from sakip.survei.models import Survei

    return Survei.objects.filter(unit_kerja__pemda__kode=KALTIM).first()


@_milik(lambda e: e.unit_kerja)
def _evaluasi() -> Any:
    from sakip.evaluasi.models import EvaluasiAkip

    return EvaluasiAkip.objects.filter(unit_kerja=_unit()).first()


@_milik(lambda d: d.unit_kerja)
def _dokumen(kode: str = "IKU01") -> Any:
    from sakip.pengukuran import services

    admin = Pengguna.objects.get(username="admin")
    return services.upload_data_dukung(
        unit=_realisasi(kode).unit_kerja, nama="bukti.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=admin
    )


@_milik(lambda s: _unit())
def _skema_kaltim() -> Any:
    """Kaltim's own copy of the national LKE (the admin's), owned by the pemda: recorded as the Setda's."""
    from sakip.evaluasi import muat_lke
    from sakip.evaluasi import services as evaluasi_services
    from sakip.evaluasi.models import SkemaEvaluasi

    ada = SkemaEvaluasi.objects.filter(pemda__kode=KALTIM, kode="LKE-MATRIKS").first()
    if ada is not None:
        return ada
    return evaluasi_services.salin_skema(
        skema=SkemaEvaluasi.objects.get(pemda=None, kode=muat_lke.KODE),
        pemda=Pemda.objects.get(kode=KALTIM),
        kode="LKE-MATRIKS",
        nama="LKE matriks",
        by=Pengguna.objects.get(username="admin.kaltim"),
    )


def _putaran_kaltim() -> Any:
    """An LKE round of Kaltim for 2025 with Biro Adpim and Biro Organisasi, opened by the Inspektorat."""
    from sakip.evaluasi import muat_lke
    from sakip.evaluasi import services as evaluasi_services
    from sakip.evaluasi.models import PutaranEvaluasi, SkemaEvaluasi

    ada = PutaranEvaluasi.objects.filter(pemda__kode=KALTIM, nama="LKE matriks").first()
    if ada is not None:
        return ada
    return evaluasi_services.buka_putaran(
        pemda=Pemda.objects.get(kode=KALTIM),
        tahun=2025,
        nama="LKE matriks",
        skema=SkemaEvaluasi.objects.get(pemda=None, kode=muat_lke.KODE),
        unit_kerja=[_unit(ADPIM), _unit(ORGANISASI)],
        by=Pengguna.objects.get(username="inspektorat"),
    )


@_milik(lambda p: _unit())
def _putaran() -> Any:
    return _putaran_kaltim()


@_milik(lambda lk: lk.unit_kerja)
def _lembar_lke(kode: str = ADPIM) -> Any:
    return _putaran_kaltim().lembar.get(unit_kerja__kode=kode)


@_milik(lambda b: b.lembar.unit_kerja)
def _bukti_lke() -> Any:
    from sakip.evaluasi import services as evaluasi_services
    from sakip.evaluasi.models import BuktiLembar

    lembar = _lembar_lke()
    ada = BuktiLembar.objects.filter(lembar=lembar).first()
    if ada is not None:
        return ada
    kriteria = lembar.putaran.skema.komponen.get(kode="1.b").kriteria.first()
    return evaluasi_services.unggah_bukti(
        lembar=lembar,
        kriteria=kriteria,
        nama="bukti-lke.pdf",
        isi=b"%PDF-1.4\n%%EOF\n",
        by=Pengguna.objects.get(username="admin.kaltim"),
    )


PEMILIK_PEMBUATAN = "admin.kaltim"


@_milik(lambda j: j.renstra.unit_kerja)
def _pembuatan() -> Any:
    """A finished LKjIP generation of the Setda's Renstra, started by the pemda's admin."""
    from django.core.files.base import ContentFile

    from sakip.pelaporan.models import PembuatanLaporan

    job = PembuatanLaporan.objects.create(
        pengguna=Pengguna.objects.get(username=PEMILIK_PEMBUATAN),
        renstra=_renstra(),
        tahun=2024,
        format="docx",
        status="selesai",
        persen=100,
        nama_berkas="LKjIP-setda-2024.docx",
    )
    job.berkas.save(job.nama_berkas, ContentFile(b"PK\x03\x04"))
    return job


@_milik(lambda obj: _unit())
def _impor_latar() -> Any:
    """A large Renstra upload checked on the queue and waiting for its uploader's confirmation (issue #21)."""
    from sakip.antrean.models import ImporLatar

    return ImporLatar.objects.create(
        pengguna=Pengguna.objects.get(username=PEMILIK_PEMBUATAN),
        jenis="perencanaan.impor",
        parameter={"jenis": "renstra", "pemda": _unit().pemda_id},
        nama_berkas="renstra.xlsx",
        status="pratinjau",
        pratinjau="<p>Pratinjau</p>",
    )


@_milik(lambda p: p.penugasan.get().unit_kerja)
def _pengguna() -> Pengguna:
    """An account of Biro Adpim, whose two-factor login the pemda's admin may reset."""
    return Pengguna.objects.get(username="operator.adpim")


@_milik(lambda n: _unit())
def _notifikasi() -> Any:
    """A notification of the pemda's admin (a user's own: everyone else gets 404, like a report generation)."""
    from sakip.notifikasi.models import Notifikasi

    return Notifikasi.objects.create(
        penerima=Pengguna.objects.get(username=PEMILIK_PEMBUATAN), jenis="diajukan", judul="Uji", isi="Uji"
    )


@_milik(lambda token: _unit(ADPIM))
def _token_berhenti() -> str:
    from sakip.notifikasi import services as notifikasi_services

    return notifikasi_services.token_berhenti(Pengguna.objects.get(username="operator.adpim"))


def _pk_arg(f: Callable[[], Any]) -> Callable[[], dict[str, Any]]:
    return lambda: {"pk": f().pk}


def _profil(**extra: Any) -> Callable[[], dict[str, Any]]:
    return lambda: {"unit_id": _unit().pk, "tahun": 2024, **extra}


@_milik(lambda d: d.unit_kerja)
def _dokumen_terbit() -> Any:
    from sakip.publikasi.models import Dokumen

    return Dokumen.objects.get(unit_kerja=_unit(), jenis="pk", tahun=2024, terbit=True)


def _portal(**extra: Callable[[Any], Any]) -> Callable[[], dict[str, Any]]:
    def kwargs() -> dict[str, Any]:
        dok = _dokumen_terbit()  # records an owner unit; portal pages are public whatever it is
        return {"pemda": PORTAL_PEMDA, **{k: f(dok) for k, f in extra.items()}}

    return kwargs


def _dokumen_arsip() -> dict[str, Any]:
    return {"jenis": "pk", "objek": _dokumen_terbit().perjanjian_id, "tahun": 2024}


NONE: Callable[[], dict[str, Any]] = dict
PUBLIC = {
    "login",
    "masuk_kode",
    "logout",
    "sehat",
    "survei:isi",
    "survei:terima_kasih",
    "notifikasi:berhenti",
}
# The public portal (sakip.publikasi): published documents only, 200 for everyone, anonymous included.
PORTAL = {
    "publik:indeks",
    "publik:beranda",
    "publik:kelengkapan",
    "publik:unit",
    "publik:dokumen",
    "publik:unduh",
}
PUBLIC |= PORTAL
PORTAL_PEMDA = "provinsi-kalimantan-timur"

# Every named page URL → the kwargs of a Kaltim object (NONE for lists and pages without arguments).
OBJEK: dict[str, Callable[[], dict[str, Any]]] = {
    "beranda": NONE,
    "sehat": NONE,
    "login": NONE,
    "masuk_kode": NONE,
    "logout": NONE,
    "akun:keamanan": NONE,
    "akun:daftar": NONE,
    "akun:konfirmasi": NONE,
    "akun:kode_pemulihan": NONE,
    "akun:nonaktifkan": NONE,
    "akun:kebijakan": NONE,
    "akun:pengguna": NONE,
    "akun:atur_ulang": _pk_arg(_pengguna),
    "organisasi:unit_list": NONE,
    "organisasi:unit_detail": _pk_arg(_unit),
    "organisasi:unit_create": NONE,
    "organisasi:unit_update": _pk_arg(_unit),
    "organisasi:unit_close": _pk_arg(_unit),
    "organisasi:pengguna_list": NONE,
    "organisasi:pengguna_create": NONE,
    "organisasi:pengguna_detail": _pk_arg(_pengguna),
    "organisasi:pengguna_aktif": _pk_arg(_pengguna),
    "organisasi:pengguna_sandi": _pk_arg(_pengguna),
    "organisasi:penugasan_withdraw": lambda: {"pk": _pengguna().penugasan.get().pk},
    "organisasi:ganti_sandi": NONE,
    "profil:daftar": NONE,
    "profil:bagan": lambda: {"unit_id": _unit().pk},
    "profil:detail": _profil(),
    "profil:ubah_uraian": _profil(),
    "profil:ubah_pegawai": _profil(),
    "profil:ubah_sarana": _profil(),
    "profil:impor": _profil(),
    "profil:impor_terapkan": _profil(),
    "profil:templat": _profil(),
    "profil:ekspor": _profil(),
    "profil:salin": _profil(),
    "profil:riwayat": _profil(),
    "profil:grafik": _profil(jenis="jenis-kelamin"),
    "perencanaan:renstra_list": NONE,
    "perencanaan:renstra_create": NONE,
    "perencanaan:renstra_detail": _pk_arg(_renstra),
    "perencanaan:tujuan_create": _pk_arg(_renstra),
    "perencanaan:sasaran_create": _pk_arg(_renstra),
    "perencanaan:indikator_create": _pk_arg(_renstra),
    "perencanaan:pohon_kinerja": _pk_arg(_renstra),
    "perencanaan:indikator_detail": _pk_arg(_indikator),
    "perencanaan:indikator_update": _pk_arg(_indikator),
    "perencanaan:program_list": NONE,
    "perencanaan:pk_list": NONE,
    "perencanaan:pk_create": NONE,
    "perencanaan:pk_detail": _pk_arg(_pk),
    "perencanaan:pk_update": _pk_arg(_pk),
    "perencanaan:pk_finalize": _pk_arg(_pk),
    "perencanaan:pk_revise": _pk_arg(_pk),
    "perencanaan:rencana_aksi": lambda: {"pk": _pk().indikator.first().pk},
    "perencanaan:impor": NONE,
    "perencanaan:impor_terapkan": NONE,
    "perencanaan:templat": NONE,
    "perencanaan:renstra_ekspor": _pk_arg(_renstra),
    "perencanaan:pk_ekspor": _pk_arg(_pk),
    "perencanaan:tujuan_update": _pk_arg(_tujuan),
    "perencanaan:tujuan_delete": _pk_arg(_tujuan),
    "perencanaan:sasaran_update": _pk_arg(_sasaran),
    "perencanaan:sasaran_delete": _pk_arg(_sasaran),
    "perencanaan:indikator_delete": _pk_arg(_indikator),
    "perencanaan:renstra_perubahan": _pk_arg(_renstra),
    "perencanaan:renstra_versi": _pk_arg(_renstra_versi),
    "perencanaan:sub_kegiatan_create": lambda: {"pk": _anggaran(ADPIM).sub_kegiatan.kegiatan_id},
    "anggaran:pohon": NONE,
    "anggaran:tabel_2_5": NONE,
    "anggaran:tabel_2_5_xlsx": NONE,
    "anggaran:tabel_3_16": NONE,
    "anggaran:tabel_3_16_xlsx": NONE,
    "anggaran:tabel_3_17": NONE,
    "anggaran:tabel_3_17_xlsx": NONE,
    "anggaran:tabel_3_18": NONE,
    "anggaran:tabel_3_18_xlsx": NONE,
    "anggaran:tabel_3_19": NONE,
    "anggaran:tabel_3_19_xlsx": NONE,
    "anggaran:anggaran_detail": lambda: {"pk": _anggaran().sub_kegiatan_id, "tahun": 2024},
    "anggaran:anggaran_ubah": lambda: {"pk": _anggaran().sub_kegiatan_id, "tahun": 2024},
    "anggaran:anggaran_bulanan": lambda: {"pk": _anggaran().sub_kegiatan_id, "tahun": 2024},
    "anggaran:kinerja_program": lambda: {"pk": _anggaran().sub_kegiatan.kegiatan.program_id, "tahun": 2024},
    "anggaran:kinerja_kegiatan": lambda: {"pk": _anggaran().sub_kegiatan.kegiatan_id, "tahun": 2024},
    "anggaran:impor": NONE,
    "anggaran:impor_terapkan": NONE,
    "anggaran:impor_templat": NONE,
    "anggaran:pengaturan": NONE,
    "anggaran:impor_sipd": NONE,
    "anggaran:impor_sipd_terapkan": NONE,
    "anggaran:kode_sipd": NONE,
    "publikasi:arsip": NONE,
    "publikasi:dokumen": lambda: _dokumen_arsip(),
    "publikasi:unggah": lambda: _dokumen_arsip(),
    "publikasi:terbitkan": lambda: _dokumen_arsip(),
    "publikasi:tarik": lambda: _dokumen_arsip(),
    "publikasi:unduh": lambda: {"pk": _dokumen_terbit().berkas_terbit_id},
    "publik:indeks": NONE,
    "publik:beranda": _portal(),
    "publik:kelengkapan": _portal(),
    "publik:unit": _portal(unit=lambda d: d.unit_kerja_id),
    "publik:dokumen": _portal(pk=lambda d: d.pk),
    "publik:unduh": _portal(pk=lambda d: d.pk),
    "pengukuran:dasbor": NONE,
    "pengukuran:dasbor_xlsx": NONE,
    "pengukuran:dasbor_renstra": _pk_arg(_renstra),
    "pengukuran:dasbor_renstra_xlsx": _pk_arg(_renstra),
    "pengukuran:indikator": _pk_arg(_indikator),
    "pengukuran:simpan_realisasi": _pk_arg(_indikator),
    "pengukuran:pratinjau": _pk_arg(_indikator),
    "pengukuran:simpan_narasi": _pk_arg(_indikator),
    "pengukuran:ajukan": _pk_arg(_realisasi),
    "pengukuran:kembalikan": _pk_arg(_realisasi),
    "pengukuran:verifikasi": _pk_arg(_realisasi),
    "pengukuran:buka_verifikasi": _pk_arg(_realisasi),
    "pengukuran:unggah": _pk_arg(_realisasi),
    "pengukuran:unduh": _pk_arg(_dokumen),
    "pengukuran:kelengkapan": NONE,
    "pengukuran:kualitas_data": NONE,
    "pengukuran:kunci": NONE,
    "pengukuran:lihat": _pk_arg(_dokumen),
    "pengukuran:hapus_dokumen": _pk_arg(_dokumen),
    "pengukuran:lepas": _pk_arg(_realisasi),
    "pengukuran:ruang_kerja_saya": NONE,
    "pengukuran:ruang_kerja": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:dasbor_unit": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:ruang_kerja_monev_xlsx": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:isian_massal": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:isian_templat": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:isian_impor": lambda: {"pk": _unit(ORGANISASI).pk},
    "pengukuran:kotak_verifikasi": NONE,
    "pengukuran:verifikasi_massal": NONE,
    "survei:daftar": NONE,
    "survei:baru": NONE,
    "survei:detail": _pk_arg(_survei),
    "survei:detail_xlsx": _pk_arg(_survei),
    "survei:ubah": _pk_arg(_survei),
    "survei:qr": _pk_arg(_survei),
    "survei:tautan": _pk_arg(_survei),
    "survei:lepas": _pk_arg(_survei),
    "survei:terima_usulan": _pk_arg(_survei),
    "survei:impor": _pk_arg(_survei),
    "survei:impor_terapkan": _pk_arg(_survei),
    "survei:templat": _pk_arg(_survei),
    "survei:isi": lambda: {"kode": _survei().kode},
    "survei:terima_kasih": lambda: {"kode": _survei().kode},
    "evaluasi:daftar": NONE,
    "evaluasi:baru": NONE,
    "evaluasi:unit": _pk_arg(_unit),
    "evaluasi:unit_xlsx": _pk_arg(_unit),
    "evaluasi:detail": _pk_arg(_evaluasi),
    "evaluasi:ubah": _pk_arg(_evaluasi),
    "evaluasi:nilai": _pk_arg(_evaluasi),
    "evaluasi:rekomendasi_baru": _pk_arg(_evaluasi),
    "evaluasi:tindak_lanjut": lambda: {"pk": _evaluasi().rekomendasi.first().pk},
    "evaluasi:rekomendasi_ubah": lambda: {"pk": _evaluasi().rekomendasi.first().pk},
    "evaluasi:terlambat": NONE,
    "evaluasi:skema_daftar": NONE,
    "evaluasi:skema_detail": lambda: {"pk": _evaluasi().skema_id},
    "evaluasi:skema_salin": _pk_arg(_skema_kaltim),
    "evaluasi:skema_bobot": _pk_arg(_skema_kaltim),
    "evaluasi:kriteria_baru": lambda: {"pk": _skema_kaltim().komponen.get(kode="4.d").pk},
    "evaluasi:kriteria_ubah": lambda: {"pk": _skema_kaltim().komponen.get(kode="4.d").kriteria.first().pk},
    "evaluasi:kriteria_hapus": lambda: {"pk": _skema_kaltim().komponen.get(kode="4.d").kriteria.first().pk},
    "evaluasi:skema_tahun": NONE,
    "evaluasi:putaran_daftar": NONE,
    "evaluasi:putaran_baru": NONE,
    "evaluasi:putaran_detail": _pk_arg(_putaran),
    "evaluasi:lembar": _pk_arg(_lembar_lke),
    "evaluasi:lembar_ajukan": _pk_arg(_lembar_lke),
    "evaluasi:lembar_isi_otomatis": _pk_arg(_lembar_lke),
    "evaluasi:lembar_kembalikan": _pk_arg(_lembar_lke),
    "evaluasi:lembar_teruskan": _pk_arg(_lembar_lke),
    "evaluasi:lembar_riwayat": _pk_arg(_lembar_lke),
    "evaluasi:lembar_bukti": lambda: {
        "kriteria_pk": _lembar_lke().putaran.skema.komponen.get(kode="1.b").kriteria.first().pk,
        "pk": _lembar_lke().pk,
    },
    "evaluasi:bukti_lepas": _pk_arg(_bukti_lke),
    "evaluasi:lembar_xlsx": _pk_arg(_lembar_lke),
    "evaluasi:putaran_rekap_xlsx": _pk_arg(_putaran),
    "evaluasi:putaran_bukti_xlsx": _pk_arg(_putaran),
    "pelaporan:daftar": NONE,
    "pelaporan:lkjip_docx": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:lkjip_pdf": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:lkjip_xlsx": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:lkjip_buat": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:pembuatan_halaman": _pk_arg(_pembuatan),
    "pelaporan:pembuatan_status": _pk_arg(_pembuatan),
    "pelaporan:pembuatan_unduh": _pk_arg(_pembuatan),
    "pelaporan:teks": lambda: {"unit_id": _unit().pk, "tahun": 2024},
    "pelaporan:pk_docx": _pk_arg(_pk),
    "pelaporan:pk_pdf": _pk_arg(_pk),
    "pelaporan:iku_docx": _pk_arg(_renstra),
    "pelaporan:iku_pdf": _pk_arg(_renstra),
    "pelaporan:iku_ubah": _pk_arg(_renstra),
    "pelaporan:pk_buat": _pk_arg(_pk),
    "pelaporan:iku_buat": _pk_arg(_renstra),
    "pelaporan:audit": NONE,
    "pelaporan:lhe_docx": _pk_arg(_lembar_lke),
    "pelaporan:lhe_pdf": _pk_arg(_lembar_lke),
    "pelaporan:audit_templat": NONE,
    "pelaporan:pengaturan": NONE,
    "pelaporan:pengaturan_pemda": lambda: {"pemda_id": _unit().pemda_id},
    "pelaporan:logo": lambda: {"pemda_id": _unit().pemda_id},
    "pelaporan:cari": NONE,
    "notifikasi:daftar": NONE,
    "notifikasi:jumlah": NONE,
    "notifikasi:baca": _pk_arg(_notifikasi),
    "notifikasi:baca_semua": NONE,
    "notifikasi:preferensi": NONE,
    "notifikasi:berhenti": lambda: {"token": _token_berhenti()},
    "notifikasi:webhook": NONE,
    "antrean:impor": _pk_arg(_impor_latar),
    "antrean:impor_terapkan": _pk_arg(_impor_latar),
    "pengukuran:ikhtisar": NONE,  # the overview grouped by pemda: every persona sees its own scope (issue #24)
}

# --- what kind of page each is (a page not listed is a read page; a POST-only page is a write) -----------------------

# Forms that need the right to write even to be shown (GET), and list-level writes (create, import).
TULIS = {
    "profil:ubah_uraian",
    "profil:ubah_pegawai",
    "profil:ubah_sarana",
    "profil:impor",
    "perencanaan:renstra_create",
    "perencanaan:tujuan_create",
    "perencanaan:sasaran_create",
    "perencanaan:indikator_create",
    "perencanaan:indikator_update",
    "perencanaan:tujuan_update",
    "perencanaan:sasaran_update",
    "perencanaan:sub_kegiatan_create",
    "perencanaan:impor",
    "anggaran:anggaran_ubah",
    "anggaran:kinerja_program",
    "anggaran:kinerja_kegiatan",
    "anggaran:impor",
    "anggaran:impor_templat",
    "anggaran:impor_sipd",
    "anggaran:kode_sipd",
    "survei:baru",
    "survei:ubah",
    "survei:tautan",
    "survei:impor",
    "pelaporan:teks",
    "pelaporan:iku_ubah",
}
BACA_POST = {
    "pengukuran:pratinjau",  # a live preview posted by htmx: reads only
    "pelaporan:lkjip_buat",  # starting an LKjIP generation: whoever may read the Renstra may download it
}
# Starting a PK or IKU decree build on the queue: whoever may read the document may build it (issue #21).
BACA_POST |= {"pelaporan:pk_buat", "pelaporan:iku_buat"}
# A background report generation is its starter's only: everyone else gets 404, whatever they may read.
PEMILIK_SAJA = {"pelaporan:pembuatan_halaman", "pelaporan:pembuatan_status", "pelaporan:pembuatan_unduh"}
PEMILIK_SAJA |= {"notifikasi:baca"}  # a notification is its recipient's only
PEMILIK_SAJA |= {
    "antrean:impor",
    "antrean:impor_terapkan",
}  # a large upload on the queue is its uploader's only
VERIFIKASI = {
    "pengukuran:kembalikan",
    "pengukuran:verifikasi",
    "pengukuran:buka_verifikasi",
    "pengukuran:kotak_verifikasi",  # the verifier's inbox (no object: any verifier's role)
    "pengukuran:verifikasi_massal",
}  # pimpinan verify their units; operators do not
PENILAI = {  # the AKIP evaluation is written by the evaluator (and the admin), read by the units
    "evaluasi:putaran_baru",
    "evaluasi:putaran_rekap_xlsx",
    "evaluasi:putaran_bukti_xlsx",
    "evaluasi:lembar_kembalikan",
    "evaluasi:lembar_teruskan",
    "evaluasi:baru",
    "evaluasi:ubah",
    "evaluasi:nilai",
    "evaluasi:rekomendasi_baru",
    "evaluasi:rekomendasi_ubah",
}
ADMIN_SAJA = {"pengukuran:kunci", "anggaran:pengaturan", "akun:pengguna", "akun:atur_ulang"}
ADMIN_SAJA |= {"notifikasi:webhook"}
ADMIN_SAJA |= {"publikasi:terbitkan", "publikasi:tarik"}
# The user's own account security (two-factor login): every logged-in user, whatever their role.
AKUN_SENDIRI = {"akun:daftar", "akun:konfirmasi", "akun:kode_pemulihan", "akun:nonaktifkan"}
# The pemda's own evaluation scheme and report settings: every role of the pemda reads them.
SE_PEMDA = {"evaluasi:skema_detail", "pelaporan:pengaturan_pemda", "pelaporan:logo"}
# The LKjIP of a unit, its texts and its PK: also for the operators of the units named as its compilers (the demo
# names the Biro Organisasi for the Setda: pelaporan_1_kaltim_2024.json).
LAPORAN = {
    "pelaporan:lkjip_docx",
    "pelaporan:lkjip_pdf",
    "pelaporan:lkjip_xlsx",
    "pelaporan:lkjip_buat",
    "pelaporan:teks",
    "pelaporan:pk_docx",
    "pelaporan:pk_pdf",
}
LAPORAN |= {"pelaporan:pk_buat"}  # the PK build, like its direct download
AKUN_SENDIRI |= {
    "notifikasi:baca_semua",
    "notifikasi:preferensi",
}  # one's own notifications and e-mail choices
ADMIN_SAJA |= {  # the admin pemda's organisation pages (issue #20)
    "organisasi:unit_create",
    "organisasi:unit_update",
    "organisasi:unit_close",
    "organisasi:pengguna_list",
    "organisasi:pengguna_create",
    "organisasi:pengguna_detail",
    "organisasi:pengguna_aktif",
    "organisasi:pengguna_sandi",
    "organisasi:penugasan_withdraw",
}
# The user's own account security (two-factor login): every logged-in user, whatever their role.
AKUN_SENDIRI |= {"organisasi:ganti_sandi"}
# The pemda's own evaluation scheme: copied and edited by its admin only (issue #18, #22).
ADMIN_SAJA |= {
    "evaluasi:skema_salin",
    "evaluasi:skema_bobot",
    "evaluasi:kriteria_baru",
    "evaluasi:kriteria_ubah",
    "evaluasi:kriteria_hapus",
}
# The user's own account security (two-factor login): every logged-in user, whatever their role.
# The pemda's own evaluation scheme and its LKE rounds: every role of the pemda reads them (the round's recap and
# evidence list are then the evaluator's and the admin's: PENILAI).
SE_PEMDA |= {
    "evaluasi:skema_detail",
    "evaluasi:putaran_detail",
    "evaluasi:putaran_rekap_xlsx",
    "evaluasi:putaran_bukti_xlsx",
}
# Workbook exports of a Renstra's tables: 404 when the user sees no Renstra to export (a Biro has none of its own).
EKSPOR_KOSONG = {
    "anggaran:tabel_2_5_xlsx",
    "anggaran:tabel_3_16_xlsx",
    "anggaran:tabel_3_17_xlsx",
    "anggaran:tabel_3_18_xlsx",
}
# Refused writes answered with a redirect and an error message instead of 403; nothing is written: pk_create's form
# offers only Renstra the user may edit, simpan_realisasi checks the period field before the right to write.
DITOLAK_DENGAN_PENGALIHAN = {"perencanaan:pk_create", "pengukuran:simpan_realisasi"}


# --- personas ----------------------------------------------------------------------------------------------------------

SEMUA = frozenset({"*"})  # every unit of Kaltim


@dataclass(frozen=True)
class Persona:
    username: str | None
    baca: frozenset[str] = frozenset()
    tulis: frozenset[str] = frozenset()
    verifikasi: frozenset[str] = frozenset()
    penilai: bool = False
    admin: bool = False
    kaltim: bool = True  # holds a role in Kaltim
    penulis: bool = False  # holds a writer's role somewhere (operator, admin)
    menyusun: frozenset[str] = frozenset()  # units whose LKjIP the persona's unit compiles

    def reads(self, *units: str) -> bool:
        return self.baca == SEMUA or bool(self.baca & set(units))

    def writes(self, unit: str) -> bool:
        return self.tulis == SEMUA or unit in self.tulis

    def verifies(self, unit: str) -> bool:
        return self.verifikasi == SEMUA or unit in self.verifikasi


# Kaltim's Setda is the root and its Biro are leaves, so a Biro's subtree is the Biro itself.
PERSONA = {
    "anonim": Persona(None, kaltim=False),
    "operator_a": Persona("operator.adpim", frozenset({ADPIM}), frozenset({ADPIM}), penulis=True),
    "operator_b": Persona(
        "operator.organisasi",
        frozenset({ORGANISASI}),
        frozenset({ORGANISASI}),
        penulis=True,
        menyusun=frozenset({SETDA}),
    ),
    "pimpinan_a": Persona("pimpinan.adpim", frozenset({ADPIM}), verifikasi=frozenset({ADPIM})),
    "pimpinan_setda": Persona("pimpinan.setda", SEMUA, verifikasi=SEMUA),
    "evaluator": Persona("inspektorat", SEMUA, penilai=True),
    "admin": Persona("admin.kaltim", SEMUA, SEMUA, SEMUA, penilai=True, admin=True, penulis=True),
    "luar": Persona("operator.kalbar", kaltim=False, penulis=True),
}


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 50), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def _pdf_palsu(docx: bytes) -> bytes:
    """The matrix tests who may open a PDF route, not LibreOffice (test_render_pdf.py and test_keputusan_pdf.py
    convert for real): eight personas × every PDF route through soffice would add minutes."""
    assert docx[:2] == b"PK"  # the view built the Word document the PDF is made of
    return b"%PDF-1.4\n%%EOF\n"


def _salin_arsip(asal: Any, tujuan: Any) -> None:
    """The files the demo published on the portal (written by the demo load), into the test's media folder."""
    import shutil
    from pathlib import Path

    from sakip.publikasi.models import BerkasDokumen

    for nama in BerkasDokumen.objects.values_list("berkas", flat=True):
        (Path(tujuan) / nama).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(asal) / nama, Path(tujuan) / nama)


@pytest.fixture
def orang(demo, settings, tmp_path, monkeypatch):
    """The demo users, plus the outsider: an operator of Kalbar's Biro Umum. Evidence files go to a temporary folder."""
    from sakip.pelaporan.render import pdf as render_pdf

    monkeypatch.setattr(render_pdf, "dari_docx", _pdf_palsu)
    _salin_arsip(settings.MEDIA_ROOT, tmp_path)
    settings.MEDIA_ROOT = tmp_path
    kaltim = Pemda.objects.get(kode=KALTIM)
    pelaporan_services.simpan_logo(
        pemda=kaltim, isi=_png(), nama="logo.png", by=Pengguna.objects.get(username="admin")
    )
    luar = Pengguna.objects.create_user("operator.kalbar", password="x-rahasia-123")
    kalbar = Pemda.objects.get(kode="61")
    org_services.assign_role(
        pengguna=luar, peran="operator", pemda=kalbar, unit_kerja=kalbar.unit_kerja.get(kode="SETDA.UMUM")
    )
    return {k: Pengguna.objects.get(username=p.username) if p.username else None for k, p in PERSONA.items()}


def _as(user: Pengguna | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- discovery ------------------------------------------------------------------------------------------------------------


def _semua_nama() -> list[str]:
    names: list[str] = []

    def walk(resolver: URLResolver, ns: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue  # the Django admin: superusers only, tested in organisasi/tests/test_views.py
                walk(p, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern):
                assert p.name, f"URL {p.pattern} has no name: give it one and an expectation here"
                names.append(ns + p.name)

    walk(get_resolver(), "")
    return names


def test_every_url_has_an_expectation():
    pages = {n for n in _semua_nama() if not n.startswith("api:")}
    api = {n for n in _semua_nama() if n.startswith("api:")}
    assert sorted(pages - set(OBJEK)) == []
    assert sorted(set(OBJEK) - pages) == []
    assert sorted(api - set(API)) == []
    assert sorted(set(API) - api) == []
    named = (
        TULIS
        | BACA_POST
        | VERIFIKASI
        | PENILAI
        | ADMIN_SAJA
        | SE_PEMDA
        | EKSPOR_KOSONG
        | DITOLAK_DENGAN_PENGALIHAN
        | PEMILIK_SAJA
        | AKUN_SENDIRI
        | LAPORAN
        | SUPERUSER_SAJA
    )
    assert sorted(named - set(OBJEK)) == []


# --- pages ------------------------------------------------------------------------------------------------------------------

BOLEH = "allowed"


def _harapan_halaman(name: str, persona: Persona, owner: str | None, method: str) -> str | int:
    """BOLEH, 403 or 404 for a logged-in persona."""
    if name in LKJIP_PEMDA:
        return _harapan_lkjip_pemda(name, persona)
    if name in PEMILIK_SAJA:
        return BOLEH if persona.username == PEMILIK_PEMBUATAN else 404
    if name in SUPERUSER_SAJA:
        return 403
    if name in ADMIN_SAJA:
        return BOLEH if persona.admin else 403
    if name in AKUN_SENDIRI:
        return BOLEH
    if owner is None:  # a list or a page without an object: only the role matters
        if name in VERIFIKASI:
            return BOLEH if persona.verifikasi else 403
        if name in PENILAI:
            return BOLEH if persona.penilai else 403
        if name in TULIS or (method == "post" and name not in BACA_POST):
            return BOLEH if persona.penulis else 403
        return BOLEH
    reads = persona.kaltim if name in SE_PEMDA else persona.reads(owner)
    if name in LAPORAN and owner in persona.menyusun:
        return BOLEH
    if not reads:
        return 404
    if name in VERIFIKASI:
        return BOLEH if persona.verifies(owner) else 403
    if name in PENILAI:
        return BOLEH if persona.penilai else 403
    if name in TULIS or (method == "post" and name not in BACA_POST):
        return BOLEH if persona.writes(owner) else 403
    return BOLEH


def _sesuai(name: str, harapan: str | int, status: int, location: str) -> bool:
    if harapan == BOLEH:
        if name in EKSPOR_KOSONG and status == 404:
            return True
        return status < 500 and status not in (401, 403, 404) and not location.startswith("/masuk/")
    if harapan == 403 and name in DITOLAK_DENGAN_PENGALIHAN and status == 302:
        return True
    return status == harapan


_METODE: dict[str, str] = {}


def _metode(name: str, url: str, admin: Pengguna) -> str:
    """GET, or POST for a page that answers the admin's GET with 405 (remembered per process: some are reports)."""
    if name not in _METODE:
        _METODE[name] = "post" if _as(admin).get(url).status_code == 405 else "get"
    return _METODE[name]


@pytest.mark.parametrize("kunci", list(PERSONA))
def test_the_access_matrix_holds_for_every_page(orang, kunci):
    persona = PERSONA[kunci]
    kesalahan: list[str] = []
    for name, kwargs_of in OBJEK.items():
        kwargs, owner = _pemilik(kwargs_of)
        if kwargs and owner is None:
            kesalahan.append(f"{name}: its object helper records no owner unit (decorate it with @_milik)")
            continue
        url = reverse(name, kwargs=kwargs or None)
        method = _metode(name, url, orang["admin"])
        response = getattr(_as(orang[kunci]), method)(url)
        status, location = response.status_code, response.get("Location", "")
        if name in PUBLIC:
            if status >= 500 or (name in PORTAL and status != 200):
                kesalahan.append(f"{name}: {kunci} got {status}")
            continue
        if persona.username is None:
            if not (status == 302 and location.startswith("/masuk/")):
                kesalahan.append(
                    f"{name}: anonymous got {status} {location}, expected a redirect to the login"
                )
            continue
        harapan = _harapan_halaman(name, persona, owner, method)
        if not _sesuai(name, harapan, status, location):
            kesalahan.append(
                f"{name} ({method.upper()}, object of {owner}): {kunci} got {status}, expected {harapan}"
            )
    assert kesalahan == []


@pytest.mark.parametrize(
    "name",
    [n for n, f in OBJEK.items() if f is NONE and n not in PUBLIC and n not in {"beranda"}],
)
def test_lists_show_an_outsider_nothing_of_kaltim(orang, name):
    response = _as(orang["luar"]).get(reverse(name))
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        assert "Sekretariat Daerah Provinsi Kalimantan Timur" not in body
        assert "Biro Administrasi Pimpinan" not in body


# --- REST API ------------------------------------------------------------------------------------------------------------------
# Objects of Biro Adpim where there is one, so that unit A's operator writes, unit A's pimpinan reads (and is refused
# writing) and unit B's operator does not see them. Authentication is by token, as an API client does.


@dataclass(frozen=True)
class Permintaan:
    """One request of the API matrix: `baca` are the units whose readers see the object, `tulis` the unit whose
    writers may change it (`jenis` "verifikasi": whose verifiers may act)."""

    method: str
    kwargs: Callable[[], dict[str, Any]] = NONE
    data: Callable[[], dict[str, Any]] = NONE
    baca: frozenset[str] = frozenset()  # empty: a list, every logged-in user reads it
    tulis: str = ""
    jenis: str = "baca"  # baca | tulis | verifikasi
    query: dict[str, Any] = field(default_factory=dict)
    format: str = "json"
    daftar: tuple[str, str] | None = (
        None  # (model, path to the pemda kode): a list the outsider must see empty of
    )


def _iku12() -> Any:  # an IKU of the Setda's Renstra that Biro Adpim reports
    return _indikator("IKU12")


def _sasaran() -> Any:
    return _renstra().sasaran.order_by("urutan").first()


_SETDA_ADPIM = frozenset({SETDA, ADPIM})
_SETDA_SAJA = frozenset({SETDA})
_ADPIM = frozenset({ADPIM})

API_PUBLIK = {"api:token", "api:schema", "api:docs"}

API: dict[str, list[Permintaan]] = {
    "api:token": [],
    "api:schema": [],
    "api:docs": [],
    "api:renstra-list": [
        Permintaan("get", daftar=("perencanaan.RencanaStrategis", "unit_kerja__pemda__kode"))
    ],
    "api:renstra-detail": [Permintaan("get", _pk_arg(_renstra), baca=_SETDA_SAJA)],
    "api:renstra-capaian": [Permintaan("get", _pk_arg(_renstra), baca=_SETDA_SAJA, query={"tahun": 2024})],
    "api:indikator-list": [
        Permintaan("get", daftar=("perencanaan.Indikator", "renstra__unit_kerja__pemda__kode")),
        Permintaan(
            "post",
            data=lambda: {
                "renstra": _renstra().pk,
                "sasaran": _sasaran().pk,
                "kode": "IKU-UJI",
                "nama": "Indikator uji",
                "satuan": "%",
            },
            baca=_SETDA_SAJA,
            tulis=SETDA,
            jenis="tulis",
        ),
    ],
    "api:indikator-monev": [Permintaan("get", _pk_arg(_iku12), baca=_SETDA_ADPIM, query={"tahun": 2024})],
    "api:indikator-detail": [
        Permintaan("get", _pk_arg(_iku12), baca=_SETDA_ADPIM),
        Permintaan("patch", _pk_arg(_iku12), baca=_SETDA_ADPIM, tulis=SETDA, jenis="tulis"),
    ],
    "api:target-list": [
        Permintaan("get", daftar=("perencanaan.Target", "indikator__renstra__unit_kerja__pemda__kode")),
        Permintaan(
            "post",
            data=lambda: {"indikator": _iku12().pk, "tahun": 2026, "nilai": "90"},
            baca=_SETDA_SAJA,
            tulis=SETDA,
            jenis="tulis",
        ),
    ],
    "api:target-detail": [
        Permintaan("get", lambda: {"pk": _iku12().target.get(tahun=2025).pk}, baca=_SETDA_SAJA),
        Permintaan(
            "patch",
            lambda: {"pk": _iku12().target.get(tahun=2025).pk},
            baca=_SETDA_SAJA,
            tulis=SETDA,
            jenis="tulis",
        ),
    ],
    "api:realisasi-list": [
        Permintaan("get", daftar=("pengukuran.Realisasi", "unit_kerja__pemda__kode")),
        Permintaan(
            "post",
            data=lambda: {"indikator": _iku12().pk, "tahun": 2025, "periode": "TW1", "nilai": "80"},
            baca=_SETDA_ADPIM,
            tulis=ADPIM,
            jenis="tulis",
        ),
    ],
    "api:realisasi-detail": [
        Permintaan("get", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM),
        Permintaan("put", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM, tulis=ADPIM, jenis="tulis"),
    ],
    "api:realisasi-ajukan": [
        Permintaan("post", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM, tulis=ADPIM, jenis="tulis")
    ],
    "api:realisasi-kembalikan": [
        Permintaan("post", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM, tulis=ADPIM, jenis="verifikasi")
    ],
    "api:realisasi-verifikasi": [
        Permintaan("post", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM, tulis=ADPIM, jenis="verifikasi")
    ],
    "api:realisasi-buka-verifikasi": [
        Permintaan("post", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM, tulis=ADPIM, jenis="verifikasi")
    ],
    "api:realisasi-data-dukung": [
        Permintaan("get", _pk_arg(lambda: _realisasi("IKU12")), baca=_ADPIM),
        Permintaan(
            "post",
            _pk_arg(lambda: _realisasi("IKU12")),
            baca=_ADPIM,
            tulis=ADPIM,
            jenis="tulis",
            format="multipart",
        ),
    ],
    "api:realisasi-tautkan": [
        Permintaan(
            "post",
            _pk_arg(lambda: _realisasi("IKU12")),
            data=lambda: {"dokumen": _dokumen("IKU12").pk},
            baca=_ADPIM,
            tulis=ADPIM,
            jenis="tulis",
        )
    ],
    "api:data-dukung-list": [Permintaan("get", daftar=("pengukuran.DataDukung", "unit_kerja__pemda__kode"))],
    "api:data-dukung-detail": [Permintaan("get", _pk_arg(lambda: _dokumen("IKU12")), baca=_ADPIM)],
    "api:data-dukung-unduh": [Permintaan("get", _pk_arg(lambda: _dokumen("IKU12")), baca=_ADPIM)],
    "api:anggaran-list": [
        Permintaan(
            "get",
            daftar=(
                "anggaran.AnggaranSubKegiatan",
                "sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode",
            ),
        ),
        Permintaan(
            "post",
            data=lambda: {
                "sub_kegiatan": _anggaran(ADPIM).sub_kegiatan_id,
                "tahun": 2025,
                "pagu": "1000",
                "realisasi": "0",
            },
            baca=_ADPIM,
            tulis=ADPIM,
            jenis="tulis",
        ),
    ],
    "api:anggaran-detail": [
        Permintaan("get", _pk_arg(lambda: _anggaran(ADPIM)), baca=_ADPIM),
        Permintaan("patch", _pk_arg(lambda: _anggaran(ADPIM)), baca=_ADPIM, tulis=ADPIM, jenis="tulis"),
    ],
    "api:anggaran-bulanan": [
        Permintaan("put", _pk_arg(lambda: _anggaran(ADPIM)), baca=_ADPIM, tulis=ADPIM, jenis="tulis")
    ],
    "api:survei-list": [Permintaan("get", daftar=("survei.Survei", "unit_kerja__pemda__kode"))],
    # Issue #20: the organisation and the plan's structure, read-only.
    "api:unit-kerja-list": [Permintaan("get", daftar=("organisasi.UnitKerja", "pemda__kode"))],
    "api:unit-kerja-detail": [Permintaan("get", _pk_arg(_unit), baca=_SETDA_SAJA)],
    "api:tujuan-list": [Permintaan("get", daftar=("perencanaan.Tujuan", "renstra__unit_kerja__pemda__kode"))],
    "api:tujuan-detail": [Permintaan("get", lambda: {"pk": _renstra().tujuan.first().pk}, baca=_SETDA_SAJA)],
    "api:sasaran-list": [
        Permintaan("get", daftar=("perencanaan.Sasaran", "renstra__unit_kerja__pemda__kode"))
    ],
    "api:sasaran-detail": [Permintaan("get", lambda: {"pk": _sasaran().pk}, baca=_SETDA_SAJA)],
    "api:program-list": [Permintaan("get", daftar=("perencanaan.Program", "unit_kerja__pemda__kode"))],
    "api:nomenklatur-list": [Permintaan("get")],  # national reference data: every logged-in user reads it
    "api:program-detail": [
        Permintaan("get", lambda: {"pk": _anggaran(ADPIM).sub_kegiatan.kegiatan.program_id}, baca=_ADPIM)
    ],
    "api:survei-detail": [Permintaan("get", _pk_arg(_survei), baca=_ADPIM)],
    # The kept unit capaian of the Renstra in force (issue #24): a list, the outsider sees none of Kaltim's.
    "api:renstra-capaian-unit": [
        Permintaan(
            "get", daftar=("perencanaan.RencanaStrategis", "unit_kerja__pemda__kode"), query={"tahun": 2024}
        )
    ],
}


# --- issue #18: the pemda's own rules (settings area): every role of the pemda reads, its admin writes ---------------

_KALTIM_SEMUA = frozenset({SETDA, ADPIM, ORGANISASI})


@_milik(lambda p: _unit())
def _pengaturan_kaltim() -> Any:
    from sakip.pengukuran.models import PengaturanPengukuran

    return PengaturanPengukuran.objects.get_or_create(pemda=_unit().pemda, berlaku_mulai=2000)[0]


def _pengaturan_baru() -> dict[str, Any]:
    return {
        "pemda": _unit().pemda_id,
        "tahun": 2030,
        "metode_rollup": "rata_rata_indikator",
        "kebijakan_kosong": "hitung_nol",
        "batas_capaian": "110.00",
        "skala_kategori": "lkjip_kaltim",
        "hari_tenggat": 10,
    }


@_milik(lambda s: _unit())
def _skala_kaltim() -> Any:
    from sakip.pengukuran import services

    admin = Pengguna.objects.get(username="admin")
    ada = services.SkalaKategori.objects.filter(pemda=_unit().pemda, kode="matriks").first()
    return ada or services.salin_skala(pemda=_unit().pemda, by=admin, sumber="lampu", kode="matriks", nama="")


def _skala_ubah() -> dict[str, Any]:
    return {"nama": "Lampu", "pita": _skala_kaltim().pita}


@_milik(lambda a: _unit())
def _aturan_kaltim() -> Any:
    from sakip.pengukuran import services

    admin = Pengguna.objects.get(username="admin")
    ada = services.AturanValidasi.objects.filter(pemda=_unit().pemda, nama="Matriks").first()
    return ada or services.simpan_aturan(
        pemda=_unit().pemda, by=admin, jenis="terlambat", nama="Matriks", tingkat="peringatan"
    )


def _aturan_ubah() -> dict[str, Any]:
    return {"jenis": "terlambat", "nama": "Matriks", "tingkat": "peringatan"}


@_milik(lambda s: _unit())
def _satuan_kaltim() -> Any:
    from sakip.perencanaan import services
    from sakip.perencanaan.models import SatuanPemda

    admin = Pengguna.objects.get(username="admin")
    ada = SatuanPemda.objects.filter(pemda=_unit().pemda, nama="PBU").first()
    return ada or services.tambah_satuan(pemda=_unit().pemda, nama="PBU", jenis="jumlah", by=admin)


OBJEK.update(
    {
        "perencanaan:satuan": NONE,
        "pengukuran:aturan_daftar": NONE,
        "pengukuran:aturan_detail": _pk_arg(_aturan_kaltim),
        "pengukuran:pengaturan": NONE,
        "pengukuran:skala_daftar": NONE,
        "pengukuran:skala_detail": _pk_arg(_skala_kaltim),
    }
)
SE_PEMDA.update({"pengukuran:skala_detail", "pengukuran:aturan_detail"})
API.update(
    {
        "api:pengaturan-pengukuran-list": [
            Permintaan("get"),
            Permintaan("post", data=_pengaturan_baru, baca=_KALTIM_SEMUA, tulis=SETDA, jenis="tulis"),
        ],
        "api:pengaturan-pengukuran-detail": [
            Permintaan("get", _pk_arg(_pengaturan_kaltim), baca=_KALTIM_SEMUA)
        ],
        "api:pengaturan-pengukuran-berlaku": [Permintaan("get", query={"tahun": 2025})],
        "api:skala-kategori-list": [
            Permintaan("get", daftar=("pengukuran.SkalaKategori", "pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {"pemda": _unit().pemda_id, "kode": "api-baru", "salin_dari": "lampu"},
                baca=_KALTIM_SEMUA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
        "api:skala-kategori-detail": [
            Permintaan("get", _pk_arg(_skala_kaltim), baca=_KALTIM_SEMUA),
            Permintaan(
                "put",
                _pk_arg(_skala_kaltim),
                data=_skala_ubah,
                baca=_KALTIM_SEMUA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
        "api:skala-kategori-bawaan": [Permintaan("get")],
        "api:satuan-list": [
            Permintaan("get", daftar=("perencanaan.SatuanPemda", "pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {"pemda": _unit().pemda_id, "nama": "Satuan matriks", "jenis": "jumlah"},
                baca=_KALTIM_SEMUA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
        "api:satuan-detail": [Permintaan("get", _pk_arg(_satuan_kaltim), baca=_KALTIM_SEMUA)],
        "api:satuan-bawaan": [Permintaan("get")],
        "api:aturan-validasi-list": [
            Permintaan("get", daftar=("pengukuran.AturanValidasi", "pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {"pemda": _unit().pemda_id, **_aturan_ubah()},
                baca=_KALTIM_SEMUA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
        "api:aturan-validasi-detail": [
            Permintaan("get", _pk_arg(_aturan_kaltim), baca=_KALTIM_SEMUA),
            Permintaan(
                "put",
                _pk_arg(_aturan_kaltim),
                data=_aturan_ubah,
                baca=_KALTIM_SEMUA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
    }
)


def _harapan_api(p: Permintaan, persona: Persona) -> str | int:
    if persona.username is None:
        return 401
    if p.jenis == "admin":  # the admin pemda's own endpoints: every other role gets 403 before any object
        return BOLEH if persona.admin else 403
    if p.jenis == "baca":
        return BOLEH if not p.baca or persona.reads(*p.baca) else 404
    # DRF checks the role before the object: a user without any right to write (or verify) learns nothing.
    if not (persona.penulis or (p.jenis == "verifikasi" and persona.verifikasi)):
        return 403
    if not persona.reads(*p.baca):
        return 404
    boleh = persona.verifies(p.tulis) if p.jenis == "verifikasi" else persona.writes(p.tulis)
    return BOLEH if boleh else 403


def _api_client(user: Pengguna | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize("kunci", list(PERSONA))
def test_the_access_matrix_holds_for_every_api_route(orang, kunci):
    persona = PERSONA[kunci]
    client = _api_client(orang[kunci])
    kesalahan: list[str] = []
    for name, permintaan in API.items():
        if name in API_PUBLIK:
            url = reverse(name)
            status = (client.post(url, {}) if name == "api:token" else client.get(url)).status_code
            if status >= 500:
                kesalahan.append(f"{name}: {kunci} got {status}")
            continue
        assert permintaan, f"{name}: no request in API"
        for p in permintaan:
            url = reverse(name, kwargs=p.kwargs() or None)
            if p.method == "get":
                response = client.get(url, {**p.query, "page_size": 500})
            else:
                response = getattr(client, p.method)(url, p.data(), format=p.format)
            harapan = _harapan_api(p, persona)
            ok = (
                response.status_code < 500 and response.status_code not in (401, 403, 404)
                if harapan == BOLEH
                else response.status_code == harapan
            )
            if not ok:
                kesalahan.append(
                    f"{name} {p.method.upper()}: {kunci} got {response.status_code}, expected {harapan}"
                )
            if p.daftar and kunci == "luar" and response.status_code == 200:
                model, path = p.daftar
                kaltim = set(
                    apps.get_model(model).objects.filter(**{path: KALTIM}).values_list("pk", flat=True)
                )
                seen = {row["id"] for row in response.json()["results"]}
                if seen & kaltim:
                    kesalahan.append(f"{name}: the outsider's list shows Kaltim rows {sorted(seen & kaltim)}")
    assert kesalahan == []


def test_every_api_list_gives_the_admin_rows_of_kaltim(orang):
    """So that the outsider's empty lists above mean something."""
    _dokumen("IKU12")
    _skala_kaltim()
    _aturan_kaltim()
    _satuan_kaltim()
    _pejabat_kaltim()
    admin = _api_client(orang["admin"])
    for name, permintaan in API.items():
        for p in permintaan:
            if p.daftar:
                assert admin.get(reverse(name)).json()["count"] > 0, name


# --- issue #20 points 1, 3 and 5: programs, kegiatan and sub kegiatan; the nomenclature; officials; users and roles ----

# The nomenclature master is national data shared by every pemda: only a superuser loads a version (no persona is one).
SUPERUSER_SAJA = {"perencanaan:nomenklatur_impor", "perencanaan:nomenklatur_impor_terapkan"}


def _program_adpim() -> dict[
    str, Any
]:  # a program of Biro Adpim with a budget: its deletion is refused, not done
    return {"pk": _anggaran(ADPIM).sub_kegiatan.kegiatan.program_id}


def _kegiatan_adpim() -> dict[str, Any]:
    return {"pk": _anggaran(ADPIM).sub_kegiatan.kegiatan_id}


def _sub_adpim() -> dict[str, Any]:
    return {"pk": _anggaran(ADPIM).sub_kegiatan_id}


@_milik(lambda p: p.unit_kerja)
def _pejabat_kaltim() -> Any:
    import datetime

    from sakip.organisasi.models import Pejabat

    ada = Pejabat.objects.filter(pemda__kode=KALTIM, nama="Pejabat Matriks").first()
    return ada or org_services.simpan_pejabat(
        pemda=_unit().pemda,
        unit_kerja=_unit(ADPIM),
        nama="Pejabat Matriks",
        jabatan="Kepala Biro Administrasi Pimpinan",
        mulai=datetime.date(2024, 1, 1),
        by=None,
    )


def _pengguna_uji() -> Any:  # an account of Kaltim the admin may deactivate in the matrix
    akun = Pengguna.objects.filter(username="matriks.uji").first()
    if akun is None:
        akun = Pengguna.objects.create_user("matriks.uji", password="x-rahasia-123")
        org_services.assign_role(
            pengguna=akun, peran="operator", pemda=_unit().pemda, unit_kerja=_unit(ORGANISASI)
        )
    return akun


# --- the pemda's RPJMD, its cascade and individual PK (issue #25) ----------------------------------------------------
# The RPJMD is the pemda's: every role of Kaltim reads it (SE_PEMDA, recorded as the Setda's), its admin writes it. A
# cascade link belongs to the supporting Renstra's unit, an individual PK to its unit (Biro Adpim in the demo).


def _rpjmd_kaltim() -> Any:
    from sakip.rpjmd.models import Rpjmd

    return Rpjmd.objects.get(pemda__kode=KALTIM, tahun_mulai=2024)


@_milik(lambda r: _unit())
def _rpjmd() -> Any:
    return _rpjmd_kaltim()


@_milik(lambda s: _unit())
def _sasaran_daerah() -> Any:
    return _rpjmd_kaltim().sasaran.get(kode="SD1")


@_milik(lambda v: _unit())
def _rpjmd_versi() -> Any:
    from sakip.rpjmd.models import RpjmdVersi

    versi, _ = RpjmdVersi.objects.get_or_create(
        rpjmd=_rpjmd_kaltim(), nomor=1, defaults={"alasan": "Penyesuaian", "isi": {"nama": "RPJMD"}}
    )
    return versi


@_milik(lambda d: d.renstra.unit_kerja)
def _dukungan() -> Any:
    from sakip.rpjmd import services as rpjmd_services
    from sakip.rpjmd.models import Dukungan

    rpjmd = _rpjmd_kaltim()
    indikator_daerah = rpjmd.indikator.get(kode="ID4")
    ada = Dukungan.objects.filter(indikator__kode="IKU13", indikator_daerah=indikator_daerah).first()
    return ada or rpjmd_services.tambah_dukungan(
        by=Pengguna.objects.get(username="admin"),
        indikator=_indikator("IKU13"),
        indikator_daerah=indikator_daerah,
    )


@_milik(lambda p: p.unit_kerja)
def _pk_individu() -> Any:
    from sakip.rpjmd.models import PKIndividu

    return PKIndividu.objects.get(unit_kerja__kode=ADPIM, unit_kerja__pemda__kode=KALTIM, tahun=2024)


@_milik(lambda i: i.pk_individu.unit_kerja)
def _indikator_individu() -> Any:
    return _pk_individu().indikator.order_by("urutan").first()


def _rpjmd_bagian(jenis: str) -> Callable[[], dict[str, Any]]:
    return lambda: {"jenis": jenis, "pk": _sasaran_daerah().pk}


OBJEK.update(
    {
        "perencanaan:program_create": _pk_arg(_renstra),
        "perencanaan:program_detail": _program_adpim,
        "perencanaan:program_update": _program_adpim,
        "perencanaan:program_delete": _program_adpim,
        "perencanaan:kegiatan_create": _program_adpim,
        "perencanaan:kegiatan_update": _kegiatan_adpim,
        "perencanaan:kegiatan_delete": _kegiatan_adpim,
        "perencanaan:sub_kegiatan_update": _sub_adpim,
        "perencanaan:sub_kegiatan_delete": _sub_adpim,
        "perencanaan:nomenklatur_daftar": NONE,
        "perencanaan:nomenklatur_impor": NONE,
        "perencanaan:nomenklatur_impor_terapkan": NONE,
        "organisasi:pejabat_list": NONE,
        "organisasi:pejabat_create": NONE,
        "organisasi:pejabat_update": _pk_arg(_pejabat_kaltim),
        "organisasi:pejabat_end": _pk_arg(_pejabat_kaltim),
    }
)
TULIS |= {
    "perencanaan:program_create",
    "perencanaan:program_update",
    "perencanaan:kegiatan_create",
    "perencanaan:kegiatan_update",
    "perencanaan:sub_kegiatan_update",
}
ADMIN_SAJA |= {
    "organisasi:pejabat_list",
    "organisasi:pejabat_create",
    "organisasi:pejabat_update",
    "organisasi:pejabat_end",
}
API.update(
    {
        "api:program-list": [
            *API["api:program-list"],
            Permintaan(
                "post",
                data=lambda: {"unit_kerja": _unit(ADPIM).pk, "kode": "4.01.02", "nama": "Program matriks"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
        ],
        "api:program-detail": [
            *API["api:program-detail"],
            Permintaan(
                "patch",
                _program_adpim,
                data=lambda: {"nama": "Program"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
            Permintaan("delete", _program_adpim, baca=_ADPIM, tulis=ADPIM, jenis="tulis"),
        ],
        "api:kegiatan-list": [
            Permintaan("get", daftar=("perencanaan.Kegiatan", "program__unit_kerja__pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {"program": _program_adpim()["pk"], "kode": "0.00.00.0.00", "nama": "K"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
        ],
        "api:kegiatan-detail": [
            Permintaan("get", _kegiatan_adpim, baca=_ADPIM),
            Permintaan(
                "patch",
                _kegiatan_adpim,
                data=lambda: {"nama": "Kegiatan"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
            Permintaan("delete", _kegiatan_adpim, baca=_ADPIM, tulis=ADPIM, jenis="tulis"),
        ],
        "api:sub-kegiatan-list": [
            Permintaan(
                "get", daftar=("perencanaan.SubKegiatan", "kegiatan__program__unit_kerja__pemda__kode")
            ),
            Permintaan(
                "post",
                data=lambda: {"kegiatan": _kegiatan_adpim()["pk"], "kode": "0.00.00.0.00.0000", "nama": "S"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
        ],
        "api:sub-kegiatan-detail": [
            Permintaan("get", _sub_adpim, baca=_ADPIM),
            Permintaan(
                "patch",
                _sub_adpim,
                data=lambda: {"satuan_keluaran": "Dokumen"},
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
            Permintaan("delete", _sub_adpim, baca=_ADPIM, tulis=ADPIM, jenis="tulis"),
        ],
        "api:pengguna-list": [
            Permintaan("get", jenis="admin"),
            Permintaan(
                "post", data=lambda: {"username": "matriks.baru", "nama_depan": "Baru"}, jenis="admin"
            ),
        ],
        "api:pengguna-detail": [Permintaan("get", _pk_arg(_pengguna_uji), jenis="admin")],
        "api:pengguna-nonaktifkan": [Permintaan("post", _pk_arg(_pengguna_uji), jenis="admin")],
        "api:penugasan-list": [
            Permintaan("get", jenis="admin"),
            Permintaan(
                "post",
                data=lambda: {
                    "pengguna": _pengguna_uji().pk,
                    "peran": "pimpinan",
                    "pemda": _unit().pemda_id,
                    "unit_kerja": _unit(ORGANISASI).pk,
                },
                jenis="admin",
            ),
        ],
        "api:penugasan-detail": [
            Permintaan("get", lambda: {"pk": _pengguna_uji().penugasan.first().pk}, jenis="admin")
        ],
        "api:penugasan-cabut": [
            Permintaan("post", lambda: {"pk": _pengguna_uji().penugasan.first().pk}, jenis="admin")
        ],
        "api:pejabat-list": [
            Permintaan("get", daftar=("organisasi.Pejabat", "pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {"pemda": _unit().pemda_id, "nama": "N", "jabatan": "J", "mulai": "2024-01-01"},
                jenis="admin",
            ),
        ],
        "api:pejabat-detail": [
            Permintaan("get", _pk_arg(_pejabat_kaltim), baca=_KALTIM_SEMUA),
            Permintaan(
                "patch", _pk_arg(_pejabat_kaltim), data=lambda: {"nama": "Pejabat Matriks"}, jenis="admin"
            ),
        ],
    }
)


OBJEK.update(
    {
        "rpjmd:daftar": NONE,
        "rpjmd:baru": NONE,
        "rpjmd:detail": _pk_arg(_rpjmd),
        "rpjmd:ubah": _pk_arg(_rpjmd),
        "rpjmd:perubahan": _pk_arg(_rpjmd),
        "rpjmd:versi": _pk_arg(_rpjmd_versi),
        "rpjmd:elemen_baru": lambda: {"pk": _rpjmd().pk, "jenis": "sasaran"},
        "rpjmd:elemen_ubah": _rpjmd_bagian("sasaran"),
        "rpjmd:elemen_hapus": _rpjmd_bagian("sasaran"),  # SD1 still has indicators: refused with a message
        "rpjmd:dukungan": _pk_arg(_rpjmd),
        "rpjmd:dukungan_hapus": _pk_arg(_dukungan),
        "rpjmd:pohon": _pk_arg(_rpjmd),
        "rpjmd:pohon_png": _pk_arg(_rpjmd),
        "rpjmd:pohon_pdf": _pk_arg(_rpjmd),
        "rpjmd:ekspor": _pk_arg(_rpjmd),
        "rpjmd:impor": _pk_arg(_rpjmd),
        "rpjmd:pk_individu_daftar": NONE,
        "rpjmd:pk_individu_baru": NONE,
        "rpjmd:pk_individu_detail": _pk_arg(_pk_individu),
        "rpjmd:pk_individu_ubah": _pk_arg(_pk_individu),
        "rpjmd:pk_individu_indikator": _pk_arg(_pk_individu),
        "rpjmd:indikator_individu_hapus": _pk_arg(_indikator_individu),
    }
)
ADMIN_SAJA |= {"rpjmd:baru"}
SE_PEMDA |= {
    "rpjmd:detail",
    "rpjmd:ubah",
    "rpjmd:perubahan",
    "rpjmd:versi",
    "rpjmd:elemen_baru",
    "rpjmd:elemen_ubah",
    "rpjmd:elemen_hapus",
    "rpjmd:dukungan",
    "rpjmd:pohon",
    "rpjmd:pohon_png",
    "rpjmd:pohon_pdf",
    "rpjmd:ekspor",
    "rpjmd:impor",
}
TULIS |= {
    "rpjmd:ubah",
    "rpjmd:elemen_baru",
    "rpjmd:elemen_ubah",
    "rpjmd:impor",
    "rpjmd:pk_individu_baru",
    "rpjmd:pk_individu_ubah",
}


def _rpjmd_id() -> int:
    return _rpjmd_kaltim().pk


def _rpjmd_bagian_api(model: str) -> Callable[[], dict[str, Any]]:
    def kwargs() -> dict[str, Any]:
        from django.apps import apps as django_apps

        return {"pk": django_apps.get_model("rpjmd", model).objects.filter(rpjmd=_rpjmd_kaltim()).first().pk}

    return kwargs


def _rpjmd_tulis(data: Callable[[], dict[str, Any]] = NONE, method: str = "post", **kw: Any) -> Permintaan:
    return Permintaan(method, data=data, baca=_KALTIM_SEMUA, tulis=SETDA, jenis="tulis", **kw)


API.update(
    {
        "api:rpjmd-list": [
            Permintaan("get", daftar=("rpjmd.Rpjmd", "pemda__kode")),
            _rpjmd_tulis(
                lambda: {
                    "pemda": _unit().pemda_id,
                    "nama": "RPJMD 2027",
                    "tahun_mulai": 2027,
                    "tahun_selesai": 2031,
                }
            ),
        ],
        "api:rpjmd-detail": [
            Permintaan("get", lambda: {"pk": _rpjmd_id()}, baca=_KALTIM_SEMUA),
            _rpjmd_tulis(lambda: {"kepala_daerah": "Gubernur"}, "patch", kwargs=lambda: {"pk": _rpjmd_id()}),
        ],
        "api:rpjmd-pohon": [
            Permintaan("get", lambda: {"pk": _rpjmd_id()}, baca=_KALTIM_SEMUA, query={"tahun": 2024})
        ],
        "api:rpjmd-yatim": [Permintaan("get", lambda: {"pk": _rpjmd_id()}, baca=_KALTIM_SEMUA)],
        "api:rpjmd-misi-list": [
            Permintaan("get", daftar=("rpjmd.Misi", "rpjmd__pemda__kode")),
            _rpjmd_tulis(lambda: {"rpjmd": _rpjmd_id(), "kode": "MX", "uraian": "Misi uji"}),
        ],
        "api:rpjmd-misi-detail": [
            Permintaan("get", _rpjmd_bagian_api("Misi"), baca=_KALTIM_SEMUA),
            _rpjmd_tulis(lambda: {"uraian": "Misi diubah"}, "patch", kwargs=_rpjmd_bagian_api("Misi")),
        ],
        "api:rpjmd-tujuan-list": [
            Permintaan("get", daftar=("rpjmd.TujuanDaerah", "rpjmd__pemda__kode")),
            _rpjmd_tulis(lambda: {"rpjmd": _rpjmd_id(), "kode": "TX", "uraian": "Tujuan uji"}),
        ],
        "api:rpjmd-tujuan-detail": [
            Permintaan("get", _rpjmd_bagian_api("TujuanDaerah"), baca=_KALTIM_SEMUA),
            _rpjmd_tulis(
                lambda: {"uraian": "Tujuan diubah"}, "patch", kwargs=_rpjmd_bagian_api("TujuanDaerah")
            ),
        ],
        "api:rpjmd-sasaran-list": [
            Permintaan("get", daftar=("rpjmd.SasaranDaerah", "rpjmd__pemda__kode")),
            _rpjmd_tulis(
                lambda: {
                    "rpjmd": _rpjmd_id(),
                    "kode": "SX",
                    "uraian": "Sasaran uji",
                    "tujuan": _rpjmd_kaltim().tujuan.first().pk,
                }
            ),
        ],
        "api:rpjmd-sasaran-detail": [
            Permintaan("get", _rpjmd_bagian_api("SasaranDaerah"), baca=_KALTIM_SEMUA),
            _rpjmd_tulis(
                lambda: {"strategi": "Strategi"}, "patch", kwargs=_rpjmd_bagian_api("SasaranDaerah")
            ),
        ],
        "api:rpjmd-indikator-list": [
            Permintaan("get", daftar=("rpjmd.IndikatorDaerah", "rpjmd__pemda__kode")),
            _rpjmd_tulis(
                lambda: {
                    "rpjmd": _rpjmd_id(),
                    "kode": "IX",
                    "nama": "Indikator uji",
                    "satuan": "Persen",
                    "sasaran": _sasaran_daerah().pk,
                    "target": [{"tahun": 2025, "target": "90"}],
                }
            ),
        ],
        "api:rpjmd-indikator-detail": [
            Permintaan("get", _rpjmd_bagian_api("IndikatorDaerah"), baca=_KALTIM_SEMUA),
            _rpjmd_tulis(lambda: {"is_iku": True}, "patch", kwargs=_rpjmd_bagian_api("IndikatorDaerah")),
        ],
        "api:rpjmd-dukungan-list": [
            Permintaan("get", daftar=("rpjmd.Dukungan", "renstra__unit_kerja__pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {
                    "indikator": _indikator("IKU07").pk,
                    "indikator_daerah": _rpjmd_kaltim().indikator.get(kode="ID5").pk,
                },
                baca=_SETDA_SAJA,
                tulis=SETDA,
                jenis="tulis",
            ),
        ],
        "api:rpjmd-dukungan-detail": [
            Permintaan("get", _pk_arg(_dukungan), baca=_SETDA_SAJA),
            Permintaan("delete", _pk_arg(_dukungan), baca=_SETDA_SAJA, tulis=SETDA, jenis="tulis"),
        ],
        "api:pk-individu-list": [
            Permintaan("get", daftar=("rpjmd.PKIndividu", "unit_kerja__pemda__kode")),
            Permintaan(
                "post",
                data=lambda: {
                    "unit_kerja": _unit(ADPIM).pk,
                    "tahun": 2025,
                    "nama": "Uji",
                    "jabatan": "Pelaksana",
                },
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            ),
        ],
        "api:pk-individu-detail": [Permintaan("get", _pk_arg(_pk_individu), baca=_ADPIM)],
        "api:pk-individu-indikator": [
            Permintaan(
                "post",
                _pk_arg(_pk_individu),
                data=lambda: {
                    "nama": "Uji",
                    "satuan": "Persen",
                    "target": "90",
                    "mendukung": _indikator("IKU13").pk,
                },
                baca=_ADPIM,
                tulis=ADPIM,
                jenis="tulis",
            )
        ],
    }
)


@_milik(lambda p: _unit())
def _pk_kepala_daerah() -> Any:
    from sakip.rpjmd import services as rpjmd_services
    from sakip.rpjmd.models import PKKepalaDaerah

    ada = PKKepalaDaerah.objects.filter(rpjmd=_rpjmd_kaltim(), tahun=2025).first()
    return ada or rpjmd_services.buat_pk_kepala_daerah(
        rpjmd=_rpjmd_kaltim(),
        tahun=2025,
        by=Pengguna.objects.get(username="admin"),
        jabatan="Gubernur Kalimantan Timur",
    )


OBJEK.update(
    {
        "rpjmd:pk_kd_baru": _pk_arg(_rpjmd),
        "rpjmd:pk_kd_detail": _pk_arg(_pk_kepala_daerah),
        "rpjmd:pk_kd_ubah": _pk_arg(_pk_kepala_daerah),
        "rpjmd:pk_kd_finalkan": _pk_arg(_pk_kepala_daerah),  # no name yet: refused with a message
        "pelaporan:pk_kd_docx": _pk_arg(_pk_kepala_daerah),
        "pelaporan:pk_kd_pdf": _pk_arg(_pk_kepala_daerah),
    }
)
SE_PEMDA |= {
    "rpjmd:pk_kd_baru",
    "rpjmd:pk_kd_detail",
    "rpjmd:pk_kd_ubah",
    "rpjmd:pk_kd_finalkan",
    "pelaporan:pk_kd_docx",
    "pelaporan:pk_kd_pdf",
}
TULIS |= {"rpjmd:pk_kd_baru", "rpjmd:pk_kd_ubah"}


# The pemda's own LKjIP (issue #25): read by those who read the whole pemda (admin, evaluator) and by pimpinan, built
# and edited by the admin (and compiler units, none in the demo); an operator of one PD is refused (403), another
# pemda gets 404 (`pelaporan.akses.rpjmd_laporan`).
def _lkjip_pemda() -> dict[str, Any]:
    return {"pk": _rpjmd().pk, "tahun": 2024}


LKJIP_PEMDA = {
    "pelaporan:lkjip_pemda",
    "pelaporan:lkjip_pemda_docx",
    "pelaporan:lkjip_pemda_buat",
    "pelaporan:lkjip_pemda_teks",
    "pelaporan:lkjip_pemda_penyusun",
}
LKJIP_PEMDA_SUSUN = {
    "pelaporan:lkjip_pemda_buat",
    "pelaporan:lkjip_pemda_teks",
    "pelaporan:lkjip_pemda_penyusun",
}
OBJEK.update(dict.fromkeys(LKJIP_PEMDA, _lkjip_pemda))
SE_PEMDA |= LKJIP_PEMDA


def _harapan_lkjip_pemda(name: str, persona: Persona) -> str | int:
    if not persona.kaltim:
        return 404
    if name in LKJIP_PEMDA_SUSUN:
        return BOLEH if persona.admin else 403
    return BOLEH if (persona.admin or persona.penilai or persona.verifikasi) else 403


# The API of the PK of the kepala daerah (issue #25): every role of the pemda reads, its admin pemda writes.
API.update(
    {
        "api:pk-kepala-daerah-list": [
            Permintaan("get", daftar=("rpjmd.PKKepalaDaerah", "rpjmd__pemda__kode")),
            _rpjmd_tulis(
                lambda: {"rpjmd": _rpjmd_id(), "tahun": 2026, "jabatan": "Gubernur Kalimantan Timur"}
            ),
        ],
        "api:pk-kepala-daerah-detail": [
            Permintaan("get", _pk_arg(_pk_kepala_daerah), baca=_KALTIM_SEMUA),
            _rpjmd_tulis(lambda: {"tempat": "Samarinda"}, "patch", kwargs=_pk_arg(_pk_kepala_daerah)),
        ],
        # no name yet: refused with a message for the admin pemda
        "api:pk-kepala-daerah-finalkan": [_rpjmd_tulis(kwargs=_pk_arg(_pk_kepala_daerah))],
    }
)
