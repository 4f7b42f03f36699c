"""LHE results as a data package (JSON): a pemda's schemes, evaluations with scores, recommendations.

Loading is idempotent (keyed by pemda kode, unit kode, year and recommendation number) and goes through the
services. Figures the source printed (``tercetak``) are recomputed from the component scores, and every mismatch
is returned: reports are typed by people (domain reference section 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from sakip.evaluasi import nilai, services
from sakip.evaluasi.models import EvaluasiAkip, KomponenSkema, SkemaEvaluasi
from sakip.lib.angka import format_angka, parse_angka
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja


@dataclass(frozen=True)
class Selisih:
    """A printed figure that differs from the one computed from the inputs."""

    unit: str
    tahun: int
    apa: str
    tercetak: str
    dihitung: str

    def __str__(self) -> str:
        return f"{self.unit} {self.tahun} {self.apa}: tercetak {self.tercetak}, dihitung {self.dihitung}"


def _angka(teks: str | None) -> Decimal | None:
    return None if teks in (None, "") else parse_angka(str(teks))


def _skema(pemda: Pemda, raw: dict[str, Any], by: Pengguna) -> SkemaEvaluasi:
    komponen = [
        services.KomponenBaru(
            kode=k["kode"], nama=k["nama"], bobot=_angka(k.get("bobot")), induk=k.get("induk")
        )
        for k in raw["komponen"]
    ]
    return services.upsert_skema(
        pemda=pemda,
        kode=raw["kode"],
        nama=raw["nama"],
        dasar_hukum=raw.get("dasar_hukum", ""),
        keterangan=raw.get("keterangan", ""),
        komponen=komponen,
        by=by,
    )


def _cari_skema(pemda: Pemda, kode: str) -> SkemaEvaluasi:
    skema = SkemaEvaluasi.objects.filter(pemda=pemda, kode=kode).first()
    return skema or SkemaEvaluasi.objects.get(pemda__isnull=True, kode=kode)


def _evaluasi(pemda: Pemda, raw: dict[str, Any], by: Pengguna) -> EvaluasiAkip:
    unit = UnitKerja.objects.get(pemda=pemda, kode=raw["unit"])
    skema = _cari_skema(pemda, raw["skema"])
    data = {
        "lembaga": raw.get("lembaga", ""),
        "nomor_lhe": raw.get("nomor_lhe", ""),
        "tanggal_lhe": dt.date.fromisoformat(raw["tanggal_lhe"]) if raw.get("tanggal_lhe") else None,
        "catatan": raw.get("catatan", ""),
    }
    evaluasi = EvaluasiAkip.objects.filter(unit_kerja=unit, tahun=raw["tahun"]).first()
    if evaluasi is None:
        evaluasi = services.create_evaluasi(unit_kerja=unit, tahun=raw["tahun"], skema=skema, by=by, **data)
    elif evaluasi.skema_id != skema.pk or any(getattr(evaluasi, k) != v for k, v in data.items()):
        evaluasi = services.update_evaluasi(evaluasi, skema=skema, by=by, **data)
    services.save_nilai(
        evaluasi=evaluasi, nilai_baru={kode: _angka(v) for kode, v in raw.get("nilai", {}).items()}, by=by
    )
    komponen = {k.kode: k for k in KomponenSkema.objects.filter(skema=skema)}
    ada = {r.urutan: r for r in evaluasi.rekomendasi.all()}
    for row in raw.get("rekomendasi", []):
        rekomendasi = ada.get(row["no"])
        isian = {
            "komponen": komponen[row["komponen"]] if row.get("komponen") else None,
            "uraian": row["uraian"],
            "tindak_lanjut": row.get("tindak_lanjut", ""),
            "status": row["status"],
            "penanggung_jawab": (
                UnitKerja.objects.get(pemda=pemda, kode=row["penanggung_jawab"])
                if row.get("penanggung_jawab")
                else None
            ),
            "batas_waktu": dt.date.fromisoformat(row["batas_waktu"]) if row.get("batas_waktu") else None,
        }
        if rekomendasi is not None and all(getattr(rekomendasi, k) == v for k, v in isian.items()):
            continue
        # impor: a published LHE's Sudah is recorded as the report printed it (no follow-up evidence here).
        services.save_rekomendasi(
            evaluasi=evaluasi, rekomendasi=rekomendasi, urutan=row["no"], impor=True, by=by, **isian
        )
    return evaluasi


def _bandingkan(evaluasi: list[EvaluasiAkip], tercetak: dict[str, Any]) -> list[Selisih]:
    """Compare the printed totals, grades and changes with those computed from the scores."""
    selisih: list[Selisih] = []
    if not evaluasi:
        return selisih
    unit = str(evaluasi[0].unit_kerja)
    lengkap = EvaluasiAkip.objects.filter(pk__in=[e.pk for e in evaluasi]).lengkap()
    hasil = {e.tahun: e.hasil() for e in lengkap}
    for tahun_teks, printed in tercetak.get("total", {}).items():
        total = hasil[int(tahun_teks)].total
        if format_angka(total) != printed:
            selisih.append(Selisih(unit, int(tahun_teks), "total", printed, format_angka(total)))
    for tahun_teks, printed in tercetak.get("predikat", {}).items():
        pita = hasil[int(tahun_teks)].predikat
        if (pita.kode if pita else "–") != printed:
            selisih.append(Selisih(unit, int(tahun_teks), "predikat", printed, pita.kode if pita else "–"))
    perubahan = tercetak.get("perubahan")
    if perubahan:
        lama, baru = hasil[perubahan["dari"]], hasil[perubahan["ke"]]
        for kode, printed in perubahan["nilai"].items():
            if kode == "TOTAL":
                dihitung = nilai.perubahan(lama.total, baru.total)
            else:
                dihitung = nilai.perubahan(lama.nilai.get(kode), baru.nilai.get(kode))
            if format_angka(dihitung) != printed:
                apa = f"perubahan {perubahan['dari']}–{perubahan['ke']} {kode}"
                selisih.append(Selisih(unit, perubahan["ke"], apa, printed, format_angka(dihitung)))
    return selisih


@transaction.atomic
def muat(*, data: dict[str, Any], by: Pengguna) -> list[Selisih]:
    """Load one package; returns the printed figures that differ from the recomputed ones."""
    pemda = Pemda.objects.get(kode=data["pemda"])
    for raw in data.get("skema", []):
        _skema(pemda, raw, by)
    per_unit: dict[str, list[EvaluasiAkip]] = {}
    for raw in data.get("evaluasi", []):
        per_unit.setdefault(raw["unit"], []).append(_evaluasi(pemda, raw, by))
    selisih: list[Selisih] = []
    for kode_unit, tercetak in data.get("tercetak", {}).items():
        selisih.extend(_bandingkan(per_unit.get(kode_unit, []), tercetak))
    return selisih
