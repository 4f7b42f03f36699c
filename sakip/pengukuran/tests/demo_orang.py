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
