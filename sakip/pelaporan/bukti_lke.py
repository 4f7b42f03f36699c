"""Evidence the LKE worksheet (sakip.evaluasi) may pick from this layer and from survei: the LKjIP of a year and
the survey results of the unit; and the pre-fill check "the LKjIP of n-1 was built before its deadline".

Registered in PelaporanConfig.ready(): evaluasi sits below pelaporan and beside survei and cannot import them.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sakip.evaluasi import sumber
from sakip.organisasi.models import UnitKerja

# PermenPANRB 53/2014: the LKjIP of year n-1 is submitted by the end of February of year n.
BATAS_BULAN, BATAS_HARI = 2, 28


def penyedia(unit: UnitKerja, tahun: int) -> list[sumber.Sumber]:
    from sakip.perencanaan.models import RencanaStrategis
    from sakip.survei.models import Survei

    hasil = []
    for t in (tahun - 1, tahun):
        for r in RencanaStrategis.objects.filter(unit_kerja=unit, tahun_mulai__lte=t, tahun_selesai__gte=t):
            hasil.append(
                sumber.Sumber(
                    # One key per Renstra and year.
                    "lkjip",
                    r.pk * 10000 + t,
                    f"LKjIP {t} ({r})",
                    reverse("pelaporan:lkjip_docx", args=[r.pk, t]),
                )
            )
    for s in Survei.objects.filter(unit_kerja=unit, tahun__in=[tahun - 1, tahun]):
        hasil.append(
            sumber.Sumber(
                "survei", s.pk, f"Hasil survei {s.nama} {s.tahun}", reverse("survei:detail", args=[s.pk])
            )
        )
    return hasil


def cek_lkjip(unit: UnitKerja, tahun: int) -> sumber.Bukti:
    """An LKjIP of year n-1 of the unit was built (finished) on or before 28 February of year n."""
    from sakip.pelaporan.models import PembuatanLaporan

    batas = dt.date(tahun, BATAS_BULAN, BATAS_HARI)
    for job in PembuatanLaporan.objects.filter(
        renstra__unit_kerja=unit,
        tahun=tahun - 1,
        status=PembuatanLaporan.Status.SELESAI,
        selesai_pada__isnull=False,
    ).order_by("selesai_pada"):
        selesai = timezone.localdate(job.selesai_pada)
        if selesai <= batas:
            url = reverse("pelaporan:lkjip_docx", args=[job.renstra_id, tahun - 1])
            return sumber.Bukti(
                True, f"LKjIP {tahun - 1} dibuat {selesai:%d-%m-%Y} (batas {batas:%d-%m-%Y})", url
            )
    return sumber.Bukti(False, f"Tidak ada LKjIP {tahun - 1} yang dibuat sampai {batas:%d-%m-%Y}.")


def register() -> None:
    sumber.daftarkan_penyedia(penyedia)
    sumber.daftarkan_cek("lkjip", cek_lkjip)
