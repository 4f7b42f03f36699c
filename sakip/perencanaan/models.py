"""Renstra, indicators (IKU) with targets, the budget structure, Perjanjian Kinerja and Rencana Aksi."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.lib import rumus
from sakip.organisasi.models import Pengguna, UnitKerja

ANGKA = {"max_digits": 24, "decimal_places": 6}
RUPIAH = {"max_digits": 20, "decimal_places": 2}


class UnitQuerySet(models.QuerySet[Any]):
    """Rows that belong to a unit through `unit_path` (a class attribute of the model)."""

    def visible_to(self, user: Pengguna) -> UnitQuerySet:
        from sakip.organisasi import access

        return self.filter(access.unit_filter(user, path=self.model.unit_path))

    def editable_by(self, user: Pengguna) -> UnitQuerySet:
        from sakip.organisasi import access

        return self.filter(access.unit_filter(user, path=self.model.unit_path, write=True))


# Values must equal those of sakip.pengukuran.capaian (a layer above, so it cannot be imported here);
# sakip/pengukuran/tests/test_konsistensi.py checks that they do.
class Polaritas(models.TextChoices):
    POSITIF = "positif", "Positif (makin tinggi makin baik)"
    NEGATIF = "negatif", "Negatif (makin rendah makin baik)"
    STABIL = "stabil", "Stabil (makin dekat target makin baik)"


class Agregasi(models.TextChoices):
    KUMULATIF = "kumulatif", "Kumulatif (jumlah triwulan)"
    RATA_RATA = "rata_rata", "Rata-rata triwulan"
    NILAI_AKHIR = "nilai_akhir", "Nilai akhir (triwulan terakhir)"


class Frekuensi(models.TextChoices):
    """How often an indicator is reported: it decides the periods that are due and when."""

    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    SEMESTERAN = "semesteran", "Semesteran"
    TAHUNAN = "tahunan", "Tahunan"


class JenisIndikator(models.TextChoices):
    PERSENTASE = "persentase", "Persentase"
    JUMLAH = "jumlah", "Jumlah"
    INDEKS = "indeks", "Indeks"
    NILAI = "nilai", "Nilai"
    PREDIKAT = "predikat", "Predikat"


class RencanaStrategis(models.Model):
    """A unit's Renstra for a period."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="renstra")
    nama = models.CharField(max_length=255)
    tahun_mulai = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tahun_selesai = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    visi = models.TextField(blank=True)
    misi = models.TextField(blank=True, help_text="Satu misi per baris")
    # 1 for the Renstra as first adopted; each Renstra Perubahan adds one and keeps the replaced content in
    # RenstraVersi, while this row (and every realisasi and PK that points at its indicators) stays the same.
    versi = models.PositiveSmallIntegerField(default=1)
    # The nomenclature version (Kepmendagri decree) its program codes are checked against, fixed when the Renstra
    # is created: a later decree does not invalidate it. Empty: made before any master was loaded (not checked).
    nomenklatur = models.CharField("versi nomenklatur", max_length=60, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "rencana strategis"
        verbose_name_plural = "rencana strategis"
        ordering = ["-tahun_mulai", "unit_kerja_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun_mulai"], name="renstra_unik_per_unit_periode"
            ),
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun_mulai}–{self.tahun_selesai}"

    @property
    def tahun(self) -> list[int]:
        return list(range(self.tahun_mulai, self.tahun_selesai + 1))

    @property
    def daftar_misi(self) -> list[str]:
        return [m.strip() for m in self.misi.splitlines() if m.strip()]

    def clean(self) -> None:
        if self.tahun_mulai and self.tahun_selesai and self.tahun_selesai < self.tahun_mulai:
            raise ValidationError({"tahun_selesai": "Tahun selesai tidak boleh sebelum tahun mulai."})


