"""The integrity rule, enforced by one guard that every write service calls (pages, imports and the API alike).

A figure that is verified, or that lies in a locked year, cannot change by any path: not its value, not its inputs,
not the indicator definition it was computed with (formula, polarity, aggregation, type, scale, sasaran, end
target), not the target of its year, not its evidence links, not the budget lines of its year. Changing such data
needs an explicit, audited unlock first: the admin pemda unlocks the year with a reason (`pengukuran.services.
unlock_year`), or a verifier reopens the verified realisasi with a reason (`pengukuran.services.reopen_realisasi`).

The facts (which years are locked, which realisasi are verified) live in `pengukuran`, a layer above planning; it
registers them here when the app starts (`PengukuranConfig.ready`), as `pelaporan` registers capaian for
`anggaran`. Without a registered provider every guarded write is refused: the rule fails closed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import connection

from sakip.organisasi.models import Pemda


class DataTerkunci(ValidationError):
    """A write that would change a verified figure or data of a locked year: nothing was changed."""


@dataclass(frozen=True)
class RealisasiTerkunci:
    kode: str  # the indicator's kode
    tahun: int
    periode: str
    diverifikasi: bool  # else: its year is locked


class Penyedia(Protocol):
    def tahun_terkunci(self, pemda_id: int, tahun: int) -> bool: ...

    def periode_terkunci(self, pemda_id: int, tahun: int, periode: str) -> bool: ...

    def label_periode(self, periode: str) -> str: ...

    def realisasi_terkunci(
        self, *, pemda_id: int, indikator_ids: Collection[int], tahun: int | None, periode: str | None
    ) -> list[RealisasiTerkunci]: ...

    def pindahkan_pelapor(self, *, indikator_id: int, unit_id: int, by: object) -> None: ...


_penyedia: list[Penyedia] = []


def daftarkan(penyedia: Penyedia) -> None:
    """Register the provider of lock facts (called once by `pengukuran` at start-up)."""
    _penyedia[:] = [penyedia]


def _sumber() -> Penyedia:
    if not _penyedia:
        raise DataTerkunci("Pemeriksaan kunci data tidak tersedia; perubahan ditolak.")
    return _penyedia[0]


def tahun_terkunci(pemda_id: int, tahun: int) -> bool:
    return _sumber().tahun_terkunci(pemda_id, tahun)


def pelapor_berubah(*, indikator_id: int, unit_id: int, by: object) -> None:
    """The indicator's reporting unit changed: its realisasi and narratives that may still change follow it."""
    _sumber().pindahkan_pelapor(indikator_id=indikator_id, unit_id=unit_id, by=by)


def antre_kunci(pemda_id: int, *, eksklusif: bool) -> None:
    """Order guarded writes and lock changes of a pemda (PostgreSQL; SQLite runs one write transaction at a time).

    A write checks the locks, then writes; a lock set between the two would otherwise let the write land in a locked
    year or quarter. Every guarded write takes a shared lock on the pemda's row (writes do not wait for each other),
    a lock change an exclusive one: the lock waits for the writes in progress to commit, and a write that starts
    after it sees the lock. Inside the caller's transaction; held until it ends."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    mode = "UPDATE" if eksklusif else "SHARE"
    with connection.cursor() as c:
        c.execute(f"SELECT 1 FROM {Pemda._meta.db_table} WHERE id = %s FOR {mode}", [pemda_id])  # noqa: S608


def pastikan_dapat_diubah(
    *,
    perihal: str,
    pemda_id: int,
    tahun: int | None = None,
    indikator_ids: Collection[int] = (),
    periode: str | None = None,
) -> None:
    """Refuse (DataTerkunci, an Indonesian message naming the cause) a change of `perihal` when

    - `tahun` is given and that year is locked for the pemda, or `tahun` and `periode` are given and that quarter is
      locked (`pengukuran.KunciPeriode`); or
    - a realisasi of `indikator_ids` (of `tahun` and `periode` when given, else of any year) is verified, or lies in
      a locked year: the figure was computed with what is being changed.
    """
    antre_kunci(pemda_id, eksklusif=False)
    sumber = _sumber()
    if tahun is not None and sumber.tahun_terkunci(pemda_id, tahun):
        raise DataTerkunci(
            f"{perihal} tidak dapat diubah: data tahun {tahun} sudah dikunci. Perubahan hanya dapat dilakukan "
            "setelah admin pemda membuka kunci tahun itu dengan alasan yang dicatat."
        )
    if tahun is not None and periode is not None and sumber.periode_terkunci(pemda_id, tahun, periode):
        raise DataTerkunci(
            f"{perihal} tidak dapat diubah: data {sumber.label_periode(periode)} tahun {tahun} sudah dikunci. "
            "Perubahan hanya dapat dilakukan setelah admin pemda membuka kunci periode itu dengan alasan yang "
            "dicatat."
        )
    ids = [i for i in indikator_ids if i is not None]
    if not ids:
        return
    kena = sumber.realisasi_terkunci(pemda_id=pemda_id, indikator_ids=ids, tahun=tahun, periode=periode)
    if not kena:
        return
    terverifikasi = [r for r in kena if r.diverifikasi]
    contoh = terverifikasi or kena
    daftar = ", ".join(f"{r.kode} {r.tahun} {r.periode}" for r in contoh[:3])
    if len(contoh) > 3:
        daftar += f" dan {len(contoh) - 3} lainnya"
    if terverifikasi:
        raise DataTerkunci(
            f"{perihal} tidak dapat diubah: realisasi {daftar} sudah diverifikasi dan dihitung dengan data ini. "
            "Buka verifikasi realisasi tersebut dengan alasan terlebih dahulu (verifikator), atau catat "
            "perubahan sebagai indikator baru yang berlaku mulai tahun berikutnya."
        )
    raise DataTerkunci(
        f"{perihal} tidak dapat diubah: realisasi {daftar} berada pada tahun atau periode yang sudah dikunci dan dihitung "
        "dengan data ini. Minta admin pemda membuka kunci tahun itu dengan alasan terlebih dahulu, atau catat "
        "perubahan sebagai indikator baru yang berlaku mulai tahun berikutnya."
    )
