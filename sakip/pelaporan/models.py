"""Free-text sections of the LKjIP that the data cannot write: kata pengantar, pendahuluan, penutup."""

from __future__ import annotations

from django.db import models

from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.perencanaan.models import UnitQuerySet


class TeksLaporan(models.Model):
    """The unit's own texts for its LKjIP of a year; an empty field leaves the generated text in place."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="teks_laporan")
    tahun = models.PositiveSmallIntegerField()
    kata_pengantar = models.TextField(blank=True, help_text="Pisahkan paragraf dengan baris kosong.")
    pendahuluan = models.TextField(
        "pendahuluan (pengantar BAB I)", blank=True, help_text="Pisahkan paragraf dengan baris kosong."
    )
    penutup = models.TextField(
        "penutup (BAB IV)", blank=True, help_text="Pisahkan paragraf dengan baris kosong."
    )
    versi = models.PositiveIntegerField(default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "teks laporan"
        verbose_name_plural = "teks laporan"
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun"], name="teks_laporan_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Teks LKjIP {self.unit_kerja} {self.tahun}"


def paragraf(teks: str) -> list[str]:
    """Paragraphs of a text field: separated by blank lines, inner line breaks kept as spaces."""
    return [" ".join(p.split()) for p in teks.replace("\r\n", "\n").split("\n\n") if p.strip()]