class RenstraVersi(models.Model):
    """A replaced version of a Renstra, kept when a Renstra Perubahan began: its whole content as the workbook
    round trip reads it (paket.RenstraData as a dict), and the reason of the change that replaced it."""

    unit_path = "renstra__unit_kerja"

    renstra = models.ForeignKey(RencanaStrategis, on_delete=models.CASCADE, related_name="versi_lama")
    nomor = models.PositiveSmallIntegerField()
    alasan = models.TextField("alasan perubahan")
    isi = models.JSONField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        "organisasi.Pengguna", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "versi Renstra"
        verbose_name_plural = "versi Renstra"
        ordering = ["renstra_id", "nomor"]
        constraints = [models.UniqueConstraint(fields=["renstra", "nomor"], name="renstra_versi_unik")]

    def __str__(self) -> str:
        return f"{self.renstra} versi {self.nomor}"


class Tujuan(models.Model):
    unit_path = "renstra__unit_kerja"

    renstra = models.ForeignKey(RencanaStrategis, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    urutan = models.PositiveIntegerField(default=0)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "tujuan"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]

    def __str__(self) -> str:
        return self.uraian


class Sasaran(models.Model):
    """An objective of the Renstra, usually under a tujuan (an IKU decree of a Bagian may have sasaran only)."""

    unit_path = "renstra__unit_kerja"

    renstra = models.ForeignKey(RencanaStrategis, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(
        Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="sasaran"
    )
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    strategi = models.TextField(blank=True, help_text="Satu strategi per baris")
    kebijakan = models.TextField(blank=True, help_text="Satu arah kebijakan per baris")
    urutan = models.PositiveIntegerField(default=0)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "sasaran"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik")]

    def __str__(self) -> str:
        return self.uraian

    def clean(self) -> None:
        if self.tujuan_id and self.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"tujuan": "Tujuan harus berasal dari Renstra yang sama."})


class Indikator(models.Model):
    """An indicator of a tujuan or of a sasaran (an IKU when `is_iku`), with its formula and targets."""

    unit_path = "renstra__unit_kerja"

    renstra = models.ForeignKey(RencanaStrategis, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField(max_length=30)
    nama = models.TextField()
    satuan = models.CharField(max_length=60)
    jenis = models.CharField(max_length=12, choices=JenisIndikator.choices, default=JenisIndikator.PERSENTASE)
    skala_predikat = models.JSONField(
        default=list,
        blank=True,
        help_text="Tingkatan predikat dari terendah ke tertinggi, mis. D, C, CC, B, BB, A, AA",
    )
    polaritas = models.CharField(max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF)
    agregasi = models.CharField(max_length=12, choices=Agregasi.choices, default=Agregasi.NILAI_AKHIR)
    frekuensi = models.CharField(
        "frekuensi pelaporan",
        max_length=12,
        choices=Frekuensi.choices,
        default=Frekuensi.TRIWULANAN,
        help_text="Periode realisasi yang wajib dilaporkan dan tenggatnya",
    )
    definisi = models.TextField("definisi operasional / makna", blank=True)
    alasan = models.TextField("alasan pemilihan", blank=True)
    formulasi = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Rumus atas variabel masukan, mis. difasilitasi / usulan × 100; kosong = nilai langsung",
    )
    formulasi_uraian = models.TextField("cara perhitungan (uraian)", blank=True)
    sumber_data = models.TextField(blank=True)
    penanggung_jawab = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="indikator_tanggung_jawab"
    )
    is_iku = models.BooleanField("IKU", default=False)
    boleh_melebihi_100 = models.BooleanField(
        "boleh melebihi 100%",
        default=False,
        help_text="Persentase yang sah di atas 100 (dikecualikan dari aturan rentang)",
    )
    mendukung = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pendukung",
        help_text="Indikator unit induk yang didukung (cascading / pohon kinerja)",
    )
    kondisi_awal = models.DecimalField(null=True, blank=True, **ANGKA)
    kondisi_awal_teks = models.CharField(max_length=100, blank=True, help_text="Untuk predikat, mis. BB")
    kondisi_akhir = models.DecimalField(null=True, blank=True, **ANGKA)
    kondisi_akhir_teks = models.CharField(max_length=100, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "indikator"
        ordering = ["urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_kode_unik_per_renstra"),
            models.CheckConstraint(
                condition=Q(tujuan__isnull=True, sasaran__isnull=False)
                | Q(tujuan__isnull=False, sasaran__isnull=True),
                name="indikator_milik_tujuan_atau_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def is_predikat(self) -> bool:
        return self.jenis == JenisIndikator.PREDIKAT

    @property
    def pakai_rumus(self) -> bool:
        return bool(self.formulasi.strip())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (self.tujuan_id is None) == (self.sasaran_id is None):
            errors["sasaran"] = "Indikator harus milik tepat satu tujuan atau satu sasaran."
        if self.is_predikat and len(self.skala_predikat) < 2:
            errors["skala_predikat"] = "Indikator predikat membutuhkan skala dengan minimal dua tingkatan."
        if self.is_predikat and self.pakai_rumus:
            errors["formulasi"] = "Indikator predikat tidak memakai rumus."
        if self.pakai_rumus:
            try:
                rumus.parse(self.formulasi)
            except rumus.RumusError as exc:
                errors["formulasi"] = str(exc)
        if self.mendukung_id and self.mendukung_id == self.pk:
            errors["mendukung"] = "Indikator tidak dapat mendukung dirinya sendiri."
        if errors:
            raise ValidationError(errors)


class VariabelIndikator(models.Model):
    """A named input of an indicator's formula, e.g. `kebijakan_difasilitasi`."""

    unit_path = "indikator__renstra__unit_kerja"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="variabel")
    nama = models.CharField(max_length=60)
    label = models.CharField(max_length=255)
    satuan = models.CharField(max_length=60, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "variabel indikator"
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "nama"], name="variabel_unik_per_indikator")
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        try:
            rumus.validasi_nama(self.nama)
        except rumus.RumusError as exc:
            raise ValidationError({"nama": str(exc)}) from exc


