"""Reads of budget data, each with a fixed number of queries whatever the number of rows.

Rows are fetched flat (`values()`), or summed in the database, and rolled up in Python with
`sakip.anggaran.serapan` so that every total is money-weighted: Σ realisasi / Σ pagu × 100.

Sasaran rollup: a program counts toward the sasaran it is linked to (`Program.sasaran`, the program–sasaran
link of the Renstra used by the PK). A program linked to several sasaran is counted in full under *each* of them
(the budget cannot be split without a rule nobody has written down); the tables say so in a note and the grand
total counts each program once, so it is then smaller than the sum of the sasaran rows.

Capaian kinerja per sasaran is computed by `sakip.pengukuran`, a layer beside this one that anggaran may not
import. Efficiency therefore takes the capaian as an input mapping; a higher layer may register a provider with
`daftarkan_penyedia_capaian` so that the budget pages show it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from sakip.anggaran import efisiensi, serapan
from sakip.anggaran.models import (
    AnggaranSubKegiatan,
    JenisBelanja,
    KinerjaProgramKegiatan,
    KodeSipd,
    PengaturanAnggaran,
    RincianJenisBelanja,
    capaian_keluaran,
)
from sakip.lib import angka
from sakip.organisasi.models import Pemda, UnitKerja, urut_pohon
from sakip.perencanaan.models import PerjanjianKinerja, Program, RencanaStrategis, Sasaran

NOL = Decimal(0)

# --- the budget tree: unit → program → kegiatan → sub kegiatan ------------------------------------------------


@dataclass
class Kinerja:
    """An indicator line printed beside a budget row: target, realisasi, satuan and capaian."""

    target: Decimal | None
    realisasi: Decimal | None
    satuan: str

    @property
    def capaian(self) -> Decimal | None:
        return capaian_keluaran(self.target, self.realisasi)


@dataclass
class Simpul:
    """A node of the budget tree with its money-weighted total."""

    tingkat: str  # "unit", "program", "kegiatan", "sub_kegiatan"
    id: int
    kode: str
    nama: str
    total: serapan.TotalAnggaran = field(
        default_factory=lambda: serapan.TotalAnggaran(pagu=NOL, realisasi=NOL)
    )
    anak: list[Simpul] = field(default_factory=list)
    kinerja: Kinerja | None = None
    jenis_belanja: str = ""
    anggaran_id: int | None = None
    sub_kegiatan_id: int | None = None

    @property
    def pagu(self) -> Decimal:
        return self.total.pagu

    @property
    def realisasi(self) -> Decimal:
        return self.total.realisasi

    @property
    def penyerapan(self) -> Decimal | None:
        return self.total.penyerapan

    @property
    def lebar_bar(self) -> str:
        """Width of the absorption bar in percent, capped at 100 (a CSS value, with a dot)."""
        persen = self.penyerapan
        if persen is None:
            return "0"
        return f"{min(persen, Decimal(100)):.1f}"

    @property
    def lebih_pagu(self) -> bool:
        return self.total.realisasi > self.total.pagu

    def semua(self) -> Iterable[Simpul]:
        """This node and its descendants, depth first."""
        yield self
        for anak in self.anak:
            yield from anak.semua()


@dataclass
class PohonAnggaran:
    tahun: int
    unit: list[Simpul]
    total: serapan.TotalAnggaran
    per_jenis: dict[str, serapan.TotalAnggaran]

    def baris(self) -> Iterable[Simpul]:
        for unit in self.unit:
            yield from unit.semua()


_KOLOM_POHON = (
    "id",
    "pagu",
    "realisasi",
    "jenis_belanja",
    "target_keluaran",
    "realisasi_keluaran",
    "satuan_keluaran",
    "sub_kegiatan_id",
    "sub_kegiatan__kode",
    "sub_kegiatan__nama",
    "sub_kegiatan__satuan_keluaran",
    "sub_kegiatan__kegiatan_id",
    "sub_kegiatan__kegiatan__kode",
    "sub_kegiatan__kegiatan__nama",
    "sub_kegiatan__kegiatan__program_id",
    "sub_kegiatan__kegiatan__program__kode",
    "sub_kegiatan__kegiatan__program__nama",
    "sub_kegiatan__kegiatan__program__unit_kerja_id",
    "sub_kegiatan__kegiatan__program__unit_kerja__kode",
    "sub_kegiatan__kegiatan__program__unit_kerja__nama",
    "sub_kegiatan__kegiatan__program__unit_kerja__induk_id",
    "sub_kegiatan__kegiatan__program__unit_kerja__urutan",
    "sub_kegiatan__kegiatan__program__unit_kerja__pemda_id",
)


# The tree is rolled up by database ids, not with serapan.rollup by code: the same sub kegiatan code recurs in
# every unit (each Biro has a 4.01.01 programme), and planning data may carry codes that are not Permendagri
# codes (seed 004 prints none). PosAnggaran is used for its amount checks only, under a neutral code.
_KODE_NETRAL = "0.00.00.0.00.0000"


def serapan_pos(t: serapan.TotalAnggaran) -> serapan.PosAnggaran:
    return serapan.PosAnggaran(kode=_KODE_NETRAL, pagu=t.pagu, realisasi=t.realisasi)


def _hitung_total(simpul: Simpul) -> serapan.TotalAnggaran:
    """Fill every node's total bottom-up from its sub kegiatan lines."""
    if simpul.tingkat != "sub_kegiatan":
        simpul.total = serapan.total(serapan_pos(_hitung_total(anak)) for anak in simpul.anak)
    return simpul.total


