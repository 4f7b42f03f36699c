"""A unit's planning data as plain values: what an Excel import, the demo data and an export all go through.

`RenstraData` / `PKData` are built by a reader (Excel workbook, JSON demo file), validated, and written by
`apply_renstra` / `apply_pk` in one transaction, so that every path into the database keeps the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from sakip.lib import angka
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan import services
from sakip.perencanaan.models import (
    Indikator,
    JenisIndikator,
    Kegiatan,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Tujuan,
)


class PaketError(ValueError):
    """A value that cannot be read; the message is Indonesian and names the field."""


@dataclass
class VariabelData:
    nama: str
    label: str
    satuan: str = ""


@dataclass
class IndikatorData:
    kode: str
    nama: str
    satuan: str
    jenis: str = JenisIndikator.PERSENTASE
    polaritas: str = "positif"
    agregasi: str = "nilai_akhir"
    frekuensi: str = "triwulanan"
    formulasi: str = ""
    formulasi_uraian: str = ""
    definisi: str = ""
    alasan: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""  # unit kode
    iku: bool = True
    skala_predikat: list[str] = field(default_factory=list)
    kondisi_awal: str = ""
    kondisi_akhir: str = ""
    # The parent unit's indicator this one supports: "UNITKODE/TAHUNMULAI/INDIKATORKODE" (Renstra-qualified);
    # the older "UNITKODE/INDIKATORKODE" is accepted only while exactly one Renstra of that unit has the code.
    mendukung: str = ""
    variabel: list[VariabelData] = field(default_factory=list)
    target: dict[int, str] = field(default_factory=dict)


@dataclass
class SasaranData:
    kode: str
    uraian: str
    strategi: str = ""
    kebijakan: str = ""
    indikator: list[IndikatorData] = field(default_factory=list)


@dataclass
class TujuanData:
    kode: str
    uraian: str
    indikator: list[IndikatorData] = field(default_factory=list)
    sasaran: list[SasaranData] = field(default_factory=list)


@dataclass
class SubKegiatanData:
    kode: str
    nama: str
    indikator_keluaran: str = ""
    satuan_keluaran: str = ""


@dataclass
class KegiatanData:
    kode: str
    nama: str
    sub_kegiatan: list[SubKegiatanData] = field(default_factory=list)


@dataclass
class ProgramData:
    unit: str  # unit kode (the Biro that carries it out)
    kode: str
    nama: str
    sasaran: list[str] = field(default_factory=list)  # sasaran kode of this Renstra
    kegiatan: list[KegiatanData] = field(default_factory=list)
    # kode of the indicators of this Renstra (of the program's sasaran) the program supports; None: leave as stored
    mendukung_indikator: list[str] | None = None


@dataclass
class RenstraData:
    unit: str
    nama: str
    tahun_mulai: int
    tahun_selesai: int
    visi: str = ""
    misi: list[str] = field(default_factory=list)
    tujuan: list[TujuanData] = field(default_factory=list)
    sasaran_tanpa_tujuan: list[SasaranData] = field(default_factory=list)
    program: list[ProgramData] = field(default_factory=list)

    def semua_sasaran(self) -> list[tuple[TujuanData | None, SasaranData]]:
        return [(t, s) for t in self.tujuan for s in t.sasaran] + [
            (None, s) for s in self.sasaran_tanpa_tujuan
        ]

    def semua_indikator(self) -> list[IndikatorData]:
        return [i for t in self.tujuan for i in t.indikator] + [
            i for _, s in self.semua_sasaran() for i in s.indikator
        ]


@dataclass
class PKData:
    unit: str
    tahun: int
    renstra_tahun_mulai: int
    pihak_pertama_nama: str = ""
    pihak_pertama_jabatan: str = ""
    pihak_pertama_nip: str = ""
    pihak_kedua_nama: str = ""
    pihak_kedua_jabatan: str = ""
    pihak_kedua_nip: str = ""
    tempat: str = ""
    final: bool = False
    target: dict[str, str] = field(default_factory=dict)  # indikator kode -> target text
    pagu: dict[str, str] = field(default_factory=dict)  # "UNITKODE/PROGRAMKODE" -> rupiah text


_LABEL_DEPAN = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*=\s*(.+)$")  # "BB = 70.4"
_LABEL_BELAKANG = re.compile(
    r"^\s*(.+?)\s*\(\s*(-?\s*[A-Za-z][A-Za-z ]{0,30})\s*\)\s*$"
)  # "86 (Baik)", "3,51 (B)"
_RENTANG = re.compile(r"^\s*([0-9.,]+)\s*[–-]\s*([0-9.,]+)\s*$")


def parse_target(teks: str, *, predikat: bool, skala: list[str] | None = None) -> services.NilaiTarget:
    """Read a target as written in IKU documents: `100`, `85,5`, `100%`, `86 (Baik)`, `BB = 70.4`, `80–90`, `BB`."""
    teks = (teks or "").strip()
    if not teks:
        raise PaketError("Target kosong.")
    if predikat:
        tingkat = {p.strip().upper(): p for p in (skala or [])}
        if teks.upper() not in tingkat:
            raise PaketError(f"Predikat '{teks}' tidak ada pada skala ({', '.join(skala or [])}).")
        return services.NilaiTarget(predikat=tingkat[teks.upper()])
    keterangan = ""
    if m := _LABEL_DEPAN.match(teks):
        keterangan, teks = m.group(1).strip(), m.group(2).strip()
    elif m := _LABEL_BELAKANG.match(teks):
        teks, keterangan = m.group(1).strip(), " ".join(m.group(2).replace("- ", "-").split())
    try:
        if m := _RENTANG.match(teks):
            bawah, atas = angka.parse_angka(m.group(1)), angka.parse_angka(m.group(2))
            return services.NilaiTarget(nilai=bawah, nilai_atas=atas, keterangan=keterangan)
        return services.NilaiTarget(nilai=angka.parse_angka(teks), keterangan=keterangan)
    except angka.AngkaError as exc:
        raise PaketError(f"Target '{teks}' bukan angka yang dikenali.") from exc


def format_target(nilai: services.NilaiTarget) -> str:
    """The inverse of parse_target (used by exports so they re-import to the same state)."""
    if nilai.predikat:
        return nilai.predikat
    teks = _angka_mentah(nilai.nilai)
    if nilai.nilai_atas is not None:
        teks = f"{teks}–{_angka_mentah(nilai.nilai_atas)}"
    return f"{teks} ({nilai.keterangan})" if nilai.keterangan else teks


def _angka_mentah(nilai: Decimal | None) -> str:
    """Full-precision Indonesian text (no rounding, no trailing zeros) so a round trip loses nothing."""
    if nilai is None:
        return ""
    normal = nilai.normalize()
    if normal == normal.to_integral_value():
        return angka.format_angka(normal, 0)
    desimal = max(0, -normal.as_tuple().exponent)  # type: ignore[operator]
    return angka.format_angka(normal, desimal)


def _kondisi(teks: str, *, predikat: bool) -> tuple[Decimal | None, str]:
    teks = (teks or "").strip()
    if not teks or teks in {"-", "–"}:
        return None, ""
    if predikat:
        return None, teks
    try:
        nilai = parse_target(teks, predikat=False)
    except PaketError:
        return None, teks  # kept as text, e.g. "N/A" or "Belum ada data"
    return nilai.nilai, teks if nilai.keterangan else ""


_MENDUKUNG = re.compile(r"^\s*([^/]+?)\s*/\s*(?:(\d{4})\s*/\s*)?([^/]+?)\s*$")


def pisah_mendukung(teks: str) -> tuple[str, int | None, str] | None:
    """`SETDA/2024/IKU10` -> ("SETDA", 2024, "IKU10"); `SETDA/IKU10` -> ("SETDA", None, "IKU10"); else None."""
    m = _MENDUKUNG.match(teks or "")
    if not m:
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3)


def kunci_mendukung(indikator: Indikator) -> str:
    """The Renstra-qualified key of an indicator that others support (what exports write)."""
    renstra = indikator.renstra
    return f"{renstra.unit_kerja.kode}/{renstra.tahun_mulai}/{indikator.kode}"


def cari_mendukung(pemda: Pemda, teks: str) -> tuple[Indikator | None, str | None]:
    """The indicator a "mendukung" key names, or None with an Indonesian reason (not found, or ambiguous: an
    unqualified key that more than one Renstra of the unit holds is refused rather than guessed)."""
    bagian = pisah_mendukung(teks)
    if bagian is None:
        return None, f"'{teks}' harus ditulis KODEUNIT/TAHUNMULAI/KODEINDIKATOR, mis. SETDA/2024/IKU01."
    unit_kode, tahun, kode = bagian
    calon = Indikator.objects.filter(
        renstra__unit_kerja__pemda=pemda, renstra__unit_kerja__kode=unit_kode, kode=kode
    ).select_related("renstra__unit_kerja")
    if tahun is not None:
        calon = calon.filter(renstra__tahun_mulai=tahun)
    daftar = list(calon.order_by("renstra__tahun_mulai")[:5])
    if not daftar:
        lingkup = f"Renstra {tahun} unit {unit_kode}" if tahun else f"unit {unit_kode}"
        return None, f"Indikator '{kode}' {lingkup} tidak ditemukan."
    if len(daftar) > 1:
        pilihan = " atau ".join(kunci_mendukung(i) for i in daftar)
        return None, (
            f"'{teks}' ambigu: kode {kode} ada pada lebih dari satu Renstra unit {unit_kode} "
            f"({', '.join(f'{i.renstra.tahun_mulai}–{i.renstra.tahun_selesai}' for i in daftar)}). "
            f"Tulis {pilihan}."
        )
    return daftar[0], None


def _unit(pemda: Pemda, kode: str, konteks: str) -> UnitKerja:
    unit = UnitKerja.objects.filter(pemda=pemda, kode=kode).first()
    if unit is None:
        raise ValidationError(f"{konteks}: unit kerja dengan kode '{kode}' tidak ada di {pemda}.")
    return unit


@transaction.atomic
def apply_renstra(*, pemda: Pemda, data: RenstraData, by: Pengguna | None = None) -> RencanaStrategis:
    """Write a Renstra with its tujuan, sasaran, indicators, targets and programs, replacing what the unit had for
    that period. All or nothing: any error rolls the whole write back."""
    unit = _unit(pemda, data.unit, "Renstra")
    renstra = RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai=data.tahun_mulai).first()
    if renstra is None:
        renstra = services.create_renstra(
            unit_kerja=unit,
            nama=data.nama,
            tahun_mulai=data.tahun_mulai,
            tahun_selesai=data.tahun_selesai,
            visi=data.visi,
            misi="\n".join(data.misi),
            by=by,
        )
    else:
        renstra.nama, renstra.tahun_selesai = data.nama, data.tahun_selesai
        renstra.visi, renstra.misi = data.visi, "\n".join(data.misi)
        services.save_with_history(renstra, by)

    kode_tujuan = {t.kode for t in data.tujuan}
    kode_sasaran = {s.kode for _, s in data.semua_sasaran()}
    kode_indikator = {i.kode for i in data.semua_indikator()}
    # Indicators first (they may be held by a PK), then re-attach sasaran to their tujuan, and only then remove
    # what the file no longer has, so that moving a sasaran never deletes it through its old tujuan.
    _hapus(renstra.indikator.exclude(kode__in=kode_indikator), "indikator")

    tujuan_obj: dict[str, Tujuan] = {}
    for urutan, t in enumerate(data.tujuan, start=1):
        obj = Tujuan.objects.filter(renstra=renstra, kode=t.kode).first() or Tujuan(
            renstra=renstra, kode=t.kode
        )
        obj.uraian, obj.urutan = t.uraian, urutan
        obj.full_clean()
        obj.save()
        tujuan_obj[t.kode] = obj
    sasaran_obj: dict[str, Sasaran] = {}
    for urutan, (t, s) in enumerate(data.semua_sasaran(), start=1):
        obj = Sasaran.objects.filter(renstra=renstra, kode=s.kode).first() or Sasaran(
            renstra=renstra, kode=s.kode
        )
        obj.tujuan = tujuan_obj[t.kode] if t else None
        obj.uraian, obj.strategi, obj.kebijakan, obj.urutan = s.uraian, s.strategi, s.kebijakan, urutan
        obj.full_clean()
        obj.save()
        sasaran_obj[s.kode] = obj
    _hapus(renstra.sasaran.exclude(kode__in=kode_sasaran), "sasaran")
    _hapus(renstra.tujuan.exclude(kode__in=kode_tujuan), "tujuan")

    urutan = 0
    for t in data.tujuan:
        for ind in t.indikator:
            urutan += 1
            _apply_indikator(pemda, renstra, ind, urutan, tujuan=tujuan_obj[t.kode], sasaran=None, by=by)
    for _, s in data.semua_sasaran():
        for ind in s.indikator:
            urutan += 1
            _apply_indikator(pemda, renstra, ind, urutan, tujuan=None, sasaran=sasaran_obj[s.kode], by=by)

    for prog in data.program:
        _apply_program(pemda, prog, sasaran_obj, renstra)
    return renstra


def _hapus(queryset: Any, jenis: str) -> None:
    try:
        queryset.delete()
    except ProtectedError as exc:
        dipakai = ", ".join(sorted({str(getattr(o, "kode", o)) for o in exc.protected_objects})[:5])
        raise ValidationError(
            f"{jenis.capitalize()} yang tidak ada lagi di berkas masih dipakai (mis. pada Perjanjian Kinerja): {dipakai}."
        ) from exc


def _apply_indikator(
    pemda: Pemda,
    renstra: RencanaStrategis,
    data: IndikatorData,
    urutan: int,
    *,
    tujuan: Tujuan | None,
    sasaran: Sasaran | None,
    by: Pengguna | None,
) -> Indikator:
    predikat = data.jenis == JenisIndikator.PREDIKAT
    obj = Indikator.objects.filter(renstra=renstra, kode=data.kode).first() or Indikator(
        renstra=renstra, kode=data.kode
    )
    obj.tujuan, obj.sasaran, obj.urutan = tujuan, sasaran, urutan
    for nama in (
        "nama",
        "satuan",
        "jenis",
        "polaritas",
        "agregasi",
        "frekuensi",
        "formulasi",
        "formulasi_uraian",
        "definisi",
        "alasan",
        "sumber_data",
        "skala_predikat",
    ):
        setattr(obj, nama, getattr(data, nama))
    obj.is_iku = data.iku
    obj.penanggung_jawab = (
        _unit(pemda, data.penanggung_jawab, f"Indikator {data.kode}") if data.penanggung_jawab else None
    )
    obj.kondisi_awal, obj.kondisi_awal_teks = _kondisi(data.kondisi_awal, predikat=predikat)
    obj.kondisi_akhir, obj.kondisi_akhir_teks = _kondisi(data.kondisi_akhir, predikat=predikat)
    obj.mendukung = None
    if data.mendukung:
        obj.mendukung, alasan = cari_mendukung(pemda, data.mendukung)
        if obj.mendukung is None:
            raise ValidationError(f"Indikator {data.kode}, indikator induk: {alasan}")
    target = {}
    for tahun, teks in data.target.items():
        try:
            target[int(tahun)] = parse_target(teks, predikat=predikat, skala=data.skala_predikat)
        except PaketError as exc:
            raise ValidationError(f"Indikator {data.kode}, target {tahun}: {exc}") from exc
    variabel = [services.VariabelBaru(v.nama, v.label, v.satuan) for v in data.variabel]
    try:
        services.save_indikator(indikator=obj, variabel=variabel, target=target, by=by)
    except ValidationError as exc:
        raise ValidationError(f"Indikator {data.kode}: {'; '.join(exc.messages)}") from exc
    for lama in obj.target.exclude(tahun__in=list(target)).select_related("indikator"):
        try:
            services.delete_target(target=lama, by=by)
        except ValidationError as exc:
            raise ValidationError(f"Indikator {data.kode}: {'; '.join(exc.messages)}") from exc
    return obj


def _apply_program(
    pemda: Pemda, data: ProgramData, sasaran_obj: dict[str, Sasaran], renstra: RencanaStrategis
) -> Program:
    unit = _unit(pemda, data.unit, f"Program {data.kode}")
    tidak_ada = [k for k in data.sasaran if k not in sasaran_obj]
    if tidak_ada:
        raise ValidationError(f"Program {data.kode}: sasaran {', '.join(tidak_ada)} tidak ada pada Renstra.")
    program = services.save_program(unit_kerja=unit, kode=data.kode, nama=data.nama, sasaran=None)
    # Replace only the links to this Renstra's sasaran: a program may also serve another period's Renstra.
    renstra_ids = {o.renstra_id for o in sasaran_obj.values()}
    baru = [sasaran_obj[k] for k in data.sasaran]
    program.sasaran.remove(
        *program.sasaran.filter(renstra_id__in=renstra_ids).exclude(pk__in=[o.pk for o in baru])
    )
    program.sasaran.add(*baru)
    if data.mendukung_indikator is not None:
        indikator = {
            i.kode: i
            for i in Indikator.objects.filter(
                renstra=renstra, kode__in=data.mendukung_indikator
            ).select_related("sasaran")
        }
        for kode in data.mendukung_indikator:
            ind = indikator.get(kode)
            if ind is None:
                raise ValidationError(f"Program {data.kode}: indikator {kode} tidak ada pada Renstra.")
            if ind.sasaran is None or ind.sasaran.kode not in data.sasaran:
                raise ValidationError(
                    f"Program {data.kode}: indikator {kode} bukan indikator sasaran program ini "
                    f"({', '.join(data.sasaran) or 'tanpa sasaran'})."
                )
        program.indikator.remove(*program.indikator.filter(renstra=renstra).exclude(kode__in=list(indikator)))
        program.indikator.add(*indikator.values())
    for k in data.kegiatan:
        keg = Kegiatan.objects.filter(program=program, kode=k.kode).first() or Kegiatan(
            program=program, kode=k.kode
        )
        keg.nama = k.nama
        keg.full_clean()
        keg.save()
        for s in k.sub_kegiatan:
            sub = SubKegiatan.objects.filter(kegiatan=keg, kode=s.kode).first() or SubKegiatan(
                kegiatan=keg, kode=s.kode
            )
            sub.nama, sub.indikator_keluaran, sub.satuan_keluaran = (
                s.nama,
                s.indikator_keluaran,
                s.satuan_keluaran,
            )
            sub.full_clean()
            sub.save()
    return program


@transaction.atomic
def apply_pk(*, pemda: Pemda, data: PKData, by: Pengguna | None = None) -> PerjanjianKinerja:
    """Create (or, while still a draft, update) the unit's PK of the year from imported values; optionally final."""
    unit = _unit(pemda, data.unit, "Perjanjian Kinerja")
    renstra = RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai=data.renstra_tahun_mulai).first()
    if renstra is None:
        raise ValidationError(
            f"Perjanjian Kinerja: Renstra {data.renstra_tahun_mulai} untuk {unit} belum ada."
        )
    pihak = {
        "pihak_pertama_nama": data.pihak_pertama_nama,
        "pihak_pertama_jabatan": data.pihak_pertama_jabatan,
        "pihak_pertama_nip": data.pihak_pertama_nip,
        "pihak_kedua_nama": data.pihak_kedua_nama,
        "pihak_kedua_jabatan": data.pihak_kedua_jabatan,
        "pihak_kedua_nip": data.pihak_kedua_nip,
        "tempat": data.tempat,
    }
    pk = (
        PerjanjianKinerja.objects.filter(unit_kerja=unit, tahun=data.tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .first()
    )
    if pk is not None and not pk.dapat_diubah:
        if _pk_sama(pk, data):
            return pk  # re-loading the same signed PK (e.g. the demo twice) changes nothing
        raise ValidationError(
            f"Perjanjian Kinerja {data.tahun} {unit} sudah final: perubahan hanya melalui PK Perubahan."
        )
    if pk is None:
        pk = services.create_pk(unit_kerja=unit, renstra=renstra, tahun=data.tahun, by=by, **pihak)
    else:
        for k, v in pihak.items():
            setattr(pk, k, v)
        services.save_with_history(pk, by)
    lines = {line.indikator.kode: line for line in pk.indikator.select_related("indikator")}
    for kode, teks in data.target.items():
        line = lines.get(kode)
        if line is None:
            raise ValidationError(f"Perjanjian Kinerja: indikator '{kode}' tidak ada pada Renstra unit ini.")
        try:
            nilai = parse_target(
                teks, predikat=line.indikator.is_predikat, skala=line.indikator.skala_predikat
            )
        except PaketError as exc:
            raise ValidationError(f"Perjanjian Kinerja, indikator {kode}: {exc}") from exc
        services.set_pk_target(line=line, target=nilai.nilai, predikat=nilai.predikat, by=by)
    programs = {
        f"{p.program.unit_kerja.kode}/{p.program.kode}": p
        for p in pk.program.select_related("program__unit_kerja")
    }
    for kunci, teks in data.pagu.items():
        line = programs.get(kunci)
        if line is None:
            raise ValidationError(f"Perjanjian Kinerja: program '{kunci}' tidak ada pada unit ini.")
        try:
            services.set_pk_pagu(line=line, pagu=angka.parse_angka(teks), by=by)
        except angka.AngkaError as exc:
            raise ValidationError(f"Perjanjian Kinerja, pagu program {kunci}: {exc}") from exc
    if data.final:
        if by is None:
            raise ValidationError("Finalisasi PK membutuhkan pengguna yang menandatangani.")
        pk = services.finalize_pk(perjanjian=pk, by=by)
    return pk


def _pk_sama(pk: PerjanjianKinerja, data: PKData) -> bool:
    lines: dict[str, PKIndikator] = {
        line.indikator.kode: line for line in pk.indikator.select_related("indikator")
    }
    for kode, teks in data.target.items():
        line = lines.get(kode)
        if line is None:
            return False
        nilai = parse_target(teks, predikat=line.indikator.is_predikat, skala=line.indikator.skala_predikat)
        if (nilai.nilai, nilai.predikat) != (line.target, line.target_predikat):
            return False
    programs: dict[str, PKProgram] = {
        f"{p.program.unit_kerja.kode}/{p.program.kode}": p
        for p in pk.program.select_related("program__unit_kerja")
    }
    return all(k in programs and programs[k].pagu == angka.parse_angka(v) for k, v in data.pagu.items())


# --- Reading from plain dicts (JSON demo files) -----------------------------------------------------------------

_NESTED: dict[str, type] = {
    "variabel": VariabelData,
    "indikator": IndikatorData,
    "sasaran_tanpa_tujuan": SasaranData,
    "tujuan": TujuanData,
    "program": ProgramData,
    "kegiatan": KegiatanData,
    "sub_kegiatan": SubKegiatanData,
}


def _from_dict(cls: type, raw: dict[str, object], konteks: str) -> object:
    import dataclasses

    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - names - {"_catatan"})
    if unknown:
        raise PaketError(f"{konteks}: kolom tidak dikenal: {', '.join(unknown)}.")
    values: dict[str, object] = {}
    for key, value in raw.items():
        if key == "_catatan":
            continue
        if key == "sasaran" and cls is TujuanData:
            values[key] = [_from_dict(SasaranData, v, f"{konteks} › sasaran") for v in value]  # type: ignore[attr-defined]
        elif key in _NESTED and isinstance(value, list) and not (key == "sasaran" and cls is ProgramData):
            values[key] = [_from_dict(_NESTED[key], v, f"{konteks} › {key}") for v in value]
        elif key == "target" and cls is IndikatorData:
            values[key] = {int(k): str(v) for k, v in value.items()}  # type: ignore[attr-defined]
        else:
            values[key] = value
    try:
        return cls(**values)
    except TypeError as exc:
        raise PaketError(f"{konteks}: data tidak lengkap ({exc}).") from exc


def renstra_from_dict(raw: dict[str, object]) -> RenstraData:
    data = _from_dict(RenstraData, raw, f"Renstra {raw.get('unit', '?')}")
    assert isinstance(data, RenstraData)
    return data


def pk_from_dict(raw: dict[str, object]) -> PKData:
    data = _from_dict(PKData, raw, f"PK {raw.get('unit', '?')} {raw.get('tahun', '?')}")
    assert isinstance(data, PKData)
    return data