class Target(models.Model):
    """The Renstra target of an indicator for one year: a number, a range, or a predikat level."""

    unit_path = "indikator__renstra__unit_kerja"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField()
    nilai = models.DecimalField(null=True, blank=True, **ANGKA)
    nilai_atas = models.DecimalField(
        null=True, blank=True, help_text="Batas atas bila target berupa rentang", **ANGKA
    )
    predikat = models.CharField(max_length=30, blank=True)
    keterangan = models.CharField(
        max_length=60, blank=True, help_text="Label kategori, mis. Baik pada '86 (Baik)'"
    )
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik_per_tahun")]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.teks}"

    @property
    def teks(self) -> str:
        from sakip.lib import angka

        if self.predikat:
            return self.predikat
        if self.nilai is None:
            return "–"
        teks = angka.format_angka(self.nilai)
        if self.nilai_atas is not None:
            teks = f"{teks} – {angka.format_angka(self.nilai_atas)}"
        return f"{teks} ({self.keterangan})" if self.keterangan else teks

    def clean(self) -> None:
        indikator = self.indikator
        if indikator.is_predikat:
            if not self.predikat:
                raise ValidationError({"predikat": "Target indikator predikat harus berupa tingkatan skala."})
            if self.predikat.strip().upper() not in {p.strip().upper() for p in indikator.skala_predikat}:
                skala = ", ".join(indikator.skala_predikat)
                raise ValidationError(
                    {"predikat": f"Predikat '{self.predikat}' tidak ada pada skala ({skala})."}
                )
        else:
            if self.nilai is None:
                raise ValidationError({"nilai": "Target harus berupa angka."})
            if self.nilai < 0:
                raise ValidationError({"nilai": "Target tidak boleh negatif."})
            if self.nilai_atas is not None and self.nilai_atas < self.nilai:
                raise ValidationError(
                    {"nilai_atas": "Batas atas rentang tidak boleh lebih kecil dari batas bawah."}
                )
        renstra = indikator.renstra
        if not renstra.tahun_mulai <= self.tahun <= renstra.tahun_selesai:
            raise ValidationError(
                {
                    "tahun": f"Tahun {self.tahun} di luar periode Renstra {renstra.tahun_mulai}–{renstra.tahun_selesai}."
                }
            )


