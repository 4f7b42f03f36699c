"""Writes to budget data: one budget line, monthly realisasi, program/kegiatan performance lines, the pemda's
efficiency method, and the all-or-nothing import of a realisation workbook.

Every change of budget figures is recorded by django-simple-history (who, when, old and new value), also for the
bulk writes of an import (`bulk_*_with_history`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from simple_history.utils import bulk_create_with_history

from sakip.anggaran import excel, serapan, sipd
from sakip.anggaran.efisiensi import MetodeEfisiensi
from sakip.anggaran.models import (
    AnggaranSubKegiatan,
    JenisBelanja,
    KinerjaProgramKegiatan,
    KodeSipd,
    PengaturanAnggaran,
    RealisasiBulanan,
    RealisasiBulananJenis,
    RincianJenisBelanja,
)
from sakip.lib import angka
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan import integritas
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan
from sakip.perencanaan.services import save_with_history

NOL = Decimal(0)
ALASAN_IMPOR = "Impor realisasi anggaran dari Excel"


def _pesan_lebih_pagu(pagu: Decimal, realisasi: Decimal) -> str:
    return (
        f"Realisasi ({angka.format_rupiah(realisasi)}) melebihi pagu ({angka.format_rupiah(pagu)}); "
        "centang konfirmasi bila memang demikian."
    )


# --- the pemda's "realisasi ≤ pagu" rule -------------------------------------------------------------------------
# Validation rules are pengukuran's `AturanValidasi`, a layer beside this one: a higher layer registers the function
# that finds a pemda's rule (`daftarkan_aturan_pagu`), as `queries.daftarkan_penyedia_capaian` does for capaian.


@dataclass(frozen=True)
class AturanPagu:
    """A pemda's "realisasi ≤ pagu" rule: an error refuses realisasi above pagu, a warning saves it with a note."""

    galat: bool
    pesan: Callable[[Decimal, Decimal], str]  # (pagu, realisasi) → the rule's message


_penyedia_aturan_pagu: list[Callable[[int], AturanPagu | None]] = []


def daftarkan_aturan_pagu(penyedia: Callable[[int], AturanPagu | None]) -> None:
    """Register the function giving a pemda's rule (None: no rule); the last registered wins."""
    _penyedia_aturan_pagu.append(penyedia)


def aturan_pagu(pemda_id: int) -> AturanPagu | None:
    return _penyedia_aturan_pagu[-1](pemda_id) if _penyedia_aturan_pagu else None


PESAN_CATATAN = "Tuliskan catatan penjelasan realisasi yang melebihi pagu, lalu simpan lagi."


def pesan_catatan_lebih_pagu(pesan: str) -> str:
    return f"Peringatan: {pesan} {PESAN_CATATAN}"


def _periksa_lebih_pagu(
    *,
    pemda_id: int,
    pagu: Decimal,
    realisasi: Decimal,
    izinkan: bool,
    catatan: str,
    medan: str | None = "realisasi",
) -> str:
    """Realisasi above pagu: refused by an error-level rule (its message at `medan`), saved with a note under a
    warning-level one, else (no rule) saved only when confirmed. Returns the history's change reason ("" if none)."""
    if realisasi <= pagu:
        return ""
    aturan = aturan_pagu(pemda_id)
    if aturan is None:
        if not izinkan:
            pesan = _pesan_lebih_pagu(pagu, realisasi)
            raise ValidationError({medan: pesan} if medan else pesan)
        return ""
    pesan = aturan.pesan(pagu, realisasi)
    if aturan.galat:
        raise ValidationError({medan: pesan} if medan else pesan)
    if not catatan.strip():
        raise ValidationError({"catatan_lebih_pagu": pesan_catatan_lebih_pagu(pesan)})
    return f"Realisasi melebihi pagu: {catatan.strip()}"


def _pastikan_tahun_terbuka(*, pemda_id: int, tahun: int, perihal: str) -> None:
    """The integrity rule for budget lines: a locked year's budget figures do not change by any path."""
    integritas.pastikan_dapat_diubah(perihal=perihal, pemda_id=pemda_id, tahun=tahun)


def _pemda_sub(sub_kegiatan: SubKegiatan) -> int:
    return int(
        SubKegiatan.objects.values_list("kegiatan__program__unit_kerja__pemda_id", flat=True).get(
            pk=sub_kegiatan.pk
        )
    )


def _jumlah_bulanan(anggaran: AnggaranSubKegiatan) -> Decimal | None:
    if anggaran.pk is None:
        return None
    hasil: Decimal | None = anggaran.bulanan.aggregate(s=Sum("realisasi"))["s"]
    return hasil