def pohon_anggaran(
    *, user: Any, tahun: int, unit: UnitKerja | None = None, program_id: int | None = None
) -> PohonAnggaran:
    """The budget tree the user may see for a year, optionally limited to a unit's subtree or one program.

    Three queries (budget lines, their Operasi/Modal split, program/kegiatan performance lines) plus the
    user's scope.
    """
    qs = AnggaranSubKegiatan.objects.visible_to(user).filter(tahun=tahun)
    kinerja_qs = KinerjaProgramKegiatan.objects.visible_to(user).filter(tahun=tahun)
    if unit is not None:
        qs = qs.filter(sub_kegiatan__kegiatan__program__unit_kerja__jalur__startswith=unit.jalur)
        kinerja_qs = kinerja_qs.filter(program__unit_kerja__jalur__startswith=unit.jalur)
    if program_id is not None:
        qs = qs.filter(sub_kegiatan__kegiatan__program_id=program_id)
        kinerja_qs = kinerja_qs.filter(program_id=program_id)
    rows = qs.order_by(
        "sub_kegiatan__kegiatan__program__unit_kerja__jalur",
        "sub_kegiatan__kegiatan__program__kode",
        "sub_kegiatan__kegiatan__kode",
        "sub_kegiatan__kode",
    ).values(*_KOLOM_POHON)
    kinerja = {
        (k["program_id"], k["kegiatan_id"]): Kinerja(k["target"], k["realisasi"], k["satuan"])
        for k in kinerja_qs.values("program_id", "kegiatan_id", "target", "realisasi", "satuan")
    }

    rincian: dict[int, dict[str, serapan.PosAnggaran]] = {}
    for r in RincianJenisBelanja.objects.filter(anggaran__in=qs).values(
        "anggaran_id", "jenis_belanja", "pagu", "realisasi"
    ):
        rincian.setdefault(r["anggaran_id"], {})[r["jenis_belanja"]] = serapan.PosAnggaran(
            kode=_KODE_NETRAL, pagu=r["pagu"], realisasi=r["realisasi"]
        )
    units: dict[int, Simpul] = {}
    info_unit: dict[int, dict[str, Any]] = {}
    programs: dict[int, Simpul] = {}
    kegiatan: dict[int, Simpul] = {}
    per_jenis: dict[str, list[serapan.PosAnggaran]] = {j.value: [] for j in JenisBelanja}
    for r in rows:
        p = "sub_kegiatan__kegiatan__program__"
        unit_id = r[f"{p}unit_kerja_id"]
        if unit_id not in units:
            units[unit_id] = Simpul("unit", unit_id, r[f"{p}unit_kerja__kode"], r[f"{p}unit_kerja__nama"])
            info_unit[unit_id] = {
                "induk_id": r[f"{p}unit_kerja__induk_id"],
                "urutan": r[f"{p}unit_kerja__urutan"],
                "pemda_id": r[f"{p}unit_kerja__pemda_id"],
                "nama": r[f"{p}unit_kerja__nama"],
            }
        prog_id = r["sub_kegiatan__kegiatan__program_id"]
        if prog_id not in programs:
            programs[prog_id] = Simpul(
                "program", prog_id, r[f"{p}kode"], r[f"{p}nama"], kinerja=kinerja.get((prog_id, None))
            )
            units[unit_id].anak.append(programs[prog_id])
        keg_id = r["sub_kegiatan__kegiatan_id"]
        if keg_id not in kegiatan:
            kegiatan[keg_id] = Simpul(
                "kegiatan",
                keg_id,
                r["sub_kegiatan__kegiatan__kode"],
                r["sub_kegiatan__kegiatan__nama"],
                kinerja=kinerja.get((prog_id, keg_id)),
            )
            programs[prog_id].anak.append(kegiatan[keg_id])
        pos = serapan.PosAnggaran(kode=_KODE_NETRAL, pagu=r["pagu"], realisasi=r["realisasi"])
        if r["id"] in rincian:
            # The SIPD split by account code: one sub kegiatan may hold both Operasi and Modal.
            for jenis, pos_jenis in rincian[r["id"]].items():
                per_jenis[jenis].append(pos_jenis)
        else:
            per_jenis[r["jenis_belanja"]].append(pos)
        kegiatan[keg_id].anak.append(
            Simpul(
                "sub_kegiatan",
                r["sub_kegiatan_id"],
                r["sub_kegiatan__kode"],
                r["sub_kegiatan__nama"],
                total=serapan.total([pos]),
                kinerja=Kinerja(
                    r["target_keluaran"],
                    r["realisasi_keluaran"],
                    r["satuan_keluaran"] or r["sub_kegiatan__satuan_keluaran"],
                ),
                jenis_belanja=r["jenis_belanja"],
                anggaran_id=r["id"],
                sub_kegiatan_id=r["sub_kegiatan_id"],
            )
        )
    # Units in the order of the organisation tree (siblings by urutan), as the LKjIP lists its Biro.
    urutan = urut_pohon([UnitKerja(pk=u_id, **info) for u_id, info in info_unit.items()])
    akar = [units[u.pk] for u in urutan]
    for u in akar:
        _hitung_total(u)
    return PohonAnggaran(
        tahun=tahun,
        unit=akar,
        total=serapan.total(serapan_pos(u.total) for u in akar),
        per_jenis={jenis: serapan.total(pos) for jenis, pos in per_jenis.items()},
    )


