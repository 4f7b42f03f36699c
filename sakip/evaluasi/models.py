"""Evaluasi AKIP (LHE): evaluation schemes as data, scores per component, recommendations and their tindak lanjut."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.evaluasi import nilai as nilai_lib
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import UnitQuerySet

ANGKA = {"max_digits": 12, "decimal_places": 6}


class SkemaQuerySet(models.QuerySet["SkemaEvaluasi"]):
    def visible_to(self, user: Pengguna) -> SkemaQuerySet:
        """National schemes for every user; a pemda's own scheme for users with a scope in that pemda."""
        from sakip.organisasi import access

        cakupan = access.scope_of(user)
        if cakupan.superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        pemda = UnitKerja.objects.filter(access.unit_filter(user)).values("pemda_id")
        return self.filter(Q(pemda__isnull=True) | Q(pemda_id__in=cakupan.pemda_baca) | Q(pemda_id__in=pemda))

    def for_pemda(self, pemda_id: int) -> SkemaQuerySet:
        """The schemes an evaluation in this pemda may use: the national ones and the pemda's own."""
        return self.filter(Q(pemda__isnull=True) | Q(pemda_id=pemda_id))


class SkemaEvaluasi(models.Model):
    """An evaluation scheme: a regulation (pemda empty) or a pemda's own guideline."""

    kode = models.CharField(max_length=50, help_text="Mis. PERMENPANRB-88-2021")
    nama = models.CharField(max_length=255)
    dasar_hukum = models.TextField(blank=True)
    keterangan = models.TextField(blank=True)
    pemda = models.ForeignKey(
        Pemda,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skema_evaluasi",
        help_text="Kosong untuk skema nasional",
    )
    skala_jawaban = models.JSONField(
        default=dict,
        blank=True,
        help_text='Nilai tiap jawaban per jenis jawaban, mis. {"YT": [["Y", "1"], ["T", "0"]]}',
    )
    asal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        help_text="Disalin dari",
    )
    history = HistoricalRecords()

    objects = SkemaQuerySet.as_manager()

    class Meta:
        verbose_name = "skema evaluasi"
        verbose_name_plural = "skema evaluasi"
        ordering = ["pemda_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="skema_kode_unik_per_pemda"),
            models.UniqueConstraint(
                fields=["kode"], condition=Q(pemda__isnull=True), name="skema_nasional_kode_unik"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def nasional(self) -> bool:
        return self.pemda_id is None

    def skala(self) -> dict[str, dict[str, Decimal]]:
        """The answer scales: jenis jawaban -> answer -> value 0-1."""
        return {
            jenis: {str(j): Decimal(str(v)) for j, v in pilihan}
            for jenis, pilihan in (self.skala_jawaban or {}).items()
        }

    def komponen_murni(self) -> list[nilai_lib.Komponen]:
        """The components as data for the pure module (uses the prefetched `komponen` when present)."""
        semua = list(self.komponen.all())
        kode = {k.pk: k.kode for k in semua}
        return [
            nilai_lib.Komponen(
                kode=k.kode, nama=k.nama, bobot=k.bobot, induk=kode.get(k.induk_id) if k.induk_id else None
            )
            for k in semua
        ]


class KomponenSkema(models.Model):
    """A component of a scheme, or a sub-component (Pemenuhan / Kualitas / Pemanfaatan in 88/2021)."""

    skema = models.ForeignKey(SkemaEvaluasi, on_delete=models.CASCADE, related_name="komponen")
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_komponen"
    )
    kode = models.CharField(max_length=50)
    nama = models.CharField(max_length=255)
    bobot = models.DecimalField(
        **ANGKA,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Nilai maksimum komponen (poin). Kosong bila pedoman tidak mencantumkannya.",
    )
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen skema"
        verbose_name_plural = "komponen skema"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["skema", "kode"], name="komponen_kode_unik_per_skema")]

    def __str__(self) -> str:
        return self.nama

    def sebagai_data(self) -> nilai_lib.Komponen:
        induk = self.induk.kode if self.induk_id else None
        return nilai_lib.Komponen(kode=self.kode, nama=self.nama, bobot=self.bobot, induk=induk)

    def clean(self) -> None:
        if self.induk_id and self.induk.skema_id != self.skema_id:
            raise ValidationError({"induk": "Induk harus komponen dari skema yang sama."})
        if self.induk_id and self.induk.induk_id:
            raise ValidationError({"induk": "Sub-komponen hanya boleh satu tingkat di bawah komponen utama."})