@transaction.atomic
def simpan_anggaran(
    *,
    sub_kegiatan: SubKegiatan,
    tahun: int,
    pagu: Decimal,
    realisasi: Decimal,
    jenis_belanja: str = JenisBelanja.OPERASI,
    target_keluaran: Decimal | None = None,
    realisasi_keluaran: Decimal | None = None,
    satuan_keluaran: str = "",
    izinkan_lebih_pagu: bool = False,
    catatan_lebih_pagu: str = "",
    by: Pengguna | None = None,
) -> AnggaranSubKegiatan:
    """Create or update the year's budget line of a sub kegiatan (recorded in the audit trail).

    Realisasi above pagu follows the pemda's "realisasi ≤ pagu" rule (refused, or saved with the note
    `catatan_lebih_pagu` in the history); without one it is refused unless `izinkan_lebih_pagu`. When monthly
    realisasi exist, the yearly one must equal their sum.
    """
    # Writers of one sub kegiatan's budget queue on its row: locking only the budget line would lock nothing when
    # there is none yet, and two first saves of a year would both insert (the loser crashing on the unique
    # constraint). The later save wins, both are recorded.
    list(SubKegiatan.objects.select_for_update().filter(pk=sub_kegiatan.pk).values_list("pk"))
    obj = AnggaranSubKegiatan.objects.select_for_update().filter(
        sub_kegiatan=sub_kegiatan, tahun=tahun
    ).first() or AnggaranSubKegiatan(sub_kegiatan=sub_kegiatan, tahun=tahun)
    baru = {
        "pagu": pagu,
        "realisasi": realisasi,
        "jenis_belanja": jenis_belanja,
        "target_keluaran": target_keluaran,
        "realisasi_keluaran": realisasi_keluaran,
        "satuan_keluaran": ""
        if satuan_keluaran.strip() == sub_kegiatan.satuan_keluaran
        else satuan_keluaran.strip(),
    }
    if obj.pk is not None and all(getattr(obj, k) == v for k, v in baru.items()):
        return obj  # nothing changed: no save, no empty history entry
    pemda_id = _pemda_sub(sub_kegiatan)
    _pastikan_tahun_terbuka(
        pemda_id=pemda_id,
        tahun=tahun,
        perihal=f"Anggaran {tahun} sub kegiatan {sub_kegiatan.kode}",
    )
    for k, v in baru.items():
        setattr(obj, k, v)
    obj.clean()  # negative amounts first: "above pagu" is meaningless for them
    alasan = _periksa_lebih_pagu(
        pemda_id=pemda_id,
        pagu=pagu,
        realisasi=realisasi,
        izinkan=izinkan_lebih_pagu,
        catatan=catatan_lebih_pagu,
    )
    if alasan:
        obj._change_reason = alasan
    bulanan = _jumlah_bulanan(obj)
    if bulanan is not None and bulanan != realisasi:
        raise ValidationError(
            {
                "realisasi": f"Realisasi tahunan harus sama dengan jumlah realisasi bulanan "
                f"({angka.format_rupiah(bulanan, 2)}); ubah realisasi per bulan."
            }
        )
    save_with_history(obj, by)
    _buang_rincian_usang(obj, by)
    return obj


@transaction.atomic
def set_realisasi_bulanan(
    *,
    anggaran: AnggaranSubKegiatan,
    per_bulan: Mapping[int, Decimal | None],
    izinkan_lebih_pagu: bool = False,
    catatan_lebih_pagu: str = "",
    by: Pengguna | None = None,
) -> AnggaranSubKegiatan:
    """Save realisasi per month (None removes a month); the yearly realisasi becomes their sum (their total above
    pagu follows the pemda's rule as in `simpan_anggaran`)."""
    anggaran = (
        AnggaranSubKegiatan.objects.select_for_update().select_related("sub_kegiatan").get(pk=anggaran.pk)
    )
    pemda_id = _pemda_sub(anggaran.sub_kegiatan)
    _pastikan_tahun_terbuka(
        pemda_id=pemda_id,
        tahun=anggaran.tahun,
        perihal=f"Realisasi bulanan anggaran {anggaran.tahun} sub kegiatan {anggaran.sub_kegiatan.kode}",
    )
    salah = [b for b in per_bulan if not 1 <= b <= 12]
    if salah:
        raise ValidationError(f"Bulan harus 1–12, bukan {', '.join(map(str, salah))}.")
    for bulan, nilai in per_bulan.items():
        if nilai is not None and nilai < 0:
            raise ValidationError({f"bulan_{bulan}": "Realisasi tidak boleh negatif."})
    lama = {r.bulan: r for r in anggaran.bulanan.all()}
    for bulan, nilai in sorted(per_bulan.items()):
        baris = lama.get(bulan)
        if nilai is None:
            if baris is not None:
                if by is not None:
                    baris._history_user = by
                baris.delete()
                del lama[bulan]
            continue
        if baris is None:
            baris = RealisasiBulanan(anggaran=anggaran, bulan=bulan)
            lama[bulan] = baris
        if baris.realisasi != nilai:
            baris.realisasi = nilai
            save_with_history(baris, by)
    total = sum((r.realisasi for r in lama.values()), NOL)
    alasan = _periksa_lebih_pagu(
        pemda_id=pemda_id,
        pagu=anggaran.pagu,
        realisasi=total,
        izinkan=izinkan_lebih_pagu,
        catatan=catatan_lebih_pagu,
        medan=None,
    )
    if total != anggaran.realisasi:
        anggaran.realisasi = total
        if alasan:
            anggaran._change_reason = alasan
        save_with_history(anggaran, by)
    _buang_rincian_usang(anggaran, by)
    return anggaran


@transaction.atomic
def simpan_kinerja(
    *,
    program: Program,
    tahun: int,
    target: Decimal | None,
    realisasi: Decimal | None,
    satuan: str = "",
    kegiatan: Kegiatan | None = None,
    by: Pengguna | None = None,
) -> KinerjaProgramKegiatan:
    """Set the performance line printed beside a program's (or a kegiatan's) budget in a year."""
    obj = KinerjaProgramKegiatan.objects.filter(program=program, kegiatan=kegiatan, tahun=tahun).first()
    obj = obj or KinerjaProgramKegiatan(program=program, kegiatan=kegiatan, tahun=tahun)
    if obj.pk is not None and (obj.target, obj.realisasi, obj.satuan) == (target, realisasi, satuan.strip()):
        return obj
    pemda_id = Program.objects.values_list("unit_kerja__pemda_id", flat=True).get(pk=program.pk)
    _pastikan_tahun_terbuka(pemda_id=pemda_id, tahun=tahun, perihal=f"Kinerja program {program.kode} {tahun}")
    obj.target, obj.realisasi, obj.satuan = target, realisasi, satuan.strip()
    save_with_history(obj, by)
    return obj


@transaction.atomic
def set_metode_efisiensi(*, pemda: Pemda, metode: str, by: Pengguna | None = None) -> PengaturanAnggaran:
    """Choose the efficiency method the pemda's tables use."""
    if metode not in {m.value for m in MetodeEfisiensi}:
        raise ValidationError({"metode_efisiensi": f"Metode efisiensi '{metode}' tidak dikenal."})
    obj = PengaturanAnggaran.objects.filter(pemda=pemda).first() or PengaturanAnggaran(pemda=pemda)
    obj.metode_efisiensi = MetodeEfisiensi(metode).value
    save_with_history(obj, by)
    return obj


# --- import --------------------------------------------------------------------------------------------------------