# --- per sasaran (seed 004 tables 2.5 and 3.17) -----------------------------------------------------------------


@dataclass
class BarisProgram:
    program_id: int
    kode: str
    nama: str
    unit: str
    total: serapan.TotalAnggaran
    jumlah_sasaran: int = 1

    @property
    def pagu(self) -> Decimal:
        return self.total.pagu

    @property
    def realisasi(self) -> Decimal:
        return self.total.realisasi

    @property
    def penyerapan(self) -> Decimal | None:
        return self.total.penyerapan


@dataclass
class BarisSasaran:
    sasaran: Sasaran
    program: list[BarisProgram]
    total: serapan.TotalAnggaran

    @property
    def pagu(self) -> Decimal:
        return self.total.pagu

    @property
    def realisasi(self) -> Decimal:
        return self.total.realisasi

    @property
    def penyerapan(self) -> Decimal | None:
        return self.total.penyerapan

    @property
    def rata_rata_program(self) -> Decimal | None:
        """Unweighted mean of the programs' absorption: print only as 'rata-rata tidak tertimbang'."""
        return serapan.rata_rata_tidak_tertimbang(p.penyerapan for p in self.program)


@dataclass
class AnggaranPerSasaran:
    renstra: RencanaStrategis
    tahun: int
    sasaran: list[BarisSasaran]
    total: serapan.TotalAnggaran  # each program once
    program_ganda: list[BarisProgram]  # programs counted under more than one sasaran

    @property
    def catatan(self) -> list[str]:
        if not self.program_ganda:
            return []
        nama = ", ".join(f"{p.nama} ({p.unit}, {p.jumlah_sasaran} sasaran)" for p in self.program_ganda)
        return [
            "Program yang mendukung lebih dari satu sasaran dihitung penuh pada setiap sasarannya: "
            f"{nama}. Jumlah seluruh sasaran menghitung setiap program satu kali, sehingga lebih kecil "
            "dari penjumlahan baris sasaran."
        ]


def _uang(nama: str, tahun: int) -> Coalesce:
    return Coalesce(
        Sum(
            f"kegiatan__sub_kegiatan__anggaran__{nama}",
            filter=Q(kegiatan__sub_kegiatan__anggaran__tahun=tahun),
        ),
        Value(NOL),
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )


def anggaran_per_sasaran(*, user: Any, renstra: RencanaStrategis, tahun: int) -> AnggaranPerSasaran:
    """Pagu, realisasi and penyerapan per sasaran of a Renstra and per program under it (three queries)."""
    sasaran = list(Sasaran.objects.filter(renstra=renstra).order_by("urutan", "kode"))
    tautan = list(
        Program.sasaran.through.objects.filter(sasaran__renstra=renstra).values_list(
            "program_id", "sasaran_id"
        )
    )
    program_ids = {pid for pid, _ in tautan}
    programs = {
        p["id"]: p
        for p in Program.objects.visible_to(user)
        .filter(pk__in=program_ids)
        .annotate(total_pagu=_uang("pagu", tahun), total_realisasi=_uang("realisasi", tahun))
        .values(
            "id", "kode", "nama", "unit_kerja__nama", "unit_kerja__singkatan", "total_pagu", "total_realisasi"
        )
    }
    jumlah_sasaran: dict[int, int] = {}
    for pid, _ in tautan:
        jumlah_sasaran[pid] = jumlah_sasaran.get(pid, 0) + 1
    baris_program: dict[int, BarisProgram] = {
        pid: BarisProgram(
            program_id=pid,
            kode=p["kode"],
            nama=p["nama"],
            unit=p["unit_kerja__singkatan"] or p["unit_kerja__nama"],
            total=serapan.TotalAnggaran(pagu=p["total_pagu"], realisasi=p["total_realisasi"]),
            jumlah_sasaran=jumlah_sasaran[pid],
        )
        for pid, p in programs.items()
    }
    per_sasaran: dict[int, list[BarisProgram]] = {s.pk: [] for s in sasaran}
    for pid, sid in tautan:
        if pid in baris_program:
            per_sasaran[sid].append(baris_program[pid])
    hasil = []
    for s in sasaran:
        daftar = sorted(per_sasaran[s.pk], key=lambda b: (b.kode, b.unit))
        hasil.append(BarisSasaran(s, daftar, serapan.total(serapan_pos(b.total) for b in daftar)))
    return AnggaranPerSasaran(
        renstra=renstra,
        tahun=tahun,
        sasaran=hasil,
        total=serapan.total(serapan_pos(b.total) for b in baris_program.values()),
        program_ganda=[b for b in baris_program.values() if b.jumlah_sasaran > 1],
    )


# --- efficiency per sasaran (seed 004 table 3.16) ---------------------------------------------------------------


def metode_efisiensi(pemda: Pemda | int) -> efisiensi.MetodeEfisiensi:
    """The pemda's efficiency method; the default (seed 004's) when it never chose one."""
    pemda_id = pemda if isinstance(pemda, int) else pemda.pk
    nilai = (
        PengaturanAnggaran.objects.filter(pemda_id=pemda_id)
        .values_list("metode_efisiensi", flat=True)
        .first()
    )
    return efisiensi.MetodeEfisiensi(nilai or efisiensi.MetodeEfisiensi.SELISIH)


@dataclass
class BarisEfisiensi:
    sasaran: Sasaran
    pagu: Decimal
    realisasi: Decimal
    penyerapan: Decimal | None
    capaian: Decimal | None
    hasil: efisiensi.HasilEfisiensi
    rata_rata_tidak_tertimbang: Decimal | None

    @property
    def efisiensi(self) -> Decimal | None:
        return self.hasil.nilai


@dataclass
class TabelEfisiensi:
    metode: efisiensi.MetodeEfisiensi
    label: str
    baris: list[BarisEfisiensi]


def efisiensi_per_sasaran(
    *,
    anggaran: AnggaranPerSasaran,
    capaian: Mapping[int, Decimal | None],
    metode: efisiensi.MetodeEfisiensi,
) -> TabelEfisiensi:
    """Tingkat efisiensi of each sasaran from its capaian (%) given by the caller, {sasaran_id: capaian}, and
    its money-weighted absorption; a sasaran missing from the mapping has no capaian (value None, said why)."""
    baris = [
        BarisEfisiensi(
            sasaran=b.sasaran,
            pagu=b.pagu,
            realisasi=b.realisasi,
            penyerapan=b.penyerapan,
            capaian=capaian.get(b.sasaran.pk),
            hasil=efisiensi.hitung(
                metode=metode, capaian=capaian.get(b.sasaran.pk), pagu=b.pagu, realisasi=b.realisasi
            ),
            rata_rata_tidak_tertimbang=b.rata_rata_program,
        )
        for b in anggaran.sasaran
    ]
    return TabelEfisiensi(metode=metode, label=efisiensi.NAMA_METODE[metode], baris=baris)