class Program(models.Model):
    """A Permendagri 90/2019 program carried out by a unit, linked to the sasaran it serves."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="program")
    kode = models.CharField(max_length=20, help_text="Kode program, mis. 4.01.01")
    nama = models.CharField(max_length=500)
    sasaran = models.ManyToManyField(Sasaran, blank=True, related_name="program")
    # The sasaran indicators the program's results feed (Tabel 3.18 sets each program beside them).
    indikator = models.ManyToManyField(
        "Indikator", blank=True, related_name="program_pendukung", verbose_name="indikator yang didukung"
    )
    # Changes of the sasaran links are recorded as a history row whose change reason names the new links.
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "kode"], name="program_kode_unik_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    unit_path = "program__unit_kerja"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField(max_length=30, help_text="mis. 4.01.01.2.01")
    nama = models.CharField(max_length=500)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "kegiatan"
        ordering = ["kode"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SubKegiatan(models.Model):
    unit_path = "kegiatan__program__unit_kerja"

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kode = models.CharField(max_length=40, help_text="mis. 4.01.01.2.01.0001")
    nama = models.CharField(max_length=500)
    indikator_keluaran = models.TextField(blank=True)
    satuan_keluaran = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "sub kegiatan"
        ordering = ["kode"]
        constraints = [models.UniqueConstraint(fields=["kegiatan", "kode"], name="sub_kegiatan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class TargetKeluaran(models.Model):
    """The planned output of a sub kegiatan for one year of the plan (the Renstra's indicative target; the
    budget year's own target and realisasi stay on `anggaran.AnggaranSubKegiatan`)."""

    unit_path = "sub_kegiatan__kegiatan__program__unit_kerja"

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="target_keluaran")
    tahun = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    nilai = models.DecimalField(validators=[MinValueValidator(Decimal(0))], **ANGKA)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "target keluaran"
        verbose_name_plural = "target keluaran"
        ordering = ["tahun"]
        constraints = [
            models.UniqueConstraint(fields=["sub_kegiatan", "tahun"], name="target_keluaran_unik_per_tahun"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="target_keluaran_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.kode} {self.tahun}: {self.nilai}"


class PerjanjianKinerja(models.Model):
    """The yearly signed agreement of a unit; a revision (PK Perubahan) is a new version, the old one is kept."""

    unit_path = "unit_kerja"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        FINAL = "final", "Final (ditandatangani)"
        DIGANTI = "diganti", "Diganti oleh PK Perubahan"

    class AlasanPerubahan(models.TextChoices):
        PEJABAT = "pejabat", "Pejabat berganti"
        STRATEGI = "strategi", "Perubahan strategi, program atau anggaran"
        PRIORITAS = "prioritas", "Perubahan prioritas atau asumsi yang signifikan"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    renstra = models.ForeignKey(RencanaStrategis, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField()
    versi = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    pihak_pertama_nama = models.CharField("nama pihak pertama", max_length=200, blank=True)
    pihak_pertama_jabatan = models.CharField("jabatan pihak pertama", max_length=200, blank=True)
    pihak_pertama_nip = models.CharField("NIP pihak pertama", max_length=30, blank=True)
    pihak_kedua_nama = models.CharField("nama pihak kedua", max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=200, blank=True)
    pihak_kedua_nip = models.CharField(
        "NIP pihak kedua", max_length=30, blank=True, help_text="Kosong bila pihak kedua kepala daerah"
    )
    tempat = models.CharField(max_length=100, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    sebelumnya = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="perubahan"
    )
    alasan_perubahan = models.CharField(max_length=10, choices=AlasanPerubahan.choices, blank=True)
    catatan_perubahan = models.TextField(blank=True)
    difinalkan_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    difinalkan_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["-tahun", "unit_kerja_id", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun", "versi"], name="pk_versi_unik"),
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun"],
                condition=~Q(status="diganti"),
                name="pk_satu_berlaku_per_tahun",
            ),
        ]

    def __str__(self) -> str:
        judul = "PK Perubahan" if self.versi > 1 else "Perjanjian Kinerja"
        return f"{judul} {self.unit_kerja} {self.tahun}" + (
            f" (versi {self.versi})" if self.versi > 1 else ""
        )

    @property
    def dapat_diubah(self) -> bool:
        return self.status == self.Status.DRAFT


class PKIndikator(models.Model):
    """A target line of a PK: sasaran, indikator and the year's target."""

    unit_path = "perjanjian__unit_kerja"

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="indikator")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="pk_indikator")
    target = models.DecimalField(null=True, blank=True, **ANGKA)
    target_predikat = models.CharField(max_length=30, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "indikator PK"
        verbose_name_plural = "indikator PK"
        ordering = ["urutan", "pk"]
        constraints = [models.UniqueConstraint(fields=["perjanjian", "indikator"], name="pk_indikator_unik")]

    def __str__(self) -> str:
        return f"{self.indikator} – {self.target_teks}"

    @property
    def target_teks(self) -> str:
        from sakip.lib import angka

        return self.target_predikat or angka.format_angka(self.target)


class PKProgram(models.Model):
    unit_path = "perjanjian__unit_kerja"

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="program")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="pk_program")
    pagu = models.DecimalField(default=Decimal(0), **RUPIAH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "program PK"
        verbose_name_plural = "program PK"
        ordering = ["program__kode"]
        constraints = [models.UniqueConstraint(fields=["perjanjian", "program"], name="pk_program_unik")]

    def __str__(self) -> str:
        return f"{self.program} – {self.pagu}"


class RencanaAksi(models.Model):
    """Quarterly (TW I–IV) target of a PK indicator."""

    unit_path = "pk_indikator__perjanjian__unit_kerja"

    pk_indikator = models.ForeignKey(PKIndikator, on_delete=models.CASCADE, related_name="rencana_aksi")
    triwulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    target = models.DecimalField(null=True, blank=True, **ANGKA)
    target_predikat = models.CharField(max_length=30, blank=True)
    rencana_kegiatan = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pk_indikator", "triwulan"], name="rencana_aksi_unik_per_triwulan"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="rencana_aksi_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"TW {self.triwulan}: {self.target}"


class KeputusanIKU(models.Model):
    """The texts of the decree (Keputusan) that establishes a Renstra's IKU; an empty field means the generated
    default text. The IKU table of its attachment always comes from the Renstra's indicators."""

    unit_path = "renstra__unit_kerja"

    renstra = models.OneToOneField(RencanaStrategis, on_delete=models.CASCADE, related_name="keputusan_iku")
    nomor = models.CharField(max_length=100, blank=True, help_text="mis. 188.45/45/Kum/2021")
    alamat_kop = models.TextField(
        "alamat pada kop", blank=True, help_text="Alamat, telepon, surel; satu baris per baris"
    )
    jabatan_penandatangan = models.CharField(
        max_length=255,
        blank=True,
        help_text="Jabatan lengkap yang menetapkan, mis. Sekretaris Daerah Kabupaten Balangan; "
        "kosong = Kepala unit kerja",
    )
    nama_penandatangan = models.CharField(max_length=200, blank=True)
    pangkat_golongan = models.CharField(
        "pangkat/golongan", max_length=100, blank=True, help_text="mis. Pembina Utama Muda (IV/c)"
    )
    nip = models.CharField("NIP", max_length=30, blank=True)
    tempat = models.CharField("ditetapkan di", max_length=100, blank=True)
    tanggal = models.DateField("tanggal ditetapkan", null=True, blank=True)
    menimbang = models.TextField(blank=True, help_text="Satu butir per baris; kosong = teks baku")
    mengingat = models.TextField(blank=True, help_text="Satu peraturan per baris; kosong = teks baku")
    diktum_tambahan = models.TextField(
        "diktum tambahan",
        blank=True,
        help_text="Diktum setelah KESATU (satu per baris), sebelum diktum mulai berlaku",
    )
    versi = models.PositiveIntegerField(default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "keputusan IKU"
        verbose_name_plural = "keputusan IKU"

    def __str__(self) -> str:
        return f"Keputusan IKU {self.renstra}"


class SatuanPemda(models.Model):
    """A unit of measure the pemda uses beyond the shipped vocabulary (`perencanaan.satuan.SATUAN`), with its kind.

    One list (`services.satuan_diterima`) is what the indicator form, the Renstra import and the API accept."""

    class Jenis(models.TextChoices):
        PERSENTASE = "persentase", "Persentase"
        INDEKS = "indeks", "Indeks / nilai"
        JUMLAH = "jumlah", "Jumlah (cacah)"
        RASIO = "rasio", "Rasio"
        UANG = "uang", "Uang"
        WAKTU = "waktu", "Waktu"
        PREDIKAT = "predikat", "Predikat / kategori"
        LAINNYA = "lainnya", "Lainnya"

    pemda = models.ForeignKey("organisasi.Pemda", on_delete=models.CASCADE, related_name="satuan")
    nama = models.CharField(max_length=60)
    jenis = models.CharField(max_length=12, choices=Jenis.choices, default=Jenis.JUMLAH)
    keterangan = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "satuan pemda"
        verbose_name_plural = "satuan pemda"
        ordering = ["pemda_id", "nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="satuan_pemda_unik")]

    def __str__(self) -> str:
        return self.nama


def satuan_pemda(pemda_id: int) -> list[str]:
    """The pemda's own satuan beyond the shipped vocabulary: its list, then those its indicators already use."""
    sendiri = list(SatuanPemda.objects.filter(pemda_id=pemda_id).values_list("nama", flat=True))
    dipakai = Indikator.objects.filter(renstra__unit_kerja__pemda_id=pemda_id).values_list(
        "satuan", flat=True
    )
    return sendiri + sorted({s for s in dipakai if s} - set(sendiri))


class VersiNomenklatur(models.Model):
    """One version of the national nomenclature of programs (Permendagri 90/2019 as updated by a Kepmendagri decree),
    in force for plans made from `tahun_berlaku` on. National reference data: no pemda owns it."""

    keputusan = models.CharField("keputusan", max_length=60, unique=True, help_text="mis. 900.1-861/2026")
    nama = models.CharField(
        "judul keputusan",
        max_length=300,
        blank=True,
        help_text="mis. Hasil Pemutakhiran Klasifikasi, Kodefikasi dan Nomenklatur Perencanaan Pembangunan",
    )
    tahun_berlaku = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    dimuat_pada = models.DateTimeField(auto_now_add=True)
    # Who loaded or replaced the version (its codes are bulk rows without their own audit trail).
    history = HistoricalRecords()

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        ordering = ["-tahun_berlaku"]

    def __str__(self) -> str:
        return f"Kepmendagri {self.keputusan} (berlaku {self.tahun_berlaku})"


class KodeNomenklatur(models.Model):
    class Jenis(models.TextChoices):
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"

    versi = models.ForeignKey(VersiNomenklatur, on_delete=models.CASCADE, related_name="kode")
    jenis = models.CharField(max_length=15, choices=Jenis.choices)
    kode = models.CharField(max_length=30)
    nama = models.CharField(max_length=500)
    indikator = models.CharField("indikator keluaran", max_length=500, blank=True)
    satuan = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "kode nomenklatur"
        verbose_name_plural = "kode nomenklatur"
        ordering = ["versi_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "jenis", "kode"], name="nomenklatur_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
