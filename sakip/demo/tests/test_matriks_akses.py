"""The access matrix: every URL of the product, discovered from the URL conf, as anonymous, as an outsider (an
operator of another pemda), as a read-only pimpinan and as the pemda's admin, on the demo data of Setda Kaltim.

A URL added without an entry in OBJEK below fails `test_every_url_has_an_expectation`, so none can be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja

KALTIM = "64"


def _unit(kode: str = "SETDA") -> UnitKerja:
    return UnitKerja.objects.get(pemda__kode=KALTIM, kode=kode)


def _renstra() -> Any:
    from sakip.perencanaan.models import RencanaStrategis

    return RencanaStrategis.objects.get(unit_kerja=_unit(), tahun_mulai=2024)


def _indikator() -> Any:
    return _renstra().indikator.get(kode="IKU01")


def _pk() -> Any:
    from sakip.perencanaan.models import PerjanjianKinerja

    return PerjanjianKinerja.objects.filter(unit_kerja=_unit(), tahun=2024).first()


def _realisasi() -> Any:
    return _indikator().realisasi.get(tahun=2024, periode="TAHUN")


def _anggaran() -> Any:
    from sakip.anggaran.models import AnggaranSubKegiatan

    return AnggaranSubKegiatan.objects.filter(
        sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode=KALTIM
    ).first()


def _survei() -> Any:
    from sakip.survei.models import Survei

    return Survei.objects.filter(unit_kerja__pemda__kode=KALTIM).first()


def _evaluasi() -> Any:
    from sakip.evaluasi.models import EvaluasiAkip

    return EvaluasiAkip.objects.filter(unit_kerja=_unit()).first()


def _dokumen() -> Any:
    from sakip.pengukuran import services

    admin = Pengguna.objects.get(username="admin")
    return services.upload_data_dukung(
        unit=_realisasi().unit_kerja, nama="bukti.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=admin
    )


def _pk_arg(f: Callable[[], Any]) -> Callable[[], dict[str, Any]]:
    return lambda: {"pk": f().pk}


def _profil(**extra: Any) -> Callable[[], dict[str, Any]]:
    return lambda: {"unit_id": _unit().pk, "tahun": 2024, **extra}


NONE: Callable[[], dict[str, Any]] = dict
PUBLIC = {"login", "logout", "sehat", "survei:isi", "survei:terima_kasih"}

# Every named URL → the kwargs of a Kaltim object (NONE for lists and pages without arguments).
OBJEK: dict[str, Callable[[], dict[str, Any]]] = {
    "beranda": NONE,
    "sehat": NONE,
    "login": NONE,
    "logout": NONE,
    "organisasi:unit_list": NONE,
    "organisasi:unit_detail": _pk_arg(_unit),
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
    "pengukuran:dasbor": NONE,
    "pengukuran:dasbor_renstra": _pk_arg(_renstra),
    "pengukuran:indikator": _pk_arg(_indikator),
    "pengukuran:simpan_realisasi": _pk_arg(_indikator),
    "pengukuran:pratinjau": _pk_arg(_indikator),
    "pengukuran:simpan_narasi": _pk_arg(_indikator),
    "pengukuran:ajukan": _pk_arg(_realisasi),
    "pengukuran:kembalikan": _pk_arg(_realisasi),
    "pengukuran:verifikasi": _pk_arg(_realisasi),
    "pengukuran:unggah": _pk_arg(_realisasi),
    "pengukuran:unduh": _pk_arg(_dokumen),
    "pengukuran:kelengkapan": NONE,
    "pengukuran:kualitas_data": NONE,
    "pengukuran:kunci": NONE,
    "survei:daftar": NONE,
    "survei:baru": NONE,
    "survei:detail": _pk_arg(_survei),
    "survei:ubah": _pk_arg(_survei),
    "survei:qr": _pk_arg(_survei),
    "survei:tautan": _pk_arg(_survei),
    "survei:lepas": _pk_arg(_survei),
    "survei:hitung_ulang": _pk_arg(_survei),
    "survei:impor": _pk_arg(_survei),
    "survei:impor_terapkan": _pk_arg(_survei),
    "survei:templat": _pk_arg(_survei),
    "survei:isi": lambda: {"kode": _survei().kode},
    "survei:terima_kasih": lambda: {"kode": _survei().kode},
    "evaluasi:daftar": NONE,
    "evaluasi:baru": NONE,
    "evaluasi:unit": _pk_arg(_unit),
    "evaluasi:detail": _pk_arg(_evaluasi),
    "evaluasi:ubah": _pk_arg(_evaluasi),
    "evaluasi:nilai": _pk_arg(_evaluasi),
    "evaluasi:rekomendasi_baru": _pk_arg(_evaluasi),
    "evaluasi:tindak_lanjut": lambda: {"pk": _evaluasi().rekomendasi.first().pk},
    "evaluasi:rekomendasi_ubah": lambda: {"pk": _evaluasi().rekomendasi.first().pk},
    "evaluasi:terlambat": NONE,
    "evaluasi:skema_daftar": NONE,
    "evaluasi:skema_detail": lambda: {"pk": _evaluasi().skema_id},
    "pelaporan:daftar": NONE,
    "pelaporan:lkjip_docx": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:lkjip_pdf": lambda: {"pk": _renstra().pk, "tahun": 2024},
    "pelaporan:teks": lambda: {"unit_id": _unit().pk, "tahun": 2024},
    "pelaporan:pk_docx": _pk_arg(_pk),
    "pelaporan:audit": NONE,
    "pelaporan:audit_templat": NONE,
}


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
    assert sorted(set(_semua_nama()) - set(OBJEK)) == []
    assert sorted(set(OBJEK) - set(_semua_nama())) == []


@pytest.fixture
def orang(demo):
    """Personas on the demo: the outsider is an operator of Kalbar's Biro Umum."""
    luar = Pengguna.objects.create_user("operator.kalbar", password="x-rahasia-123")
    kalbar = Pemda.objects.get(kode="61")
    org_services.assign_role(
        pengguna=luar, peran="operator", pemda=kalbar, unit_kerja=kalbar.unit_kerja.get(kode="SETDA.UMUM")
    )
    return {
        "luar": luar,
        "pimpinan": Pengguna.objects.get(username="pimpinan.setda"),
        "admin": Pengguna.objects.get(username="admin.kaltim"),
    }


