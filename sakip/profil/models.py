"""Organisation profile of a unit for one year: the facts LKjIP chapter I (Pendahuluan) is built from."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.profil import aturan

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sakip.organisasi.models import Pengguna

TAHUN_MIN = 2000
TAHUN_MAX = 2100


class ProfilOrganisasiQuerySet(models.QuerySet["ProfilOrganisasi"]):
    def visible_to(self, user: Pengguna | AnonymousUser) -> ProfilOrganisasiQuerySet:
        from sakip.organisasi import access

        return self.filter(access.unit_filter(user, path="unit_kerja"))

    def for_tahun(self, tahun: int) -> ProfilOrganisasiQuerySet:
        return self.filter(tahun=tahun)


class ProfilOrganisasi(models.Model):
    """The narrative parts of chapter I for one unit and year; the tables hang off it as rows."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="profil")
    tahun = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(TAHUN_MIN), MaxValueValidator(TAHUN_MAX)]
    )
    dasar_pembentukan = models.TextField("dasar pembentukan organisasi", blank=True)
    tugas = models.TextField(blank=True, help_text="Rumusan tugas; fungsi diisi sebagai daftar bernomor.")
    uraian_struktur = models.TextField("uraian struktur organisasi", blank=True)
    uraian_sdm = models.TextField("uraian sumber daya aparatur", blank=True)
    sdm_per_tanggal = models.DateField("data pegawai per tanggal", null=True, blank=True)
    sumber_data_pegawai = models.CharField(max_length=255, blank=True)
    aspek_strategis = models.TextField("aspek strategis organisasi", blank=True)
    sumber_data_sarana = models.CharField("sumber data sarana prasarana", max_length=255, blank=True)
    ada_standar = models.BooleanField(
        "ada standar nasional/provinsi pembanding",
        default=False,
        help_text="Bila tidak ada indikator yang memiliki standar pembanding, isi alasannya.",
    )
    alasan_tanpa_standar = models.TextField("alasan tidak ada perbandingan dengan standar", blank=True)

    history = HistoricalRecords()
    objects = ProfilOrganisasiQuerySet.as_manager()

    class Meta:
        verbose_name = "profil organisasi"
        verbose_name_plural = "profil organisasi"
        ordering = ["unit_kerja__pemda__kode", "unit_kerja__jalur", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun"], name="profil_unik_per_unit_tahun"),
        ]

    def __str__(self) -> str:
        return f"Profil {self.unit_kerja} {self.tahun}"

    def ringkasan_pegawai(self) -> aturan.RingkasanPegawai:
        """Staff totals, computed with two aggregate queries."""
        return aturan.RingkasanPegawai(
            asn=self.pegawai_asn.all().jumlah(),
            non_pns=self.pegawai_non_pns.all().jumlah(),
        )

    def kekurangan(self) -> list[str]:
        """Sections still empty, so that an operator sees what the report would lack."""
        kosong = [
            label
            for label, nilai in [
                ("Dasar pembentukan", self.dasar_pembentukan),
                ("Tugas", self.tugas),
                ("Aspek strategis", self.aspek_strategis),
            ]
            if not nilai.strip()
        ]
        if not self.ada_standar and not self.alasan_tanpa_standar.strip():
            kosong.append("Perbandingan dengan standar atau alasan tidak ada standar")
        return kosong


class BarisProfil(models.Model):
    """A numbered row of one of the profile's lists or tables; `urutan` starts at 1."""

    urutan = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["urutan"]


class ButirBernomor(BarisProfil):
    uraian = models.TextField()

    class Meta(BarisProfil.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.urutan}. {self.uraian[:60]}"


class LandasanHukum(ButirBernomor):
    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="landasan_hukum")
    history = HistoricalRecords()

    class Meta(ButirBernomor.Meta):
        verbose_name = "landasan hukum"
        verbose_name_plural = "landasan hukum"
        constraints = [
            models.UniqueConstraint(fields=["profil", "urutan"], name="landasan_hukum_urutan_unik")
        ]


