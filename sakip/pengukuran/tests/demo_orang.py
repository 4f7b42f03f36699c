"""Demo users for the tests of issue #17, plus the outsider (an operator of Kalbar's Biro Umum)."""

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pemda, Pengguna


def pengguna(username: str) -> Pengguna:
    if username == "operator.kalbar":
        return operator_kalbar()
    return Pengguna.objects.get(username=username)


def operator_kalbar() -> Pengguna:
    luar = Pengguna.objects.filter(username="operator.kalbar").first()
    if luar is None:
        luar = Pengguna.objects.create_user("operator.kalbar", password="x-rahasia-123")
        kalbar = Pemda.objects.get(kode="61")
        org_services.assign_role(
            pengguna=luar, peran="operator", pemda=kalbar, unit_kerja=kalbar.unit_kerja.get(kode="SETDA.UMUM")
        )
    return luar


def isi(indikator, tahun: int, periode: str, by: Pengguna, pembilang: str = "8", penyebut: str = "10"):
    """Enter a realisasi through the service: for a formula indicator its first input `pembilang`, the others
    `penyebut` (a / b × 100 = 80 with the defaults), else the value `pembilang`."""
    from decimal import Decimal

    from sakip.lib import rumus
    from sakip.pengukuran import services

    if indikator.pakai_rumus:
        nama = rumus.parse(indikator.formulasi).variabel
        masukan = {n: Decimal(pembilang if i == 0 else penyebut) for i, n in enumerate(nama)}
        return services.save_realisasi(
            indikator=indikator, tahun=tahun, periode=periode, by=by, masukan=masukan
        )
    return services.save_realisasi(
        indikator=indikator, tahun=tahun, periode=periode, by=by, nilai=Decimal(pembilang)
    )
