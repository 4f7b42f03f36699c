"""Loads the demo data shipped in sakip/demo/data. Idempotent: running it again updates, never duplicates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from sakip.akun import services as akun_services
from sakip.organisasi import services as organisasi_services
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.profil import demo as profil_demo

DATA_DIR = Path(__file__).resolve().parent / "data"
# Every demo account shares this password; the README states it. Never load the demo into a real deployment.
DEMO_PASSWORD = "sakip-demo-2024"  # noqa: S105 (demo only, stated in the README)


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _load_units(pemda: Pemda, rows: list[dict[str, Any]], induk: UnitKerja | None) -> None:
    for urutan, row in enumerate(rows, start=1):
        unit = organisasi_services.upsert_unit(
            pemda=pemda,
            kode=row["kode"],
            nama=row["nama"],
            singkatan=row.get("singkatan", ""),
            jenis=row["jenis"],
            eselon=row.get("eselon", ""),
            induk=induk,
            urutan=urutan,
        )
        _load_units(pemda, row.get("anak", []), unit)


def _load_user(row: dict[str, Any]) -> None:
    nama = row.get("nama", "")
    user, created = Pengguna.objects.get_or_create(
        username=row["username"], defaults={"first_name": nama, "jabatan": row.get("jabatan", "")}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
    if row.get("superuser"):
        user.is_superuser = True
        user.is_staff = True
    user.save()
    for peran in row.get("peran", []):
        pemda = Pemda.objects.get(kode=peran["pemda"])
        unit = UnitKerja.objects.get(pemda=pemda, kode=peran["unit"]) if peran.get("unit") else None
        organisasi_services.assign_role(pengguna=user, peran=peran["peran"], pemda=pemda, unit_kerja=unit)


@transaction.atomic
def load_organisasi() -> None:
    """organisasi.json (Setda Prov. Kaltim, demo users), then organisasi_tambahan.json (other pemda)."""
    for name in ("organisasi.json", "organisasi_tambahan.json"):
        data = _read(name)
        for row in data["pemda"]:
            pemda = organisasi_services.upsert_pemda(kode=row["kode"], nama=row["nama"], jenis=row["jenis"])
            _load_units(pemda, row.get("unit", []), None)
        for row in data.get("pengguna", []):
            _load_user(row)


@transaction.atomic
def load_perencanaan() -> None:
    """Renstra, IKU, programs and PK of the seeds: files perencanaan_*.json, in name order."""
    from sakip.perencanaan import paket

    penandatangan = Pengguna.objects.get(username="admin")
    for path in sorted(DATA_DIR.glob("perencanaan_*.json")):
        data = _read(path.name)
        pemda = Pemda.objects.get(kode=data["pemda"])
        for raw in data.get("renstra", []):
            paket.apply_renstra(pemda=pemda, data=paket.renstra_from_dict(raw), by=penandatangan)
        for raw in data.get("pk", []):
            paket.apply_pk(pemda=pemda, data=paket.pk_from_dict(raw), by=penandatangan)


@transaction.atomic
def load_pengukuran() -> None:
    """Realisasi and narrative of the seeds: files pengukuran_*.json, in name order.

    Published realisasi are submitted and verified by the demo admin when the file says "diverifikasi". A
    realisasi or narrative that already holds the same values is left untouched, so loading twice changes nothing.
    """
    from sakip.lib.angka import parse_angka
    from sakip.pengukuran import services as pengukuran
    from sakip.pengukuran.models import Narasi, Realisasi
    from sakip.perencanaan.models import Indikator

    admin = Pengguna.objects.get(username="admin")
    teks_narasi = ("analisis", "faktor_pendukung", "faktor_penghambat", "permasalahan", "solusi")
    for path in sorted(DATA_DIR.glob("pengukuran_*.json")):
        data = _read(path.name)
        indikator = {
            i.kode: i
            for i in Indikator.objects.filter(
                renstra__unit_kerja__pemda__kode=data["pemda"],
                renstra__unit_kerja__kode=data["renstra_unit"],
                renstra__tahun_mulai=data["renstra_tahun_mulai"],
            ).select_related("penanggung_jawab", "renstra__unit_kerja")
        }
        for row in data.get("realisasi", []):
            ind = indikator[row["indikator"]]
            masukan = {nama: parse_angka(v) for nama, v in row.get("masukan", {}).items()}
            nilai = parse_angka(row["nilai"]) if row.get("nilai") else None
            predikat = row.get("predikat", "")
            tahun, periode = row["tahun"], row["periode"]
            realisasi = Realisasi.objects.filter(indikator=ind, tahun=tahun, periode=periode).first()
            sama = (
                realisasi is not None
                and realisasi.masukan == {nama: str(v) for nama, v in masukan.items()}
                and realisasi.nilai_predikat == predikat
                and (bool(masukan) or realisasi.nilai == nilai)
            )
            if not sama:
                realisasi = pengukuran.save_realisasi(
                    indikator=ind,
                    tahun=tahun,
                    periode=periode,
                    by=admin,
                    nilai=nilai,
                    predikat=predikat,
                    masukan=masukan or None,
                    tanpa_rincian=ind.pakai_rumus and not masukan,
                    versi=realisasi.versi if realisasi else 0,
                )
            assert realisasi is not None
            if row.get("status") == Realisasi.Status.DIVERIFIKASI and realisasi.status != row["status"]:
                if realisasi.status != Realisasi.Status.DIAJUKAN:
                    realisasi = pengukuran.submit_realisasi(realisasi, by=admin)
                pengukuran.verify_realisasi(realisasi, by=admin)
        for row in data.get("narasi", []):
            ind = indikator[row["indikator"]]
            teks = {nama: row.get(nama, "") for nama in teks_narasi}
            narasi = Narasi.objects.filter(indikator=ind, tahun=row["tahun"]).first()
            if narasi is None or any(getattr(narasi, nama) != isi for nama, isi in teks.items()):
                pengukuran.save_narasi(
                    indikator=ind, tahun=row["tahun"], by=admin, versi=narasi.versi if narasi else 0, **teks
                )


@transaction.atomic
def load_anggaran() -> None:
    """Budget per sub kegiatan (pagu, realisasi, output) of the seeds: files anggaran_*.json, in name order."""
    from sakip.anggaran import paket as anggaran_paket

    admin = Pengguna.objects.get(username="admin")
    for path in sorted(DATA_DIR.glob("anggaran_*.json")):
        anggaran_paket.muat(data=_read(path.name), by=admin)


@transaction.atomic
def load_evaluasi() -> list[Any]:
    """LHE AKIP scores, schemes and recommendations of the seeds: files evaluasi_*.json, in name order.

    Returns the printed figures that differ from the recomputed ones (seed 004 has two typing slips).
    """
    from sakip.evaluasi import paket as evaluasi_paket

    admin = Pengguna.objects.get(username="admin")
    selisih: list[Any] = []
    for path in sorted(DATA_DIR.glob("evaluasi_*.json")):
        selisih.extend(evaluasi_paket.muat(data=_read(path.name), by=admin))
    return selisih


@transaction.atomic
def load_survei() -> None:
    """SKM surveys rebuilt as individual responses from the seeds: files survei_*.json, in name order."""
    from sakip.survei import demo as survei_demo

    admin = Pengguna.objects.get(username="admin")
    for path in sorted(DATA_DIR.glob("survei_*.json")):
        survei_demo.muat(data=_read(path.name), by=admin)


@transaction.atomic
def load_keputusan_iku() -> None:
    """The texts of the IKU decrees of seeds 002 and 003 (keputusan_iku.json); a decree already holding them is left
    untouched, so loading twice changes nothing."""
    import datetime

    from sakip.perencanaan import services as perencanaan_services
    from sakip.perencanaan.models import KeputusanIKU, RencanaStrategis

    admin = Pengguna.objects.get(username="admin")
    for row in _read("keputusan_iku.json")["keputusan"]:
        renstra = RencanaStrategis.objects.select_related("unit_kerja").get(
            unit_kerja__pemda__kode=row["pemda"], unit_kerja__kode=row["unit"], tahun_mulai=row["tahun_mulai"]
        )
        isi: dict[str, Any] = {k: row.get(k, "") for k in perencanaan_services.KEPUTUSAN_TEKS}
        isi["tanggal"] = datetime.date.fromisoformat(row["tanggal"]) if row.get("tanggal") else None
        ada = KeputusanIKU.objects.filter(renstra=renstra).first()
        if ada is not None and all(getattr(ada, k) == v for k, v in isi.items()):
            continue
        perencanaan_services.simpan_keputusan_iku(renstra=renstra, by=admin, **isi)


def load_kebijakan_dua_faktor() -> None:
    """The demo's pemdas require no second factor, so that the shared demo accounts open without a phone (README).
    A real pemda, without a saved policy, requires it of its admin and evaluators. Kept when already saved: a demo
    user who changed the policy keeps their choice when the demo is loaded again."""
    kode = {
        row["kode"]
        for nama in ("organisasi.json", "organisasi_tambahan.json")
        for row in _read(nama)["pemda"]
    }
    for pemda in Pemda.objects.filter(kode__in=kode, kebijakan_dua_faktor__isnull=True):
        akun_services.simpan_kebijakan(pemda=pemda, peran_wajib=set(), by=None)


def load_pelaporan() -> None:
    """Who compiles the Setda's LKjIP besides the Setda, and the signature under its kata pengantar
    (pelaporan_1_kaltim_2024.json); what is already stored is kept, so loading twice changes nothing."""
    from sakip.pelaporan import services as pelaporan_services
    from sakip.pelaporan.models import PenyusunLaporan, TeksLaporan

    admin = Pengguna.objects.get(username="admin")
    data = _read("pelaporan_1_kaltim_2024.json")
    for row in data["penyusun_laporan"]:
        unit = UnitKerja.objects.select_related("pemda").get(pemda__kode=row["pemda"], kode=row["unit"])
        penyusun = UnitKerja.objects.get(pemda__kode=row["pemda"], kode=row["penyusun"])
        if not PenyusunLaporan.objects.filter(unit_kerja=unit, penyusun=penyusun).exists():
            pelaporan_services.tambah_penyusun(unit_kerja=unit, penyusun=penyusun, by=admin)
    for row in data["tanda_tangan"]:
        unit = UnitKerja.objects.get(pemda__kode=row["pemda"], kode=row["unit"])
        if TeksLaporan.objects.filter(unit_kerja=unit, tahun=row["tahun"]).exists():
            continue
        isi = {k: v for k, v in row.items() if k in pelaporan_services.TANDA_TANGAN}
        pelaporan_services.simpan_teks(unit_kerja=unit, tahun=row["tahun"], by=admin, versi=0, **isi)


@transaction.atomic
def load_publikasi() -> None:
    """Documents published on the public portal (files publikasi_*.json); one already published is left as it is."""
    from sakip.perencanaan import services as perencanaan_services
    from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
    from sakip.publikasi import services as publikasi
    from sakip.publikasi.models import Dokumen

    for path in sorted(DATA_DIR.glob("publikasi_*.json")):
        data = _read(path.name)
        penerbit = Pengguna.objects.get(username=data["penerbit"])
        for row in data.get("finalkan_pk", []):
            pk = PerjanjianKinerja.objects.get(
                unit_kerja__pemda__kode=data["pemda"],
                unit_kerja__kode=row["unit"],
                tahun=row["tahun"],
                versi=1,
            )
            if pk.status != PerjanjianKinerja.Status.DRAFT:
                continue
            pk.pihak_kedua_nama = row["pihak_kedua_nama"]
            perencanaan_services.save_with_history(pk, penerbit)
            perencanaan_services.finalize_pk(perjanjian=pk, by=penerbit)
        for row in data["terbitkan"]:
            unit = {"unit_kerja__pemda__kode": data["pemda"], "unit_kerja__kode": row["unit"]}
            if row["jenis"] == "pk":
                objek: Any = (
                    PerjanjianKinerja.objects.filter(**unit, tahun=row["tahun"]).order_by("-versi").first()
                )
            else:
                objek = RencanaStrategis.objects.get(**unit, tahun_mulai=row["renstra_tahun_mulai"])
            sumber = publikasi.sumber(jenis=row["jenis"], objek=objek, tahun=row.get("tahun"))
            if Dokumen.objects.filter(kunci=sumber.kunci, terbit=True).exists():
                continue
            publikasi.terbitkan(sumber=sumber, by=penerbit)


@transaction.atomic
def load_rpjmd() -> None:
    """The pemda's RPJMD, its cascade to the Setda's Renstra and individual PK (files rpjmd_*.json, in name order)."""
    from sakip.rpjmd import demo as rpjmd_demo

    admin = Pengguna.objects.get(username="admin")
    for path in sorted(DATA_DIR.glob("rpjmd_*.json")):
        rpjmd_demo.muat(data=_read(path.name), by=admin)


def load_all() -> None:
    """Every demo data set, in dependency order; then the kept capaian are rebuilt once (changes are only collected
    while loading instead of being recomputed after every save)."""
    from django.core.management import call_command

    from sakip.pengukuran import kini

    with kini.ditunda():
        load_organisasi()
        load_kebijakan_dua_faktor()
        profil_demo.load()
        load_perencanaan()
        load_keputusan_iku()
        load_pengukuran()
        load_anggaran()
        load_evaluasi()
        load_survei()
        load_pelaporan()
        load_publikasi()
        load_rpjmd()
    call_command("hitung_ulang_capaian", verbosity=0)