# A higher layer (pengukuran or pelaporan) registers how to obtain capaian kinerja per sasaran; see module doc.
PenyediaCapaian = Callable[[RencanaStrategis, int, Any], Mapping[int, Decimal | None]]
PenyediaCapaianIndikator = Callable[["PerjanjianKinerja", Any], Mapping[int, tuple[Any, ...]]]
_penyedia_capaian: list[PenyediaCapaian] = []
_penyedia_capaian_indikator: list[PenyediaCapaianIndikator] = []


def daftarkan_penyedia_capaian(
    sasaran: PenyediaCapaian | None = None, indikator: PenyediaCapaianIndikator | None = None
) -> None:
    """Register the functions giving capaian per sasaran {sasaran_id: %} of a Renstra and year, and
    (realisasi, capaian) per PK indicator line {pk_indikator_id: (realisasi, %)}; the last registered wins."""
    if sasaran is not None:
        _penyedia_capaian.append(sasaran)
    if indikator is not None:
        _penyedia_capaian_indikator.append(indikator)


def capaian_sasaran(
    renstra: RencanaStrategis, tahun: int, user: Any
) -> tuple[Mapping[int, Decimal | None], bool]:
    """Capaian per sasaran from the registered provider, and whether one is registered."""
    if not _penyedia_capaian:
        return {}, False
    return _penyedia_capaian[-1](renstra, tahun, user), True


def capaian_indikator(
    perjanjian: PerjanjianKinerja, user: Any
) -> tuple[Mapping[int, tuple[Decimal | None, Decimal | None]], bool]:
    if not _penyedia_capaian_indikator:
        return {}, False
    return _penyedia_capaian_indikator[-1](perjanjian, user), True


# --- realisasi anggaran per PK (seed 004 table 3.18) -----------------------------------------------------------


@dataclass
class BarisIndikatorPK:
    pk_indikator_id: int
    indikator_id: int
    nama: str
    satuan: str
    target: Decimal | None
    target_teks: str
    realisasi: Decimal | None = None
    capaian: Decimal | None = None
    realisasi_teks: str = angka.KOSONG  # as the measurement table prints it (2 decimals, or the predikat)


@dataclass
class BlokSasaranPK:
    sasaran: Sasaran | None  # None: programs of the PK not linked to any sasaran
    indikator: list[BarisIndikatorPK]
    program: list[BarisProgram]
    total: serapan.TotalAnggaran
    tautan: dict[int, set[int]] = field(
        default_factory=dict
    )  # program id -> ids of the indicators it supports

    def baris(self) -> list[tuple[BarisIndikatorPK | None, BarisProgram | None]]:
        """Each indicator line with the programs linked to it (`Program.indikator`), never paired by position: an
        indicator with two programs takes two rows, one with none stands alone, and the sasaran's programs linked to
        none of its indicators follow on rows of their own."""
        hasil: list[tuple[BarisIndikatorPK | None, BarisProgram | None]] = []
        dipakai: set[int] = set()
        for ind in self.indikator:
            program = [p for p in self.program if ind.indikator_id in self.tautan.get(p.program_id, set())]
            dipakai.update(p.program_id for p in program)
            hasil.append((ind, program[0] if program else None))
            hasil += [(None, p) for p in program[1:]]
        hasil += [(None, p) for p in self.program if p.program_id not in dipakai]
        return hasil or [(None, None)]


@dataclass
class RealisasiPK:
    perjanjian: PerjanjianKinerja
    blok: list[BlokSasaranPK]
    total: serapan.TotalAnggaran
    selisih_pagu_pk: list[tuple[BarisProgram, Decimal]]  # programs whose PK pagu differs from the budget