def _as(user: Pengguna | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_access_matrix_holds_for_every_url(orang):
    kesalahan: list[str] = []
    for name, kwargs_of in OBJEK.items():
        kwargs = kwargs_of()
        url = reverse(name, kwargs=kwargs or None)
        admin_get = _as(orang["admin"]).get(url)
        method = "post" if admin_get.status_code == 405 else "get"

        def status(user: Pengguna | None, method: str = method, url: str = url) -> int:
            return getattr(_as(user), method)(url).status_code

        anonim = status(None)
        if name in PUBLIC:
            if anonim >= 500:
                kesalahan.append(f"{name}: anonymous got {anonim}")
            continue
        if anonim != 302:
            kesalahan.append(f"{name}: anonymous got {anonim}, expected a redirect to login")
        admin = admin_get.status_code if method == "get" else status(orang["admin"])
        if admin >= 500 or admin == 404:
            kesalahan.append(f"{name}: the pemda's admin got {admin}")
        luar = status(orang["luar"])
        if kwargs:
            # An object of Kaltim: the outsider from Kalbar must not learn it exists (skema: a pemda's own scheme).
            if luar != 404:
                kesalahan.append(f"{name}: outsider got {luar}, expected 404")
        elif luar >= 500:
            kesalahan.append(f"{name}: outsider got {luar}")
        pimpinan = status(orang["pimpinan"])
        if pimpinan >= 500 or pimpinan == 404:
            kesalahan.append(f"{name}: pimpinan of the Setda got {pimpinan}")
        if method == "post" and pimpinan not in (403, 302, 200, 400):
            kesalahan.append(f"{name}: pimpinan POST got {pimpinan}")
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
