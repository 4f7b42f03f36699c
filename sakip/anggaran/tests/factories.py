"""Budget test data: a program → kegiatan → sub kegiatan tree of a unit, with budget lines."""

from __future__ import annotations

from decimal import Decimal

from sakip.anggaran import services
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan


def program_dengan_anggaran(
    unit,
    *,
    kode: str = "4.01.01",
    nama: str = "Program Penunjang",
    baris: list[tuple[Decimal, Decimal]] | None = None,
    tahun: int = 2024,
    sasaran=(),
    jumlah_kegiatan: int = 1,
    jenis_belanja: str = "operasi",
) -> Program:
    """A program of `unit` whose sub kegiatan carry the given (pagu, realisasi) lines, spread over kegiatan."""
    program = Program.objects.create(unit_kerja=unit, kode=kode, nama=nama)
    if sasaran:
        program.sasaran.set(sasaran)
    kegiatan = [
        Kegiatan.objects.create(program=program, kode=f"{kode}.2.{i:02d}", nama=f"Kegiatan {i} {unit.kode}")
        for i in range(1, jumlah_kegiatan + 1)
    ]
    for n, (pagu, realisasi) in enumerate(baris or [], start=1):
        keg = kegiatan[(n - 1) % len(kegiatan)]
        sub = SubKegiatan.objects.create(
            kegiatan=keg,
            kode=f"{keg.kode}.{n:04d}",
            nama=f"Sub kegiatan {n} {unit.kode}",
            satuan_keluaran="Dokumen",
        )
        services.simpan_anggaran(
            sub_kegiatan=sub,
            tahun=tahun,
            pagu=pagu,
            realisasi=realisasi,
            jenis_belanja=jenis_belanja,
            target_keluaran=Decimal(12),
            realisasi_keluaran=Decimal(12),
            izinkan_lebih_pagu=True,
        )
    return program


def anggaran_pertama(program: Program) -> AnggaranSubKegiatan:
    return (
        AnggaranSubKegiatan.objects.filter(sub_kegiatan__kegiatan__program=program)
        .order_by("sub_kegiatan__kode")
        .first()
    )