class EvaluasiQuerySet(UnitQuerySet):
    def lengkap(self) -> EvaluasiQuerySet:
        """With everything the pages print, in a fixed number of queries whatever the number of rows."""
        return self.select_related("unit_kerja__pemda", "skema").prefetch_related("nilai", "skema__komponen")


class EvaluasiAkip(models.Model):
    """One LHE: a unit's evaluation for a year under a scheme."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="evaluasi_akip")
    tahun = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text="Tahun yang dievaluasi"
    )
    skema = models.ForeignKey(SkemaEvaluasi, on_delete=models.PROTECT, related_name="evaluasi")
    lembaga = models.CharField(
        "evaluator / lembaga", max_length=255, blank=True, help_text="Mis. Inspektorat Provinsi"
    )
    nomor_lhe = models.CharField("nomor LHE", max_length=100, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    catatan = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = EvaluasiQuerySet.as_manager()

    class Meta:
        verbose_name = "evaluasi AKIP"
        verbose_name_plural = "evaluasi AKIP"
        ordering = ["-tahun", "unit_kerja__jalur"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun"], name="evaluasi_unik_per_unit_tahun")
        ]

    def __str__(self) -> str:
        return f"LHE AKIP {self.unit_kerja} {self.tahun}"

    def clean(self) -> None:
        if self.skema_id and self.unit_kerja_id:
            pemda = self.skema.pemda_id
            if pemda is not None and pemda != self.unit_kerja.pemda_id:
                raise ValidationError({"skema": "Skema milik pemda lain tidak dapat dipakai."})

    def nilai_per_kode(self) -> dict[str, Decimal]:
        """Scores keyed by component kode (uses the prefetched `nilai` and `skema__komponen`)."""
        kode = {k.pk: k.kode for k in self.skema.komponen.all()}
        return {kode[n.komponen_id]: n.nilai for n in self.nilai.all() if n.komponen_id in kode}

    def hasil(self) -> nilai_lib.Hasil:
        return nilai_lib.hitung(self.skema.komponen_murni(), self.nilai_per_kode())


class NilaiKomponen(models.Model):
    """The score of one component (points out of its weight) in one evaluation."""

    unit_path = "evaluasi__unit_kerja"

    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="nilai")
    komponen = models.ForeignKey(KomponenSkema, on_delete=models.PROTECT, related_name="nilai")
    nilai = models.DecimalField(**ANGKA, validators=[MinValueValidator(Decimal(0))])
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "nilai komponen"
        verbose_name_plural = "nilai komponen"
        ordering = ["komponen__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "komponen"], name="nilai_unik_per_komponen"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="nilai_komponen_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.komponen}: {self.nilai}"

    def clean(self) -> None:
        if self.komponen_id and self.evaluasi_id:
            if self.komponen.skema_id != self.evaluasi.skema_id:
                raise ValidationError({"komponen": "Komponen bukan bagian dari skema evaluasi ini."})
            if self.nilai is not None:
                try:
                    nilai_lib.validasi_nilai(self.komponen.sebagai_data(), self.nilai)
                except nilai_lib.NilaiError as exc:
                    raise ValidationError({"nilai": str(exc)}) from exc


class RekomendasiQuerySet(models.QuerySet["Rekomendasi"]):
    def visible_to(self, user: Pengguna) -> RekomendasiQuerySet:
        """Recommendations of an evaluated unit in scope, or owned by a unit in scope."""
        from sakip.organisasi import access

        return self.filter(
            access.unit_filter(user, path="evaluasi__unit_kerja")
            | access.unit_filter(user, path="penanggung_jawab")
        )

    def terlambat(self, hari_ini: dt.date) -> RekomendasiQuerySet:
        """Not yet accepted as followed up (Belum or awaiting acceptance) and past the due date."""
        return self.exclude(status=Rekomendasi.Status.SUDAH).filter(batas_waktu__lt=hari_ini)


class Rekomendasi(models.Model):
    """A recommendation of an LHE, per component, with its tindak lanjut."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum"
        DIAJUKAN = "diajukan", "Diajukan, menunggu penerimaan evaluator"
        SUDAH = "sudah", "Sudah"

    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="rekomendasi")
    kriteria = models.ForeignKey(
        "KriteriaSkema", null=True, blank=True, on_delete=models.PROTECT, related_name="rekomendasi"
    )
    dokumen_tindak_lanjut = models.ForeignKey(
        "pengukuran.DataDukung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tindak_lanjut_akip",
        verbose_name="bukti tindak lanjut",
    )
    catatan_evaluator = models.TextField("catatan evaluator", blank=True)
    komponen = models.ForeignKey(
        KomponenSkema, null=True, blank=True, on_delete=models.PROTECT, related_name="rekomendasi"
    )
    urutan = models.PositiveIntegerField(default=0)
    uraian = models.TextField("rekomendasi")
    tindak_lanjut = models.TextField("tindak lanjut / rencana", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BELUM)
    penanggung_jawab = models.ForeignKey(
        UnitKerja,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rekomendasi_akip",
        help_text="Unit yang menindaklanjuti: unit yang dievaluasi atau sub-unitnya",
    )
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    history = HistoricalRecords()

    objects = RekomendasiQuerySet.as_manager()

    class Meta:
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"
        ordering = ["evaluasi_id", "urutan", "pk"]

    def __str__(self) -> str:
        return self.uraian[:80]

    def unit_penanggung_jawab(self) -> UnitKerja:
        return self.penanggung_jawab or self.evaluasi.unit_kerja

    def terlambat_pada(self, hari_ini: dt.date) -> bool:
        return (
            self.status != self.Status.SUDAH and self.batas_waktu is not None and self.batas_waktu < hari_ini
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.evaluasi_id:
            if self.komponen_id and self.komponen.skema_id != self.evaluasi.skema_id:
                errors["komponen"] = "Komponen bukan bagian dari skema evaluasi ini."
            unit = self.evaluasi.unit_kerja
            if self.penanggung_jawab_id and not self.penanggung_jawab.jalur.startswith(unit.jalur):
                errors["penanggung_jawab"] = "Penanggung jawab harus unit yang dievaluasi atau sub-unitnya."
        if errors:
            raise ValidationError(errors)


# --- The LKE worksheet (PermenPANRB 88/2021): criteria as data, rounds, worksheets, tiered review ------------------


class JenisJawaban(models.TextChoices):
    YT = "YT", "Y/T (Ya/Tidak)"
    AE = "AE", "Berjenjang A–E"
    AD = "AD", "Berjenjang A–D"
    AA_E = "AA_E", "Berjenjang AA–E"


class JenisDokumen(models.TextChoices):
    """What kind of document an evidence item is: drives the picker and the ESR export grouping."""

    RENSTRA = "renstra", "Renstra"
    IKU = "iku", "Keputusan IKU"
    PK = "pk", "Perjanjian Kinerja"
    RENCANA_AKSI = "rencana_aksi", "Rencana Aksi"
    REALISASI = "realisasi", "Data dukung realisasi"
    LKJIP = "lkjip", "LKjIP"
    SURVEI = "survei", "Hasil survei (IKM)"
    LAIN = "lain", "Dokumen lain"


class KriteriaSkema(models.Model):
    """A criterion of a sub-component (1.a.1 …), answered Y/T or on a graded scale, per criterion or per evidence."""

    class DinilaiPer(models.TextChoices):
        KRITERIA = "kriteria", "Per kriteria"
        BUKTI = "bukti", "Per bukti dukung"

    komponen = models.ForeignKey(KomponenSkema, on_delete=models.CASCADE, related_name="kriteria")
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    jenis_jawaban = models.CharField(max_length=5, choices=JenisJawaban.choices, default=JenisJawaban.YT)
    dinilai_per = models.CharField(max_length=10, choices=DinilaiPer.choices, default=DinilaiPer.KRITERIA)
    catatan = models.TextField(blank=True, help_text="Hal yang belum pasti tentang kriteria ini")
    cek_otomatis = models.CharField(max_length=30, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kriteria skema"
        verbose_name_plural = "kriteria skema"
        ordering = ["komponen__urutan", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="kriteria_kode_unik_per_sub")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:60]}"


