from decimal import Decimal

from sakip.perencanaan import services
from sakip.perencanaan.models import Indikator, RencanaStrategis


def renstra_dengan_iku(
    unit, *, tahun_mulai=2024, tahun_selesai=2026, jumlah_indikator=2, by=None
) -> RencanaStrategis:
    """A Renstra with one tujuan, one sasaran and `jumlah_indikator` formula IKU with targets for every year."""
    renstra = services.create_renstra(
        unit_kerja=unit,
        nama=f"Renstra {unit.kode}",
        tahun_mulai=tahun_mulai,
        tahun_selesai=tahun_selesai,
        by=by,
    )
    tujuan = services.add_tujuan(renstra=renstra, kode="T1", uraian="Tujuan satu")
    sasaran = services.add_sasaran(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Sasaran satu")
    for n in range(1, jumlah_indikator + 1):
        services.save_indikator(
            indikator=Indikator(
                renstra=renstra,
                sasaran=sasaran,
                kode=f"IKU{n:02d}",
                nama=f"Persentase hal {n}",
                satuan="Persen",
                formulasi="selesai / usulan * 100",
                is_iku=True,
            ),
            variabel=[
                services.VariabelBaru("selesai", "Hal selesai"),
                services.VariabelBaru("usulan", "Usulan"),
            ],
            target={t: services.NilaiTarget(nilai=Decimal(90 + n)) for t in renstra.tahun},
            by=by,
        )
    return renstra