class Fungsi(ButirBernomor):
    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="fungsi")
    history = HistoricalRecords()

    class Meta(ButirBernomor.Meta):
        verbose_name = "fungsi"
        verbose_name_plural = "fungsi"
        constraints = [models.UniqueConstraint(fields=["profil", "urutan"], name="fungsi_urutan_unik")]


class IsuStrategis(ButirBernomor):
    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="isu_strategis")
    history = HistoricalRecords()

    class Meta(ButirBernomor.Meta):
        verbose_name = "permasalahan utama (isu strategis)"
        verbose_name_plural = "permasalahan utama (isu strategis)"
        constraints = [models.UniqueConstraint(fields=["profil", "urutan"], name="isu_strategis_urutan_unik")]


class PerbandinganStandar(BarisProfil):
    """An indicator compared with a national or provincial standard (LKjIP analysis point 4)."""

    class Tingkat(models.TextChoices):
        NASIONAL = "nasional", "Nasional"
        PROVINSI = "provinsi", "Provinsi"

    profil = models.ForeignKey(
        ProfilOrganisasi, on_delete=models.CASCADE, related_name="perbandingan_standar"
    )
    indikator = models.CharField(max_length=500)
    tingkat = models.CharField("tingkat standar", max_length=10, choices=Tingkat.choices)
    # Standards and results can be predicates (WTP, BB), so both are kept as written.
    nilai_standar = models.CharField(max_length=100)
    realisasi = models.CharField("realisasi unit", max_length=100)
    satuan = models.CharField(max_length=60, blank=True)
    sumber_standar = models.CharField(
        max_length=500, blank=True, help_text="Peraturan atau publikasi yang menetapkan standar."
    )
    keterangan = models.TextField("analisis", blank=True)
    history = HistoricalRecords()

    class Meta(BarisProfil.Meta):
        verbose_name = "perbandingan dengan standar"
        verbose_name_plural = "perbandingan dengan standar"
        constraints = [
            models.UniqueConstraint(fields=["profil", "urutan"], name="perbandingan_standar_urutan_unik")
        ]

    def __str__(self) -> str:
        return self.indikator


class BarisPegawaiQuerySet(models.QuerySet["BarisPegawai"]):
    def jumlah(self) -> dict[str, int]:
        """Column totals of table 1.1, computed in one aggregate query."""
        return self.aggregate(**{k: Coalesce(Sum(k), 0) for k in aturan.KOLOM_ASN})


def _jumlah(kolom: tuple[str, ...]) -> Any:
    total: Any = F(kolom[0])
    for k in kolom[1:]:
        total = total + F(k)
    return total