_FIELDS = ("pagu", "realisasi", "jenis_belanja", "target_keluaran", "realisasi_keluaran", "satuan_keluaran")


@dataclass
class BarisRencana:
    """A workbook row matched to its sub kegiatan, with the values before (None: a new line) and after."""

    baris: excel.BarisImpor
    sub_kegiatan_id: int
    nama: str
    unit: str
    lama: dict[str, Any] | None
    baru: dict[str, Any]

    @property
    def berubah(self) -> list[str]:
        if self.lama is None:
            return list(_FIELDS)
        return [f for f in _FIELDS if self.lama[f] != self.baru[f]]


@dataclass
class RencanaImpor:
    tahun: int
    baris: list[BarisRencana] = field(default_factory=list)
    kesalahan: list[excel.Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.kesalahan

    @property
    def baru(self) -> list[BarisRencana]:
        return [b for b in self.baris if b.lama is None]

    @property
    def ubah(self) -> list[BarisRencana]:
        return [b for b in self.baris if b.lama is not None and b.berubah]

    @property
    def sama(self) -> list[BarisRencana]:
        return [b for b in self.baris if b.lama is not None and not b.berubah]

    @property
    def lebih_pagu(self) -> list[BarisRencana]:
        return [b for b in self.baris if b.baru["realisasi"] > b.baru["pagu"]]


@dataclass
class HasilImpor:
    baru: int
    ubah: int
    sama: int
    lebih_pagu: list[BarisRencana]


def siapkan_impor(
    *, user: Any, tahun: int, hasil: excel.HasilBaca, unit: UnitKerja | None = None
) -> RencanaImpor:
    """Match the rows read from a workbook to the sub kegiatan the user may edit (within `unit`'s subtree when
    given) and compute what would change. Reads only: three queries whatever the number of rows.

    An unknown code, or the code of a unit outside the user's scope, is "kode tidak dikenal" for that row.
    """
    rencana = RencanaImpor(tahun=tahun, kesalahan=list(hasil.kesalahan))
    calon = SubKegiatan.objects.editable_by(user)
    if unit is not None:
        calon = calon.filter(kegiatan__program__unit_kerja__jalur__startswith=unit.jalur)
    per_kode: dict[str, list[dict[str, Any]]] = {}
    for sub in calon.values("id", "kode", "nama", "satuan_keluaran", "kegiatan__program__unit_kerja__kode"):
        per_kode.setdefault(sub["kode"], []).append(sub)
    ada = {
        a["sub_kegiatan_id"]: a
        for a in AnggaranSubKegiatan.objects.filter(tahun=tahun, sub_kegiatan__in=calon.values("id")).values(
            "id", "sub_kegiatan_id", *_FIELDS
        )
    }
    bulanan = dict(
        RealisasiBulanan.objects.filter(anggaran__tahun=tahun, anggaran__sub_kegiatan__in=calon.values("id"))
        .values("anggaran_id")
        .annotate(s=Sum("realisasi"))
        .values_list("anggaran_id", "s")
    )
    dipakai: dict[int, int] = {}
    lingkup = f" pada unit {unit.kode} dan turunannya" if unit is not None else ""
    for baris in hasil.baris:

        def salah(kolom: str, pesan: str, nomor: int = baris.nomor) -> None:
            rencana.kesalahan.append(excel.Kesalahan(nomor, kolom, pesan))

        kandidat = per_kode.get(baris.kode, [])
        if baris.kode_unit:
            kandidat = [
                k
                for k in kandidat
                if k["kegiatan__program__unit_kerja__kode"].upper() == baris.kode_unit.upper()
            ]
        if not kandidat:
            unit_teks = f" untuk unit {baris.kode_unit}" if baris.kode_unit else ""
            salah(
                "Kode",
                f"kode tidak dikenal: {baris.kode}{unit_teks} bukan sub kegiatan yang dapat Anda ubah{lingkup}"
                + _saran_format(baris.kode),
            )
            continue
        if len(kandidat) > 1:
            unit_kode = ", ".join(sorted(k["kegiatan__program__unit_kerja__kode"] for k in kandidat))
            salah(
                "Kode",
                f"kode {baris.kode} dipakai oleh beberapa unit ({unit_kode}); isi kolom 'Kode unit' "
                "atau pilih unitnya pada formulir impor",
            )
            continue
        sub = kandidat[0]
        if sub["id"] in dipakai:
            salah("Kode", f"sub kegiatan {baris.kode} sudah ada pada baris {dipakai[sub['id']]}")
            continue
        dipakai[sub["id"]] = baris.nomor
        lama = ada.get(sub["id"])
        baru = {
            "pagu": baris.pagu,
            "realisasi": baris.realisasi,
            "jenis_belanja": baris.jenis_belanja
            or (lama["jenis_belanja"] if lama else JenisBelanja.OPERASI.value),
            "target_keluaran": baris.target_keluaran
            if baris.target_keluaran is not None
            else (lama["target_keluaran"] if lama else None),
            "realisasi_keluaran": baris.realisasi_keluaran
            if baris.realisasi_keluaran is not None
            else (lama["realisasi_keluaran"] if lama else None),
            "satuan_keluaran": (
                ("" if baris.satuan == sub["satuan_keluaran"] else baris.satuan)
                if baris.satuan
                else (lama["satuan_keluaran"] if lama else "")
            ),
        }
        if lama is not None and lama["id"] in bulanan and bulanan[lama["id"]] != baris.realisasi:
            salah(
                "Realisasi",
                f"sub kegiatan ini memiliki realisasi bulanan berjumlah {angka.format_rupiah(bulanan[lama['id']], 2)}; "
                "realisasi tahunan harus sama dengan jumlah tersebut",
            )
            continue
        rencana.baris.append(
            BarisRencana(
                baris=baris,
                sub_kegiatan_id=sub["id"],
                nama=sub["nama"],
                unit=sub["kegiatan__program__unit_kerja__kode"],
                lama={k: lama[k] for k in ("id", *_FIELDS)} if lama else None,
                baru=baru,
            )
        )
    _aturan_pagu_impor(rencana)
    rencana.kesalahan.sort(key=lambda k: (k.baris or 0, k.kolom or ""))
    return rencana


def _aturan_per_sub(sub_ids: list[int]) -> dict[int, AturanPagu | None]:
    """The "realisasi ≤ pagu" rule of each sub kegiatan's pemda (one query, one rule lookup per pemda)."""
    pemda = dict(
        SubKegiatan.objects.filter(pk__in=sub_ids).values_list(
            "pk", "kegiatan__program__unit_kerja__pemda_id"
        )
    )
    per_pemda = {pemda_id: aturan_pagu(pemda_id) for pemda_id in set(pemda.values())}
    return {sub_id: per_pemda[pemda_id] for sub_id, pemda_id in pemda.items()}


def _aturan_pagu_impor(rencana: RencanaImpor) -> None:
    """An error-level rule makes every row above its pagu an error of the plan, with the rule's message."""
    lebih = rencana.lebih_pagu
    aturan = _aturan_per_sub([b.sub_kegiatan_id for b in lebih]) if lebih else {}
    for b in lebih:
        a = aturan.get(b.sub_kegiatan_id)
        if a is not None and a.galat:
            rencana.kesalahan.append(excel.Kesalahan(b.baris.nomor, "Realisasi", _pesan_aturan_baris(b, a)))


def _pesan_aturan_baris(b: BarisRencana, a: AturanPagu) -> str:
    """The rule's message for one workbook row."""
    return f"{a.pesan(b.baru['pagu'], b.baru['realisasi'])} (sub kegiatan {b.baris.kode})"


def _saran_format(kode: str) -> str:
    try:
        serapan.kode_induk(kode, serapan.Tingkat.SUB_KEGIATAN)
    except serapan.AnggaranError:
        return " (format kode sub kegiatan Permendagri 90/2019: X.XX.XX.X.XX.XXXX)"
    return ""


def pesan_lebih_pagu(b: BarisRencana) -> str:
    return str(
        excel.Kesalahan(
            b.baris.nomor,
            "Realisasi",
            f"realisasi {angka.format_rupiah(b.baru['realisasi'], 2)} melebihi pagu "
            f"{angka.format_rupiah(b.baru['pagu'], 2)} (sub kegiatan {b.baris.kode})",
        )
    )


def _perbarui_massal(objs: list[AnggaranSubKegiatan], *, by: Pengguna | None) -> None:
    """Update many budget lines and record their history.

    Django's bulk_update builds one CASE expression per field whose size grows with the batch (on SQLite about
    75 rows per statement, 20 s for 10.000 rows); one prepared UPDATE executed for every row (executemany) in
    the same transaction does the same in well under a second on SQLite and PostgreSQL.
    """
    meta = AnggaranSubKegiatan._meta
    fields = [meta.get_field(nama) for nama in _FIELDS]
    qn = connection.ops.quote_name
    # Only the model's own table and column names are interpolated (quoted); values are parameters.
    kolom = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(meta.db_table)} SET {kolom} WHERE {qn(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    AnggaranSubKegiatan.history.bulk_history_create(
        objs, batch_size=500, update=True, default_user=by, default_change_reason=ALASAN_IMPOR
    )


@transaction.atomic
def terapkan_impor(
    *,
    rencana: RencanaImpor,
    tahun: int,
    konfirmasi_lebih_pagu: bool = False,
    catatan_lebih_pagu: str = "",
    by: Pengguna | None = None,
) -> HasilImpor:
    """Write a checked import plan in one transaction with bulk operations (history recorded).

    All or nothing: refused as a whole when the plan has any error, realisasi above pagu that was not confirmed
    (no rule) or, under the pemda's warning-level "realisasi ≤ pagu" rule, that has no note (kept in the history).
    """
    if rencana.kesalahan:
        raise ValidationError([str(k) for k in rencana.kesalahan])
    if rencana.tahun != tahun:
        raise ValidationError("Tahun impor tidak sesuai dengan pratinjau.")
    ditulis = [b.sub_kegiatan_id for b in (*rencana.baru, *rencana.ubah)]
    for pemda_id in sorted(
        set(
            SubKegiatan.objects.filter(pk__in=ditulis).values_list(
                "kegiatan__program__unit_kerja__pemda_id", flat=True
            )
        )
    ):
        _pastikan_tahun_terbuka(pemda_id=pemda_id, tahun=tahun, perihal=f"Anggaran tahun {tahun} (impor)")
    lebih = rencana.lebih_pagu
    aturan = _aturan_per_sub([b.sub_kegiatan_id for b in lebih]) if lebih else {}
    galat = [b for b in lebih if (a := aturan.get(b.sub_kegiatan_id)) is not None and a.galat]
    if galat:  # the rule was saved after the preview
        raise ValidationError(
            [
                str(excel.Kesalahan(b.baris.nomor, "Realisasi", _pesan_aturan_baris(b, a)))
                for b in galat
                if (a := aturan[b.sub_kegiatan_id]) is not None
            ]
        )
    tanpa_aturan = [b for b in lebih if aturan.get(b.sub_kegiatan_id) is None]
    if tanpa_aturan and not konfirmasi_lebih_pagu:
        raise ValidationError(
            [pesan_lebih_pagu(b) for b in tanpa_aturan]
            + ["Centang konfirmasi realisasi melebihi pagu untuk menyimpan baris-baris tersebut."]
        )
    peringatan = {b.sub_kegiatan_id for b in lebih if aturan.get(b.sub_kegiatan_id) is not None}
    if peringatan and not catatan_lebih_pagu.strip():
        raise ValidationError(
            [
                "Peringatan: " + str(excel.Kesalahan(b.baris.nomor, "Realisasi", _pesan_aturan_baris(b, a)))
                for b in lebih
                if (a := aturan.get(b.sub_kegiatan_id)) is not None
            ]
            + [PESAN_CATATAN]
        )
    baru = [
        AnggaranSubKegiatan(sub_kegiatan_id=b.sub_kegiatan_id, tahun=tahun, **b.baru) for b in rencana.baru
    ]
    ubah = [
        AnggaranSubKegiatan(pk=b.lama["id"], sub_kegiatan_id=b.sub_kegiatan_id, tahun=tahun, **b.baru)
        for b in rencana.ubah
        if b.lama is not None
    ]
    for obj in (*baru, *ubah):
        # Field checks only: the matching above already proved the sub kegiatan exists and is editable.
        obj.full_clean(exclude=["sub_kegiatan"], validate_unique=False, validate_constraints=False)
        if obj.sub_kegiatan_id in peringatan:
            obj._change_reason = f"{ALASAN_IMPOR}; realisasi melebihi pagu: {catatan_lebih_pagu.strip()}"
    if baru:
        bulk_create_with_history(
            baru, AnggaranSubKegiatan, batch_size=500, default_user=by, default_change_reason=ALASAN_IMPOR
        )
    if ubah:
        _perbarui_massal(ubah, by=by)
    return HasilImpor(baru=len(baru), ubah=len(ubah), sama=len(rencana.sama), lebih_pagu=lebih)


@transaction.atomic
def impor(
    *,
    user: Pengguna,
    tahun: int,
    hasil: excel.HasilBaca,
    unit: UnitKerja | None = None,
    konfirmasi_lebih_pagu: bool = False,
    catatan_lebih_pagu: str = "",
) -> HasilImpor:
    """Match and write in one transaction (the confirm step of an import, and the benchmark)."""
    rencana = siapkan_impor(user=user, tahun=tahun, hasil=hasil, unit=unit)
    return terapkan_impor(
        rencana=rencana,
        tahun=tahun,
        konfirmasi_lebih_pagu=konfirmasi_lebih_pagu,
        catatan_lebih_pagu=catatan_lebih_pagu,
        by=user,
    )


# --- SIPD exports --------------------------------------------------------------------------------------------------

ALASAN_SIPD = "Impor ekspor SIPD"


@dataclass
class KeadaanAnggaran:
    """A budget line with its monthly and per-jenis figures, as stored or as an import would leave it."""

    pagu: Decimal
    realisasi: Decimal
    jenis_belanja: str
    target_keluaran: Decimal | None
    satuan_keluaran: str
    bulanan: dict[int, Decimal]
    bulanan_jenis: dict[tuple[int, str], Decimal]
    rincian: dict[str, tuple[Decimal, Decimal]]  # jenis → (pagu, realisasi)


@dataclass
class PosRencanaSipd:
    pos: Any  # sipd.PosSipd
    sub_kegiatan_id: int
    anggaran_id: int | None
    unit: str
    nama: str
    lama: KeadaanAnggaran | None
    baru: KeadaanAnggaran

    @property
    def berubah(self) -> bool:
        return self.lama != self.baru


@dataclass
class RencanaSipd:
    tahun: int
    format: str
    unit: UnitKerja
    pos: list[PosRencanaSipd] = field(default_factory=list)
    kesalahan: list[excel.Kesalahan] = field(default_factory=list)
    kode_tidak_dikenal: list[str] = field(default_factory=list)
    baris_draft: int = 0
    baris_diganti: int = 0
    total_unit_sebelum: serapan.TotalAnggaran | None = None
    total_unit_sesudah: serapan.TotalAnggaran | None = None

    @property
    def ok(self) -> bool:
        return not self.kesalahan

    @property
    def berubah(self) -> list[PosRencanaSipd]:
        return [p for p in self.pos if p.berubah]

    @property
    def lebih_pagu(self) -> list[PosRencanaSipd]:
        return [p for p in self.pos if p.baru.realisasi > p.baru.pagu]

    def _jumlah(self, nama: str, lama: bool) -> Decimal:
        return sum(
            (
                getattr(p.lama if lama else p.baru, nama)
                for p in self.pos
                if (p.lama if lama else p.baru) is not None
            ),
            NOL,
        )

    @property
    def pagu_berkas(self) -> Decimal:
        return self._jumlah("pagu", False)

    @property
    def realisasi_berkas(self) -> Decimal:
        return self._jumlah("realisasi", False)

    @property
    def pagu_tersimpan(self) -> Decimal:
        return self._jumlah("pagu", True)

    @property
    def realisasi_tersimpan(self) -> Decimal:
        return self._jumlah("realisasi", True)


def _keadaan_tersimpan(tahun: int, sub_ids: list[int]) -> dict[int, tuple[int, KeadaanAnggaran]]:
    """sub kegiatan id → (budget line id, its stored state); four queries."""
    hasil: dict[int, tuple[int, KeadaanAnggaran]] = {}
    per_id: dict[int, KeadaanAnggaran] = {}
    for a in AnggaranSubKegiatan.objects.filter(tahun=tahun, sub_kegiatan_id__in=sub_ids).values(
        "id", "sub_kegiatan_id", "pagu", "realisasi", "jenis_belanja", "target_keluaran", "satuan_keluaran"
    ):
        k = KeadaanAnggaran(
            pagu=a["pagu"],
            realisasi=a["realisasi"],
            jenis_belanja=a["jenis_belanja"],
            target_keluaran=a["target_keluaran"],
            satuan_keluaran=a["satuan_keluaran"],
            bulanan={},
            bulanan_jenis={},
            rincian={},
        )
        per_id[a["id"]] = k
        hasil[a["sub_kegiatan_id"]] = (a["id"], k)
    for b in RealisasiBulanan.objects.filter(anggaran_id__in=per_id).values(
        "anggaran_id", "bulan", "realisasi"
    ):
        per_id[b["anggaran_id"]].bulanan[b["bulan"]] = b["realisasi"]
    for b in RealisasiBulananJenis.objects.filter(anggaran_id__in=per_id).values(
        "anggaran_id", "bulan", "jenis_belanja", "realisasi"
    ):
        per_id[b["anggaran_id"]].bulanan_jenis[(b["bulan"], b["jenis_belanja"])] = b["realisasi"]
    for r in RincianJenisBelanja.objects.filter(anggaran_id__in=per_id).values(
        "anggaran_id", "jenis_belanja", "pagu", "realisasi"
    ):
        per_id[r["anggaran_id"]].rincian[r["jenis_belanja"]] = (r["pagu"], r["realisasi"])
    return hasil


def _keadaan_baru(
    pos: Any, lama: KeadaanAnggaran | None, satuan_sub: str
) -> tuple[KeadaanAnggaran | None, str | None]:
    """What the line becomes when the file's figures for it are applied, or an error message."""
    if pos.pagu is None and lama is None:
        return None, "belum memiliki pagu tahun ini; impor DPA atau Realisasi APBD lebih dulu"
    pagu = pos.pagu if pos.pagu is not None else lama.pagu  # type: ignore[union-attr]
    bulanan = dict(lama.bulanan) if lama else {}
    bulanan_jenis = dict(lama.bulanan_jenis) if lama else {}
    if pos.realisasi_bulan is not None:
        for bulan, per_jenis in pos.realisasi_bulan.items():
            # A month in the file replaces that month: a later export of the same month changes nothing twice.
            bulanan_jenis = {k: v for k, v in bulanan_jenis.items() if k[0] != bulan}
            for jenis, nilai in per_jenis.items():
                bulanan_jenis[(bulan, jenis)] = nilai
            total = sum(per_jenis.values(), NOL)
            if total < 0:
                return None, f"realisasi bulan {bulan} negatif ({angka.format_rupiah(total, 2)})"
            bulanan[bulan] = total
        realisasi = sum(bulanan.values(), NOL)
    elif pos.realisasi_jenis is not None:
        realisasi = sum(pos.realisasi_jenis.values(), NOL)
        if bulanan and sum(bulanan.values(), NOL) != realisasi:
            return None, (
                f"sub kegiatan ini memiliki realisasi bulanan berjumlah "
                f"{angka.format_rupiah(sum(bulanan.values(), NOL), 2)}, sedangkan LRA menyebut "
                f"{angka.format_rupiah(realisasi, 2)}; impor Realisasi APBD per bulan atau ubah realisasi bulanan"
            )
    else:
        realisasi = lama.realisasi if lama else NOL
    if realisasi < 0:
        return None, f"realisasi negatif ({angka.format_rupiah(realisasi, 2)})"
    # The Operasi/Modal split: pagu from the file's accounts, else the stored split while it still adds up.
    lama_rincian = lama.rincian if lama else {}
    pagu_jenis: dict[str, Decimal] = {}
    if pos.pagu_jenis is not None:
        pagu_jenis = dict(pos.pagu_jenis)
    elif lama_rincian and sum((p for p, _ in lama_rincian.values()), NOL) == pagu:
        pagu_jenis = {j: p for j, (p, _) in lama_rincian.items()}
    realisasi_jenis: dict[str, Decimal] = {}
    if pos.realisasi_jenis is not None:
        realisasi_jenis = dict(pos.realisasi_jenis)
    elif bulanan_jenis and sum(bulanan_jenis.values(), NOL) == realisasi:
        for (_, jenis), nilai in bulanan_jenis.items():
            realisasi_jenis[jenis] = realisasi_jenis.get(jenis, NOL) + nilai
    elif lama_rincian and sum((r for _, r in lama_rincian.values()), NOL) == realisasi:
        realisasi_jenis = {j: r for j, (_, r) in lama_rincian.items()}
    jenis_utama = lama.jenis_belanja if lama else JenisBelanja.OPERASI.value
    # Half a split (the per-document export carries no pagu; the DPA no accounts): the other half stays with the
    # line's own jenis belanja, so both halves still add up to the line.
    if realisasi_jenis and not pagu_jenis:
        pagu_jenis = {jenis_utama: pagu}
    if pagu_jenis and not realisasi_jenis:
        realisasi_jenis = {jenis_utama: realisasi}
    rincian: dict[str, tuple[Decimal, Decimal]] = {
        jenis: (pagu_jenis.get(jenis, NOL), realisasi_jenis.get(jenis, NOL))
        for jenis in sorted(set(pagu_jenis) | set(realisasi_jenis))
    }
    if rincian and pos.pagu_jenis is not None:
        jenis_utama = max(rincian, key=lambda j: (rincian[j][0], rincian[j][1]))
    satuan = lama.satuan_keluaran if lama else ""
    if pos.satuan_keluaran:
        satuan = "" if pos.satuan_keluaran == satuan_sub else pos.satuan_keluaran
    return (
        KeadaanAnggaran(
            pagu=pagu,
            realisasi=realisasi,
            jenis_belanja=jenis_utama,
            target_keluaran=pos.target_keluaran
            if pos.target_keluaran is not None
            else (lama.target_keluaran if lama else None),
            satuan_keluaran=satuan,
            bulanan=bulanan,
            bulanan_jenis=bulanan_jenis,
            rincian=rincian,
        ),
        None,
    )


def siapkan_impor_sipd(*, user: Any, tahun: int, unit: UnitKerja, hasil: Any) -> RencanaSipd:
    """Match a read SIPD export to the unit (by its SKPD code) and its sub kegiatan (by code) and compute what
    would change. Reads only. The file is refused as a whole when its SKPD code is not the unit's."""
    rencana = RencanaSipd(
        tahun=tahun,
        format=hasil.format,
        unit=unit,
        kesalahan=list(hasil.kesalahan),
        baris_draft=hasil.baris_draft,
        baris_diganti=hasil.baris_diganti,
    )
    kode_pemda = {
        k.kode: k for k in KodeSipd.objects.filter(pemda_id=unit.pemda_id).select_related("unit_kerja")
    }
    kode_unit = next((k for k, v in kode_pemda.items() if v.unit_kerja_id == unit.pk), None)
    if kode_unit is None:
        rencana.kesalahan.append(
            excel.Kesalahan(
                None,
                None,
                f"Unit {unit.nama} belum memiliki kode SKPD SIPD; isi pada halaman 'Kode SKPD SIPD' lebih dulu.",
            )
        )
        return rencana
    lain = sorted(hasil.kode_skpd - {kode_unit})
    if lain:
        milik = [
            f"{k} ({kode_pemda[k].unit_kerja.nama})" if k in kode_pemda else f"{k} (tidak dikenal)"
            for k in lain
        ]
        rencana.kesalahan.insert(
            0,
            excel.Kesalahan(
                None,
                None,
                f"Berkas ini bukan milik {unit.nama} (kode SKPD {kode_unit}): berkas memuat kode SKPD "
                f"{', '.join(milik)}. Berkas ditolak; tidak ada data yang diimpor.",
            ),
        )
        return rencana
    tahun_lain = sorted(hasil.tahun - {tahun})
    if tahun_lain:
        rencana.kesalahan.append(
            excel.Kesalahan(
                None,
                None,
                f"Berkas berisi data tahun {', '.join(map(str, tahun_lain))}, bukan tahun {tahun} yang dipilih.",
            )
        )
    calon = SubKegiatan.objects.editable_by(user).filter(
        kegiatan__program__unit_kerja__jalur__startswith=unit.jalur
    )
    per_kode: dict[str, list[dict[str, Any]]] = {}
    for sub in calon.values(
        "id",
        "kode",
        "nama",
        "satuan_keluaran",
        "kegiatan__program__unit_kerja__kode",
        "kegiatan__program__unit_kerja__jalur",
    ):
        per_kode.setdefault(sub["kode"], []).append(sub)
    cocok: list[tuple[Any, dict[str, Any]]] = []
    for pos in hasil.pos.values():
        kandidat = per_kode.get(pos.kode, [])
        baris = pos.baris[0]
        if pos.kode_unit and pos.kode_unit != kode_unit:
            sub_unit = kode_pemda.get(pos.kode_unit)
            if sub_unit is None or not sub_unit.unit_kerja.jalur.startswith(unit.jalur):
                rencana.kesalahan.append(
                    excel.Kesalahan(
                        baris,
                        "Kode Sub SKPD",
                        f"kode sub SKPD {pos.kode_unit} bukan unit di bawah {unit.nama}",
                    )
                )
                continue
            kandidat = [
                k
                for k in kandidat
                if k["kegiatan__program__unit_kerja__jalur"].startswith(sub_unit.unit_kerja.jalur)
            ]
        if not kandidat:
            rencana.kode_tidak_dikenal.append(pos.kode)
            rencana.kesalahan.append(
                excel.Kesalahan(
                    baris,
                    "Kode Sub Kegiatan",
                    f"kode tidak dikenal: {pos.kode} bukan sub kegiatan {unit.nama} yang dapat Anda ubah",
                )
            )
            continue
        if len(kandidat) > 1:
            units = ", ".join(sorted(k["kegiatan__program__unit_kerja__kode"] for k in kandidat))
            rencana.kesalahan.append(
                excel.Kesalahan(
                    baris,
                    "Kode Sub Kegiatan",
                    f"kode {pos.kode} dipakai oleh beberapa unit ({units}); isi kode sub SKPD pada berkas, "
                    "atau pilih unitnya pada formulir impor",
                )
            )
            continue
        cocok.append((pos, kandidat[0]))
    tersimpan = _keadaan_tersimpan(tahun, [s["id"] for _, s in cocok])
    dipakai: dict[int, int] = {}
    for pos, sub in cocok:
        if sub["id"] in dipakai:
            rencana.kesalahan.append(
                excel.Kesalahan(
                    pos.baris[0],
                    "Kode Sub Kegiatan",
                    f"sub kegiatan {pos.kode} sudah ada pada baris {dipakai[sub['id']]}",
                )
            )
            continue
        dipakai[sub["id"]] = pos.baris[0]
        anggaran_id, lama = tersimpan.get(sub["id"], (None, None))
        baru, pesan = _keadaan_baru(pos, lama, sub["satuan_keluaran"])
        if baru is None:
            rencana.kesalahan.append(excel.Kesalahan(pos.baris[0], None, f"sub kegiatan {pos.kode}: {pesan}"))
            continue
        rencana.pos.append(
            PosRencanaSipd(
                pos=pos,
                sub_kegiatan_id=sub["id"],
                anggaran_id=anggaran_id,
                unit=sub["kegiatan__program__unit_kerja__kode"],
                nama=sub["nama"],
                lama=lama,
                baru=baru,
            )
        )
    total = AnggaranSubKegiatan.objects.filter(
        tahun=tahun, sub_kegiatan__kegiatan__program__unit_kerja__jalur__startswith=unit.jalur
    ).aggregate(p=Sum("pagu"), r=Sum("realisasi"))
    sebelum = serapan.TotalAnggaran(pagu=total["p"] or NOL, realisasi=total["r"] or NOL)
    rencana.total_unit_sebelum = sebelum
    rencana.total_unit_sesudah = serapan.TotalAnggaran(
        pagu=sebelum.pagu - rencana.pagu_tersimpan + rencana.pagu_berkas,
        realisasi=sebelum.realisasi - rencana.realisasi_tersimpan + rencana.realisasi_berkas,
    )
    aturan = aturan_pagu(rencana.unit.pemda_id) if rencana.lebih_pagu else None
    if aturan is not None and aturan.galat:
        for p in rencana.lebih_pagu:
            pesan = aturan.pesan(p.baru.pagu, p.baru.realisasi)
            rencana.kesalahan.append(
                excel.Kesalahan(None, "Realisasi", f"Sub kegiatan {p.pos.kode}: {pesan}")
            )
    rencana.kesalahan.sort(key=lambda k: (k.baris or 0, k.kolom or ""))
    return rencana


def _selaraskan_baris(
    model: type[Any],
    filter_: dict[str, Any],
    lama: dict[Any, Any],
    baru: dict[Any, Any],
    kunci: Any,
    nilai: Any,
    by: Pengguna | None,
) -> None:
    """Make the rows of `model` under `filter_` equal `baru` (key → value), recording each change."""
    for k in set(lama) - set(baru):
        for obj in model.objects.filter(**filter_, **kunci(k)):
            if by is not None:
                obj._history_user = by
            obj._change_reason = ALASAN_SIPD
            obj.delete()
    for k, v in baru.items():
        if k in lama and lama[k] == v:
            continue
        obj = model.objects.filter(**filter_, **kunci(k)).first() or model(**filter_, **kunci(k))
        for nama, isi in nilai(v).items():
            setattr(obj, nama, isi)
        obj._change_reason = ALASAN_SIPD
        save_with_history(obj, by, exclude=["anggaran"])


@transaction.atomic
def terapkan_impor_sipd(
    *,
    rencana: RencanaSipd,
    konfirmasi_lebih_pagu: bool = False,
    catatan_lebih_pagu: str = "",
    by: Pengguna | None = None,
) -> int:
    """Write a checked SIPD plan in one transaction; returns the number of budget lines changed.

    All or nothing: refused as a whole when the plan has any error or unconfirmed realisasi above pagu. Lines the
    file leaves as they are get no write and no history entry, so importing the same file twice changes nothing.
    """
    if rencana.kesalahan:
        raise ValidationError([str(k) for k in rencana.kesalahan])
    _pastikan_tahun_terbuka(
        pemda_id=rencana.unit.pemda_id,
        tahun=rencana.tahun,
        perihal=f"Anggaran tahun {rencana.tahun} (impor SIPD)",
    )
    aturan = aturan_pagu(rencana.unit.pemda_id) if rencana.lebih_pagu else None
    lebih = [
        f"Sub kegiatan {p.pos.kode}: realisasi {angka.format_rupiah(p.baru.realisasi, 2)} melebihi pagu "
        f"{angka.format_rupiah(p.baru.pagu, 2)}"
        for p in rencana.lebih_pagu
    ]
    if aturan is not None and aturan.galat:  # the rule was saved after the preview
        raise ValidationError(lebih)
    if aturan is None and rencana.lebih_pagu and not konfirmasi_lebih_pagu:
        raise ValidationError(
            [*lebih, "Centang konfirmasi realisasi melebihi pagu untuk menyimpan baris-baris tersebut."]
        )
    if aturan is not None and not catatan_lebih_pagu.strip():
        raise ValidationError(
            [
                f"Peringatan: sub kegiatan {p.pos.kode}: {aturan.pesan(p.baru.pagu, p.baru.realisasi)}"
                for p in rencana.lebih_pagu
            ]
            + [PESAN_CATATAN]
        )
    lebih_ids = {p.sub_kegiatan_id for p in rencana.lebih_pagu}
    for p in rencana.berubah:
        b = p.baru
        obj = (
            AnggaranSubKegiatan.objects.select_for_update().get(pk=p.anggaran_id)
            if p.anggaran_id
            else AnggaranSubKegiatan(sub_kegiatan_id=p.sub_kegiatan_id, tahun=rencana.tahun)
        )
        for nama in ("pagu", "realisasi", "jenis_belanja", "target_keluaran", "satuan_keluaran"):
            setattr(obj, nama, getattr(b, nama))
        obj._change_reason = ALASAN_SIPD
        if aturan is not None and p.sub_kegiatan_id in lebih_ids:
            obj._change_reason = f"{ALASAN_SIPD}; realisasi melebihi pagu: {catatan_lebih_pagu.strip()}"
        save_with_history(obj, by, exclude=["sub_kegiatan"])
        lama = p.lama or KeadaanAnggaran(NOL, NOL, "", None, "", {}, {}, {})
        saring = {"anggaran": obj}
        _selaraskan_baris(
            RealisasiBulanan,
            saring,
            lama.bulanan,
            b.bulanan,
            lambda k: {"bulan": k},
            lambda v: {"realisasi": v},
            by,
        )
        _selaraskan_baris(
            RealisasiBulananJenis,
            saring,
            lama.bulanan_jenis,
            b.bulanan_jenis,
            lambda k: {"bulan": k[0], "jenis_belanja": k[1]},
            lambda v: {"realisasi": v},
            by,
        )
        _selaraskan_baris(
            RincianJenisBelanja,
            saring,
            lama.rincian,
            b.rincian,
            lambda k: {"jenis_belanja": k},
            lambda v: {"pagu": v[0], "realisasi": v[1]},
            by,
        )
    return len(rencana.berubah)


def _buang_rincian_usang(anggaran: AnggaranSubKegiatan, by: Pengguna | None) -> None:
    """After a manual edit the SIPD split (Operasi/Modal) may no longer add up: drop what does not."""
    bulanan = dict(anggaran.bulanan.values_list("bulan", "realisasi"))
    for baris in anggaran.bulanan_jenis.all():
        per_bulan = sum((r.realisasi for r in anggaran.bulanan_jenis.all() if r.bulan == baris.bulan), NOL)
        if bulanan.get(baris.bulan) != per_bulan:
            if by is not None:
                baris._history_user = by
            baris.delete()
    rincian = list(anggaran.rincian_jenis.all())
    if rincian and (
        sum((r.pagu for r in rincian), NOL) != anggaran.pagu
        or sum((r.realisasi for r in rincian), NOL) != anggaran.realisasi
    ):
        for r in rincian:
            if by is not None:
                r._history_user = by
            r.delete()


@transaction.atomic
def simpan_kode_sipd(*, unit: UnitKerja, kode: str, by: Pengguna | None = None) -> KodeSipd | None:
    """Set (or, with an empty code, remove) the SIPD SKPD code of a unit."""
    kode = kode.strip()
    ada = KodeSipd.objects.filter(unit_kerja=unit).first()
    if not kode:
        if ada is not None:
            if by is not None:
                ada._history_user = by
            ada.delete()
        return None
    if not sipd.KODE_SKPD_PENUH.fullmatch(kode):
        raise ValidationError({"kode": f"'{kode}' bukan kode SKPD SIPD (contoh: 4.01.0.00.0.00.01.0000)."})
    pemakai = KodeSipd.objects.filter(pemda_id=unit.pemda_id, kode=kode).exclude(unit_kerja=unit).first()
    if pemakai is not None:
        raise ValidationError({"kode": f"Kode {kode} sudah dipakai oleh {pemakai.unit_kerja.nama}."})
    obj = ada or KodeSipd(unit_kerja=unit, pemda_id=unit.pemda_id)
    if obj.pk and obj.kode == kode:
        return obj
    obj.kode = kode
    save_with_history(obj, by)
    return obj
