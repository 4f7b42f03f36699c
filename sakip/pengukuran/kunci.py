"""The lock facts behind the integrity rule (`perencanaan.integritas`): locked years and verified realisasi."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Exists, OuterRef, Q

from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import jadwal
from sakip.pengukuran.models import KunciPeriode, KunciTahun, Narasi, Periode, Realisasi
from sakip.perencanaan import integritas
from sakip.perencanaan.services import save_with_history


def is_locked(pemda_id: int, tahun: int) -> bool:
    return KunciTahun.objects.filter(pemda_id=pemda_id, tahun=tahun, terkunci=True).exists()


def periode_terkunci(pemda_id: int, tahun: int) -> set[str]:
    """The periods of `tahun` that may not change: every period when the year is locked, else the locked quarters
    and their months. One query each; pages use it to show the lock and to offer no form for a locked period."""
    if is_locked(pemda_id, tahun):
        return set(Periode.values)
    triwulan = set(
        KunciPeriode.objects.filter(pemda_id=pemda_id, tahun=tahun, terkunci=True).values_list(
            "periode", flat=True
        )
    )
    return triwulan | {b for tw in triwulan for b in jadwal.bulan_dalam(tw)}


def _kunci(pemda_id: int, periode: object) -> Exists:
    return Exists(
        KunciPeriode.objects.filter(
            pemda_id=pemda_id, tahun=OuterRef("tahun"), periode=periode, terkunci=True
        )
    )


def _di_periode_terkunci(pemda_id: int) -> Q:
    """A realisasi (outer query) whose quarter, or the quarter of whose month, is locked for the pemda."""
    syarat = Q(_kunci(pemda_id, OuterRef("periode")))
    for tw in jadwal.TRIWULAN:
        syarat |= Q(periode__in=jadwal.bulan_dalam(tw)) & Q(_kunci(pemda_id, tw))
    return syarat


class Penyedia:
    def tahun_terkunci(self, pemda_id: int, tahun: int) -> bool:
        return is_locked(pemda_id, tahun)

    def periode_terkunci(self, pemda_id: int, tahun: int, periode: str) -> bool:
        """A quarter, or a month whose quarter, is locked."""
        return KunciPeriode.objects.filter(
            pemda_id=pemda_id, tahun=tahun, periode=jadwal.triwulan_dari(periode) or periode, terkunci=True
        ).exists()

    def label_periode(self, periode: str) -> str:
        """ "Triwulan I"; a month with its quarter, "Februari (Triwulan I)": quarters are what is locked."""
        label = Periode(periode).label if periode in Periode.values else periode
        triwulan = jadwal.triwulan_dari(periode)
        return f"{label} ({Periode(triwulan).label})" if triwulan and triwulan != periode else label

    def realisasi_terkunci(
        self, *, pemda_id: int, indikator_ids: Collection[int], tahun: int | None, periode: str | None
    ) -> list[integritas.RealisasiTerkunci]:
        terkunci = KunciTahun.objects.filter(pemda_id=pemda_id, terkunci=True).values("tahun")
        qs = Realisasi.objects.filter(indikator_id__in=list(indikator_ids)).filter(
            Q(status=Realisasi.Status.DIVERIFIKASI) | Q(tahun__in=terkunci) | _di_periode_terkunci(pemda_id)
        )
        if tahun is not None:
            qs = qs.filter(tahun=tahun)
        if periode is not None:
            qs = qs.filter(periode=periode)
        return [
            integritas.RealisasiTerkunci(kode, t, p, status == Realisasi.Status.DIVERIFIKASI)
            for kode, t, p, status in qs.order_by("tahun", "periode", "indikator__kode").values_list(
                "indikator__kode", "tahun", "periode", "status"
            )[:20]
        ]

    def pindahkan_pelapor(self, *, indikator_id: int, unit_id: int, by: object) -> None:
        """Unverified realisasi and narratives of unlocked years move to the new reporting unit (a new version, so a
        page opened before is refused, and an audit-trail entry). Verified ones and those of locked years stay
        with the unit that reported them and whose verifier accepted them: they are a closed statement."""
        pemda_id = UnitKerja.objects.values_list("pemda_id", flat=True).get(pk=unit_id)
        terkunci = KunciTahun.objects.filter(pemda_id=pemda_id, terkunci=True).values("tahun")
        alasan = "Unit pelapor mengikuti penanggung jawab indikator"
        for r in (
            Realisasi.objects.select_for_update()
            .filter(indikator_id=indikator_id)
            .exclude(unit_kerja_id=unit_id)
            .exclude(status=Realisasi.Status.DIVERIFIKASI)
            .exclude(tahun__in=terkunci)
            .exclude(_di_periode_terkunci(pemda_id))
        ):
            r.unit_kerja_id, r.versi = unit_id, r.versi + 1
            r._change_reason = alasan
            save_with_history(r, by)  # type: ignore[arg-type]
        for n in (
            Narasi.objects.select_for_update()
            .filter(indikator_id=indikator_id)
            .exclude(unit_kerja_id=unit_id)
            .exclude(tahun__in=terkunci)
        ):
            n.unit_kerja_id, n.versi = unit_id, n.versi + 1
            n._change_reason = alasan
            save_with_history(n, by)  # type: ignore[arg-type]


def register() -> None:
    integritas.daftarkan(Penyedia())
