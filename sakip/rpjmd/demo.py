"""The demo RPJMD of Prov. Kaltim (sakip/demo/data/rpjmd_*.json), loaded through the services. Idempotent: rows are
matched by kode, links and individual PK by their natural keys, and an unchanged row is not written again."""

from __future__ import annotations

from typing import Any

from sakip.lib.angka import parse_angka
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import Indikator, Sasaran
from sakip.rpjmd import services
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    IndikatorIndividu,
    Misi,
    PKIndividu,
    Rpjmd,
    SasaranDaerah,
    TujuanDaerah,
)


def _angka(teks: str) -> Any:
    return parse_angka(teks) if teks else None


def _beda(obj: Any, nilai: dict[str, Any]) -> bool:
    return obj is None or any(getattr(obj, k) != v for k, v in nilai.items())


def muat(*, data: dict[str, Any], by: Pengguna) -> Rpjmd:
    pemda = Pemda.objects.get(kode=data["pemda"])
    raw = data["rpjmd"]
    kepala = {
        k: raw[k] for k in ("nama", "tahun_mulai", "tahun_selesai", "kepala_daerah", "dasar_hukum", "visi")
    }
    rpjmd = Rpjmd.objects.filter(pemda=pemda, tahun_mulai=raw["tahun_mulai"]).first()
    if _beda(rpjmd, kepala):
        rpjmd = services.simpan_rpjmd(pemda=pemda, by=by, rpjmd=rpjmd, **kepala)
    assert rpjmd is not None
    for urutan, m in enumerate(raw["misi"], start=1):
        nilai = {"kode": m["kode"], "uraian": m["uraian"], "urutan": urutan}
        obj = Misi.objects.filter(rpjmd=rpjmd, kode=m["kode"]).first()
        if _beda(obj, nilai):
            services.simpan_misi(rpjmd=rpjmd, by=by, misi=obj, **nilai)
    for urutan, t in enumerate(raw["tujuan"], start=1):
        nilai = {
            "kode": t["kode"],
            "uraian": t["uraian"],
            "misi": Misi.objects.get(rpjmd=rpjmd, kode=t["misi"]),
            "urutan": urutan,
        }
        obj = TujuanDaerah.objects.filter(rpjmd=rpjmd, kode=t["kode"]).first()
        if _beda(obj, nilai):
            services.simpan_tujuan(rpjmd=rpjmd, by=by, tujuan=obj, **nilai)
    for urutan, s in enumerate(raw["sasaran"], start=1):
        nilai = {
            "kode": s["kode"],
            "uraian": s["uraian"],
            "tujuan": TujuanDaerah.objects.get(rpjmd=rpjmd, kode=s["tujuan"]),
            "strategi": s["strategi"],
            "arah_kebijakan": s["arah_kebijakan"],
            "penanggung_jawab": UnitKerja.objects.get(pemda=pemda, kode=s["penanggung_jawab"]),
            "urutan": urutan,
        }
        obj = SasaranDaerah.objects.filter(rpjmd=rpjmd, kode=s["kode"]).first()
        if _beda(obj, nilai):
            services.simpan_sasaran(rpjmd=rpjmd, by=by, sasaran=obj, **nilai)
    for urutan, i in enumerate(raw["indikator"], start=1):
        nilai = {
            "kode": i["kode"],
            "nama": i["nama"],
            "sasaran": SasaranDaerah.objects.get(rpjmd=rpjmd, kode=i["sasaran"]),
            "satuan": i["satuan"],
            "is_iku": i["iku"],
            "kondisi_awal": _angka(i["kondisi_awal"]),
            "kondisi_akhir": _angka(i["kondisi_akhir"]),
            "urutan": urutan,
        }
        target = {int(th): (_angka(t), _angka(r)) for th, (t, r) in i["target"].items()}
        obj = IndikatorDaerah.objects.filter(rpjmd=rpjmd, kode=i["kode"]).first()
        lama = {t.tahun: (t.target, t.realisasi) for t in obj.target.all()} if obj else {}
        if _beda(obj, nilai) or lama != target:
            services.simpan_indikator(rpjmd=rpjmd, by=by, indikator=obj, target=target, **nilai)

    d = data["dukungan"]
    renstra = {"renstra__unit_kerja__pemda": pemda, "renstra__unit_kerja__kode": d["renstra_unit"]}
    renstra["renstra__tahun_mulai"] = d["renstra_tahun_mulai"]
    for kode_s, kode_sd in d["sasaran"]:
        sasaran = Sasaran.objects.get(**renstra, kode=kode_s)
        sd = SasaranDaerah.objects.get(rpjmd=rpjmd, kode=kode_sd)
        if not Dukungan.objects.filter(sasaran=sasaran, sasaran_daerah=sd).exists():
            services.tambah_dukungan(by=by, sasaran=sasaran, sasaran_daerah=sd)
    for kode_i, kode_id in d["indikator"]:
        ind = Indikator.objects.get(**renstra, kode=kode_i)
        idd = IndikatorDaerah.objects.get(rpjmd=rpjmd, kode=kode_id)
        if not Dukungan.objects.filter(indikator=ind, indikator_daerah=idd).exists():
            services.tambah_dukungan(by=by, indikator=ind, indikator_daerah=idd)

    for p in data["pk_individu"]:
        unit = UnitKerja.objects.get(pemda=pemda, kode=p["unit"])
        nilai = {
            k: p[k]
            for k in ("tahun", "nama", "nip", "jabatan", "status_jabatan", "atasan_nama", "atasan_jabatan")
        }
        obj = PKIndividu.objects.filter(
            unit_kerja=unit, tahun=p["tahun"], nip=p["nip"], jabatan=p["jabatan"]
        ).first()
        if _beda(obj, nilai):
            obj = services.simpan_pk_individu(unit_kerja=unit, by=by, pk_individu=obj, **nilai)
        assert obj is not None
        for urutan, i in enumerate(p["indikator"], start=1):
            didukung = Indikator.objects.get(**renstra, kode=i["mendukung"])
            nilai_i = {
                "nama": i["nama"],
                "satuan": i["satuan"],
                "target": parse_angka(i["target"]),
                "realisasi": _angka(i["realisasi"]),
                "mendukung": didukung,
                "urutan": urutan,
            }
            ada = IndikatorIndividu.objects.filter(pk_individu=obj, nama=i["nama"]).first()
            if _beda(ada, nilai_i):
                services.simpan_indikator_individu(pk_individu=obj, by=by, indikator=ada, **nilai_i)
    for raw_pk in data.get("pk_kepala_daerah", []):
        if not rpjmd.pk_kepala_daerah.filter(tahun=raw_pk["tahun"]).exists():
            isi = {k: v for k, v in raw_pk.items() if not k.startswith("_") and k != "tahun"}
            services.buat_pk_kepala_daerah(rpjmd=rpjmd, tahun=raw_pk["tahun"], by=by, **isi)
    return rpjmd