def realisasi_per_pk(
    *,
    user: Any,
    perjanjian: PerjanjianKinerja,
    capaian: Mapping[int, tuple[Any, ...]] | None = None,
) -> RealisasiPK:
    """Per sasaran of the PK: its indicator lines (target; realisasi and capaian when given, keyed by PKIndikator
    id) beside the budget of the PK's programs linked to that sasaran. A fixed number of queries."""
    capaian = capaian or {}
    per_sasaran = anggaran_per_sasaran(user=user, renstra=perjanjian.renstra, tahun=perjanjian.tahun)
    pk_program = dict(perjanjian.program.values_list("program_id", "pagu"))
    lines = list(
        perjanjian.indikator.order_by("urutan", "pk").values(
            "pk",
            "indikator_id",
            "target",
            "target_predikat",
            "indikator__nama",
            "indikator__satuan",
            "indikator__sasaran_id",
        )
    )
    tautan: dict[int, set[int]] = {}
    for program_id, indikator_id in Program.indikator.through.objects.filter(
        program_id__in=list(pk_program), indikator__renstra_id=perjanjian.renstra_id
    ).values_list("program_id", "indikator_id"):
        tautan.setdefault(program_id, set()).add(indikator_id)
    indikator_per_sasaran: dict[int | None, list[BarisIndikatorPK]] = {}
    for line in lines:
        nilai = capaian.get(line["pk"], (None, None))
        realisasi, nilai_capaian = nilai[0], nilai[1]
        # a provider may also give the realisasi as printed (a predikat has no number)
        realisasi_teks = str(nilai[2]) if len(nilai) > 2 else angka.format_angka(realisasi)
        indikator_per_sasaran.setdefault(line["indikator__sasaran_id"], []).append(
            BarisIndikatorPK(
                pk_indikator_id=line["pk"],
                indikator_id=line["indikator_id"],
                nama=line["indikator__nama"],
                satuan=line["indikator__satuan"],
                target=line["target"],
                target_teks=line["target_predikat"] or angka.format_angka(line["target"]),
                realisasi=realisasi,
                capaian=nilai_capaian,
                realisasi_teks=realisasi_teks,
            )
        )
    blok: list[BlokSasaranPK] = []
    terpakai: set[int] = set()
    for b in per_sasaran.sasaran:
        program = [p for p in b.program if p.program_id in pk_program]
        terpakai.update(p.program_id for p in program)
        blok.append(
            BlokSasaranPK(
                sasaran=b.sasaran,
                indikator=indikator_per_sasaran.get(b.sasaran.pk, []),
                program=program,
                total=serapan.total(serapan_pos(p.total) for p in program),
                tautan=tautan,
            )
        )
    sisa_ids = [pid for pid in pk_program if pid not in terpakai]
    sisa: list[BarisProgram] = []
    if sisa_ids:
        for p in (
            Program.objects.visible_to(user)
            .filter(pk__in=sisa_ids)
            .annotate(
                total_pagu=_uang("pagu", perjanjian.tahun),
                total_realisasi=_uang("realisasi", perjanjian.tahun),
            )
            .order_by("unit_kerja__jalur", "kode")
            .values(
                "id",
                "kode",
                "nama",
                "unit_kerja__nama",
                "unit_kerja__singkatan",
                "total_pagu",
                "total_realisasi",
            )
        ):
            sisa.append(
                BarisProgram(
                    program_id=p["id"],
                    kode=p["kode"],
                    nama=p["nama"],
                    unit=p["unit_kerja__singkatan"] or p["unit_kerja__nama"],
                    total=serapan.TotalAnggaran(pagu=p["total_pagu"], realisasi=p["total_realisasi"]),
                )
            )
        blok.append(BlokSasaranPK(None, [], sisa, serapan.total(serapan_pos(p.total) for p in sisa)))
    semua = {p.program_id: p for bl in blok for p in bl.program}
    selisih = [
        (p, pk_program[pid]) for pid, p in semua.items() if pk_program.get(pid) and pk_program[pid] != p.pagu
    ]
    return RealisasiPK(
        perjanjian=perjanjian,
        blok=blok,
        total=serapan.total(serapan_pos(p.total) for p in semua.values()),
        selisih_pagu_pk=selisih,
    )


def kode_sipd_per_unit(pemda_id: int) -> dict[int, str]:
    """The SIPD SKPD code of each unit of the pemda that has one, {unit id: code} (one query): its first two
    segments are the unit's urusan (`4.01.0.00.0.00.01.0000`: 4.01 Sekretariat Daerah)."""
    return dict(KodeSipd.objects.filter(pemda_id=pemda_id).values_list("unit_kerja_id", "kode"))