class BuktiSkema(models.Model):
    """An evidence document a criterion expects (RPJMD, Renstra PD, PK tahun n, …)."""

    kriteria = models.ForeignKey(KriteriaSkema, on_delete=models.CASCADE, related_name="bukti")
    nama = models.CharField(max_length=500)
    jenis_dokumen = models.CharField(max_length=20, choices=JenisDokumen.choices, default=JenisDokumen.LAIN)
    cek_otomatis = models.CharField(max_length=30, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung skema"
        verbose_name_plural = "bukti dukung skema"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class SkemaTahun(models.Model):
    """The scheme a pemda uses for the evaluation of a year (chosen by the admin pemda)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="skema_tahun")
    tahun = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    skema = models.ForeignKey(SkemaEvaluasi, on_delete=models.PROTECT, related_name="dipakai_tahun")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "skema per tahun"
        verbose_name_plural = "skema per tahun"
        ordering = ["-tahun"]
        constraints = [models.UniqueConstraint(fields=["pemda", "tahun"], name="skema_tahun_unik")]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun}: {self.skema}"

    def clean(self) -> None:
        if self.skema_id and self.pemda_id and self.skema.pemda_id not in (None, self.pemda_id):
            raise ValidationError({"skema": "Skema milik pemda lain tidak dapat dipakai."})


def _tingkat_bawaan() -> list[str]:
    return ["Verifikator", "Penjamin Kualitas", "Penilai"]


class PutaranQuerySet(models.QuerySet["PutaranEvaluasi"]):
    def visible_to(self, user: Pengguna) -> PutaranQuerySet:
        """Rounds of the pemdas where the user holds a role with a scope."""
        from sakip.organisasi import access

        cakupan = access.scope_of(user)
        if cakupan.superuser:
            return self.all()
        pemda = UnitKerja.objects.filter(access.unit_filter(user)).values("pemda_id")
        return self.filter(Q(pemda_id__in=cakupan.pemda_baca) | Q(pemda_id__in=pemda))


class PutaranEvaluasi(models.Model):
    """An evaluation round of a pemda for a year: which units, which scheme, the schedule, the review tiers."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="putaran_evaluasi")
    tahun = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text="Tahun yang dievaluasi"
    )
    nama = models.CharField(max_length=255)
    skema = models.ForeignKey(SkemaEvaluasi, on_delete=models.PROTECT, related_name="putaran")
    lembaga = models.CharField("evaluator / lembaga", max_length=255, blank=True)
    mandiri_mulai = models.DateField("penilaian mandiri mulai", null=True, blank=True)
    mandiri_selesai = models.DateField("penilaian mandiri selesai", null=True, blank=True)
    reviu_selesai = models.DateField("reviu selesai", null=True, blank=True)
    penilaian_selesai = models.DateField("penilaian selesai", null=True, blank=True)
    publikasi = models.DateField("publikasi hasil", null=True, blank=True)
    tingkat_reviu = models.JSONField(
        "tingkat reviu",
        default=_tingkat_bawaan,
        help_text="Urutan tingkat reviu; yang terakhir menetapkan nilai",
    )
    dibuat_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = PutaranQuerySet.as_manager()

    class Meta:
        verbose_name = "putaran evaluasi"
        verbose_name_plural = "putaran evaluasi"
        ordering = ["-tahun", "pk"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.skema_id and self.pemda_id and self.skema.pemda_id not in (None, self.pemda_id):
            errors["skema"] = "Skema milik pemda lain tidak dapat dipakai."
        tingkat = self.tingkat_reviu
        if (
            not isinstance(tingkat, list)
            or not tingkat
            or not all(isinstance(t, str) and t.strip() for t in tingkat)
        ):
            errors["tingkat_reviu"] = "Isi paling sedikit satu tingkat reviu."
        elif len(tingkat) > 5:
            errors["tingkat_reviu"] = "Paling banyak lima tingkat reviu."
        urut = [
            ("mandiri_mulai", self.mandiri_mulai),
            ("mandiri_selesai", self.mandiri_selesai),
            ("reviu_selesai", self.reviu_selesai),
            ("penilaian_selesai", self.penilaian_selesai),
            ("publikasi", self.publikasi),
        ]
        terisi = [(n, t) for n, t in urut if t is not None]
        for (_, a), (nama_b, b) in itertools.pairwise(terisi):
            if b < a:
                errors[nama_b] = "Jadwal harus berurutan: mandiri, reviu, penilaian, publikasi."
                break
        if errors:
            raise ValidationError(errors)


class LembarKerja(models.Model):
    """The worksheet (LKE) of one unit in a round: self-assessment, then each review tier, then the score."""

    unit_path = "unit_kerja"

    class Status(models.TextChoices):
        MANDIRI = "mandiri", "Penilaian mandiri"
        REVIU = "reviu", "Dalam reviu"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan ke unit"
        DINILAI = "dinilai", "Dinilai"

    putaran = models.ForeignKey(PutaranEvaluasi, on_delete=models.CASCADE, related_name="lembar")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="lembar_kerja")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.MANDIRI)
    tahap = models.PositiveSmallIntegerField(
        default=0, help_text="0 = penilaian mandiri; 1.. = tingkat reviu"
    )
    evaluasi = models.OneToOneField(
        EvaluasiAkip, null=True, blank=True, on_delete=models.SET_NULL, related_name="lembar_kerja"
    )
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "lembar kerja evaluasi"
        verbose_name_plural = "lembar kerja evaluasi"
        ordering = ["putaran_id", "unit_kerja__jalur"]
        constraints = [
            models.UniqueConstraint(fields=["putaran", "unit_kerja"], name="lembar_unik_per_putaran")
        ]

    def __str__(self) -> str:
        return f"LKE {self.unit_kerja} {self.putaran.tahun}"

    @property
    def nama_tahap(self) -> str:
        if self.tahap == 0:
            return "Penilaian mandiri"
        tingkat = self.putaran.tingkat_reviu
        return str(tingkat[self.tahap - 1]) if self.tahap <= len(tingkat) else "Selesai"


