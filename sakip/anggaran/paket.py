"""A year's budget as plain values (the demo JSON files), written through the same services as a user's edits.

Shape: {"pemda": "64", "tahun": 2024, "unit": [{"unit": "SETDA.POD", "program": [{"kode", "nama", "kinerja"?,
"kegiatan": [{"kode", "nama", "kinerja"?, "sub_kegiatan": [{"kode", "nama", "jenis_belanja", "pagu", "realisasi",
"target_keluaran", "realisasi_keluaran", "satuan"}]}]}]}]}; money and numbers are Indonesian text.

Program, kegiatan and sub kegiatan are matched by unit + code. The budget structure belongs to perencanaan; when a
file names one that the planning data does not have (seed 004's Program Penunjang of seven Biro is in Tabel 3.19
but not in the Renstra), it is created here through the planning models' own validation (full_clean), without
touching the program's sasaran links. Loading twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.anggaran import services
from sakip.lib import angka
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan


def _angka(teks: Any, konteks: str) -> Decimal | None:
    if teks is None or str(teks).strip() == "":
        return None
    try:
        return angka.parse_angka(str(teks))
    except angka.AngkaError as exc:
        raise ValidationError(f"{konteks}: {exc}") from exc


def _dapatkan(model: type[Any], lookup: dict[str, Any], nama: str, dibuat: list[str], **isi: Any) -> Any:
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj
    obj = model(**lookup, nama=nama, **isi)
    obj.full_clean()
    obj.save()
    dibuat.append(f"{model._meta.verbose_name} {obj.kode}")
    return obj


@transaction.atomic
def muat(*, data: dict[str, Any], by: Pengguna | None = None) -> list[str]:
    """Write a budget file; returns the planning rows it had to create (program/kegiatan/sub kegiatan)."""
    pemda = Pemda.objects.get(kode=data["pemda"])
    tahun = int(data["tahun"])
    dibuat: list[str] = []
    for kode_unit, kode in data.get("kode_sipd", {}).items():
        unit = UnitKerja.objects.filter(pemda=pemda, kode=kode_unit).first()
        if unit is None:
            raise ValidationError(f"Unit kerja '{kode_unit}' tidak ada di {pemda}.")
        services.simpan_kode_sipd(unit=unit, kode=kode, by=by)
    for blok in data["unit"]:
        unit = UnitKerja.objects.filter(pemda=pemda, kode=blok["unit"]).first()
        if unit is None:
            raise ValidationError(f"Unit kerja '{blok['unit']}' tidak ada di {pemda}.")
        for p in blok["program"]:
            program = _dapatkan(Program, {"unit_kerja": unit, "kode": p["kode"]}, p["nama"], dibuat)
            _kinerja(p, program=program, kegiatan=None, tahun=tahun, by=by)
            for k in p["kegiatan"]:
                kegiatan = _dapatkan(Kegiatan, {"program": program, "kode": k["kode"]}, k["nama"], dibuat)
                _kinerja(k, program=program, kegiatan=kegiatan, tahun=tahun, by=by)
                for s in k["sub_kegiatan"]:
                    konteks = f"Sub kegiatan {s['kode']} ({unit.kode})"
                    sub = _dapatkan(
                        SubKegiatan,
                        {"kegiatan": kegiatan, "kode": s["kode"]},
                        s["nama"],
                        dibuat,
                        satuan_keluaran=s.get("satuan", ""),
                    )
                    pagu = _angka(s["pagu"], konteks)
                    if pagu is None:
                        raise ValidationError(f"{konteks}: pagu kosong.")
                    services.simpan_anggaran(
                        sub_kegiatan=sub,
                        tahun=tahun,
                        pagu=pagu,
                        realisasi=_angka(s.get("realisasi"), konteks) or Decimal(0),
                        jenis_belanja=s.get("jenis_belanja", "operasi"),
                        target_keluaran=_angka(s.get("target_keluaran"), konteks),
                        realisasi_keluaran=_angka(s.get("realisasi_keluaran"), konteks),
                        satuan_keluaran=s.get("satuan", ""),
                        # Published figures: realisasi above pagu (e.g. Fasilitasi Kunjungan Tamu, 126,10%) is
                        # what was reported, so it is accepted as confirmed.
                        izinkan_lebih_pagu=True,
                        by=by,
                    )
    return dibuat


def _kinerja(
    raw: dict[str, Any], *, program: Program, kegiatan: Kegiatan | None, tahun: int, by: Pengguna | None
) -> None:
    k = raw.get("kinerja")
    if not k:
        return
    konteks = f"Kinerja {kegiatan or program}"
    services.simpan_kinerja(
        program=program,
        kegiatan=kegiatan,
        tahun=tahun,
        target=_angka(k.get("target"), konteks),
        realisasi=_angka(k.get("realisasi"), konteks),
        satuan=k.get("satuan", ""),
        by=by,
    )