class BarisPegawai(BarisProfil):
    """One jabatan row of table 1.1: headcount by status, and its breakdowns by sex, golongan, education."""

    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="pegawai_asn")
    jabatan = models.CharField(max_length=200)
    pns = models.PositiveIntegerField("PNS", default=0)
    p3k = models.PositiveIntegerField("P3K", default=0)
    laki_laki = models.PositiveIntegerField("L", default=0)
    perempuan = models.PositiveIntegerField("P", default=0)
    gol_iv = models.PositiveIntegerField("Gol. IV", default=0)
    gol_iii = models.PositiveIntegerField("Gol. III", default=0)
    gol_ii = models.PositiveIntegerField("Gol. II", default=0)
    gol_i = models.PositiveIntegerField("Gol. I", default=0)
    s3 = models.PositiveIntegerField("S3", default=0)
    s2 = models.PositiveIntegerField("S2", default=0)
    s1 = models.PositiveIntegerField("S1", default=0)
    diploma = models.PositiveIntegerField("Diploma", default=0)
    slta = models.PositiveIntegerField("SLTA", default=0)
    sltp = models.PositiveIntegerField("SLTP", default=0)
    sd = models.PositiveIntegerField("SD", default=0)

    history = HistoricalRecords()
    objects = BarisPegawaiQuerySet.as_manager()

    class Meta(BarisProfil.Meta):
        verbose_name = "baris pegawai ASN"
        verbose_name_plural = "baris pegawai ASN"
        # The database itself refuses a row whose breakdowns disagree with its headcount; clean() says why.
        constraints = [
            models.UniqueConstraint(fields=["profil", "urutan"], name="baris_pegawai_urutan_unik"),
            models.CheckConstraint(
                condition=Exact(_jumlah(aturan.KOLOM_JENIS_KELAMIN), _jumlah(aturan.KOLOM_STATUS)),
                name="baris_pegawai_jenis_kelamin_sama_dengan_jumlah",
                violation_error_message="L + P harus sama dengan PNS + P3K.",
            ),
            models.CheckConstraint(
                condition=Exact(_jumlah(aturan.KOLOM_GOLONGAN), F("pns")),
                name="baris_pegawai_golongan_sama_dengan_pns",
                violation_error_message="Gol. IV + III + II + I harus sama dengan jumlah PNS.",
            ),
            models.CheckConstraint(
                condition=Exact(_jumlah(aturan.KOLOM_PENDIDIKAN), _jumlah(aturan.KOLOM_STATUS)),
                name="baris_pegawai_pendidikan_sama_dengan_jumlah",
                violation_error_message="Jumlah per pendidikan harus sama dengan PNS + P3K.",
            ),
        ]

    def __str__(self) -> str:
        return self.jabatan

    @property
    def jumlah(self) -> int:
        return self.pns + self.p3k

    @property
    def gol_p3k(self) -> int:
        return self.p3k

    def nilai(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in aturan.KOLOM_ASN}

    def clean(self) -> None:
        if any(getattr(self, k) is None for k in aturan.KOLOM_ASN):
            return  # field validation already reports the empty cell
        errors: dict[str, list[str]] = {}
        for pelanggaran in aturan.periksa_baris_asn(self.nilai()):
            errors.setdefault(pelanggaran.kolom[0], []).append(pelanggaran.pesan)
        if errors:
            raise ValidationError(errors)


class BarisNonPNSQuerySet(models.QuerySet["BarisNonPNS"]):
    def jumlah(self) -> dict[str, int]:
        return self.aggregate(**{k: Coalesce(Sum(k), 0) for k in aturan.KOLOM_NON_PNS})


class BarisNonPNS(BarisProfil):
    """One row of the non-PNS table (tenaga honor/PTT): its headcount is L + P, never typed."""

    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="pegawai_non_pns")
    jabatan = models.CharField(max_length=200)
    laki_laki = models.PositiveIntegerField("L", default=0)
    perempuan = models.PositiveIntegerField("P", default=0)

    history = HistoricalRecords()
    objects = BarisNonPNSQuerySet.as_manager()

    class Meta(BarisProfil.Meta):
        verbose_name = "baris pegawai non-PNS"
        verbose_name_plural = "baris pegawai non-PNS"
        constraints = [models.UniqueConstraint(fields=["profil", "urutan"], name="baris_non_pns_urutan_unik")]

    def __str__(self) -> str:
        return self.jabatan

    @property
    def jumlah(self) -> int:
        return self.laki_laki + self.perempuan


class SaranaPrasarana(BarisProfil):
    """A row of table 1.2. An item measured twice (Gedung: 2 unit, 2.048 m2) is two rows with one uraian."""

    profil = models.ForeignKey(ProfilOrganisasi, on_delete=models.CASCADE, related_name="sarana")
    uraian = models.CharField(max_length=255)
    banyaknya = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    satuan = models.CharField(max_length=60)
    keterangan = models.CharField(max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta(BarisProfil.Meta):
        verbose_name = "sarana dan prasarana"
        verbose_name_plural = "sarana dan prasarana"
        constraints = [
            models.UniqueConstraint(fields=["profil", "urutan"], name="sarana_urutan_unik"),
            models.CheckConstraint(condition=models.Q(banyaknya__gte=0), name="sarana_banyaknya_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.uraian}: {self.banyaknya_tampil} {self.satuan}"

    @property
    def banyaknya_tampil(self) -> str:
        desimal = 0 if self.banyaknya == self.banyaknya.to_integral_value() else 2
        return angka.format_angka(self.banyaknya, desimal)