class Jawaban(models.Model):
    """One answer on a worksheet: of a criterion (bukti empty) or of one evidence item, at one tier
    (0 = the unit's self-assessment, 1.. = the review tiers), with its note."""

    unit_path = "lembar__unit_kerja"

    lembar = models.ForeignKey(LembarKerja, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(KriteriaSkema, on_delete=models.PROTECT, related_name="jawaban")
    bukti = models.ForeignKey(
        BuktiSkema, null=True, blank=True, on_delete=models.PROTECT, related_name="jawaban"
    )
    tingkat = models.PositiveSmallIntegerField(default=0)
    jawaban = models.CharField(max_length=5, blank=True)
    catatan = models.TextField(blank=True)
    otomatis = models.BooleanField(default=False, help_text="Diisi dari data produk")
    sumber_label = models.CharField(max_length=255, blank=True)
    sumber_url = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = ["kriteria__urutan", "bukti__urutan", "tingkat"]
        constraints = [
            models.UniqueConstraint(
                fields=["lembar", "kriteria", "tingkat"],
                condition=Q(bukti__isnull=True),
                name="jawaban_unik_per_kriteria",
            ),
            models.UniqueConstraint(
                fields=["lembar", "kriteria", "bukti", "tingkat"],
                condition=Q(bukti__isnull=False),
                name="jawaban_unik_per_bukti",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kriteria.kode} [{self.tingkat}]: {self.jawaban}"


class BuktiLembar(models.Model):
    """Evidence attached to a criterion (or one of its evidence items): an uploaded file, or a record the product
    already holds (Renstra, Keputusan IKU, PK, Rencana Aksi, LKjIP, survey), referenced by kind and id."""

    unit_path = "lembar__unit_kerja"

    lembar = models.ForeignKey(LembarKerja, on_delete=models.CASCADE, related_name="bukti")
    kriteria = models.ForeignKey(KriteriaSkema, on_delete=models.PROTECT, related_name="bukti_lembar")
    bukti_skema = models.ForeignKey(
        BuktiSkema, null=True, blank=True, on_delete=models.SET_NULL, related_name="bukti_lembar"
    )
    dokumen = models.ForeignKey(
        "pengukuran.DataDukung", null=True, blank=True, on_delete=models.PROTECT, related_name="bukti_lke"
    )
    sumber_jenis = models.CharField(max_length=20, choices=JenisDokumen.choices, default=JenisDokumen.LAIN)
    sumber_id = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=255)
    url = models.CharField(max_length=255, blank=True)
    dilampirkan_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    dilampirkan_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "bukti LKE"
        verbose_name_plural = "bukti LKE"
        ordering = ["kriteria__urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dokumen__isnull=False) | Q(sumber_id__isnull=False), name="bukti_lke_berisi"
            )
        ]

    def __str__(self) -> str:
        return self.label


class CatatanReviu(models.Model):
    """A reviewer's return of a worksheet (or of one criterion) to the unit, with the note the unit sees."""

    unit_path = "lembar__unit_kerja"

    lembar = models.ForeignKey(LembarKerja, on_delete=models.CASCADE, related_name="catatan_reviu")
    kriteria = models.ForeignKey(
        KriteriaSkema, null=True, blank=True, on_delete=models.PROTECT, related_name="catatan_reviu"
    )
    tingkat = models.PositiveSmallIntegerField()
    catatan = models.TextField()
    oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    selesai = models.BooleanField(default=False, help_text="Unit sudah memperbaiki dan mengajukan kembali")
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["-pada", "-pk"]

    def __str__(self) -> str:
        return self.catatan[:80]
