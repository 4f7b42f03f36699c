"""The pemda's own plan (RPJMD: visi, misi, tujuan and sasaran daerah with indicators and the IKU Pemda), the links
by which the PD's Renstra supports it (cascading), and the individual PK of officials and staff.

An RPJMD belongs to a pemda, not to a unit: every role of the pemda reads it, its admin writes it. A cascade link and
an individual PK belong to the unit whose plan or staff they are (`unit_path`), so `organisasi.access` decides them
like any unit row. The Renstra models are not changed: links point at them from here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import ANGKA, Indikator, Polaritas, Sasaran, UnitQuerySet

TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]


class RpjmdQuerySet(models.QuerySet["Rpjmd"]):
    def visible_to(self, user: Pengguna) -> RpjmdQuerySet:
        from sakip.organisasi import access

        return self.filter(pemda__in=access.pemda_for_user(user))


class Rpjmd(models.Model):
    """The RPJMD of a pemda for a period (Perda RPJMD). An RPJMD Perubahan raises `versi` and keeps the replaced
    content in `RpjmdVersi`; the rows (and every link to them) stay the same."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="rpjmd")
    nama = models.CharField(max_length=255, help_text="mis. RPJMD Provinsi Kalimantan Timur 2024–2026")
    tahun_mulai = models.PositiveSmallIntegerField(validators=TAHUN)
    tahun_selesai = models.PositiveSmallIntegerField(validators=TAHUN)
    kepala_daerah = models.CharField("kepala daerah", max_length=200, blank=True)
    dasar_hukum = models.CharField("dasar hukum (Perda)", max_length=255, blank=True)
    visi = models.TextField(blank=True)
    versi = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords()

    objects = RpjmdQuerySet.as_manager()

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["pemda_id", "-tahun_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun_mulai"], name="rpjmd_unik_per_pemda_periode"),
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")), name="rpjmd_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun_mulai}–{self.tahun_selesai}"

    @property
    def tahun(self) -> list[int]:
        return list(range(self.tahun_mulai, self.tahun_selesai + 1))

    def clean(self) -> None:
        if self.tahun_mulai and self.tahun_selesai and self.tahun_selesai < self.tahun_mulai:
            raise ValidationError({"tahun_selesai": "Tahun selesai tidak boleh sebelum tahun mulai."})


class RpjmdVersi(models.Model):
    """A replaced version of an RPJMD (before an RPJMD Perubahan): its whole content and the reason of the change."""

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="versi_lama")
    nomor = models.PositiveSmallIntegerField()
    alasan = models.TextField("alasan perubahan")
    isi = models.JSONField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "versi RPJMD"
        verbose_name_plural = "versi RPJMD"
        ordering = ["rpjmd_id", "nomor"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "nomor"], name="rpjmd_versi_unik")]

    def __str__(self) -> str:
        return f"{self.rpjmd} versi {self.nomor}"


class Misi(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi")
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "misi"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "kode"], name="misi_kode_unik")]

    def __str__(self) -> str:
        return self.uraian


class TujuanDaerah(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="tujuan")
    misi = models.ForeignKey(Misi, null=True, blank=True, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan daerah"
        verbose_name_plural = "tujuan daerah"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "kode"], name="tujuan_daerah_kode_unik")]

    def __str__(self) -> str:
        return self.uraian

    def clean(self) -> None:
        if self.misi_id and self.misi.rpjmd_id != self.rpjmd_id:
            raise ValidationError({"misi": "Misi harus berasal dari RPJMD yang sama."})


class SasaranDaerah(models.Model):
    """A sasaran of the RPJMD, with its strategi and arah kebijakan and the PD responsible for it."""

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(TujuanDaerah, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField(max_length=30)
    uraian = models.TextField()
    strategi = models.TextField(blank=True, help_text="Satu strategi per baris")
    arah_kebijakan = models.TextField("arah kebijakan", blank=True, help_text="Satu arah kebijakan per baris")
    penanggung_jawab = models.ForeignKey(
        UnitKerja,
        verbose_name="perangkat daerah penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sasaran_daerah",
    )
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran daerah"
        verbose_name_plural = "sasaran daerah"
        ordering = ["urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "kode"], name="sasaran_daerah_kode_unik")]

    def __str__(self) -> str:
        return self.uraian

    def clean(self) -> None:
        if self.tujuan_id and self.tujuan.rpjmd_id != self.rpjmd_id:
            raise ValidationError({"tujuan": "Tujuan harus berasal dari RPJMD yang sama."})
        if self.penanggung_jawab_id and self.penanggung_jawab.pemda_id != self.rpjmd.pemda_id:
            raise ValidationError({"penanggung_jawab": "Perangkat daerah harus dari pemda yang sama."})


class JenisIndikatorDaerah(models.TextChoices):
    ANGKA = "angka", "Angka (indeks, persentase, nilai, jumlah)"
    PREDIKAT = "predikat", "Predikat (tingkatan, mis. Rendah–Sangat Tinggi, D–AA)"


def _tingkat(skala: list[str], nilai: str) -> str | None:
    """The level of `skala` named by `nilai` (case and spacing ignored), in the scale's own spelling."""
    kunci = " ".join(nilai.split()).casefold()
    return next((t for t in skala if " ".join(t.split()).casefold() == kunci), None)


class IndikatorDaerah(models.Model):
    """An indicator of a tujuan or sasaran daerah; `is_iku` marks the IKU Pemda. A number (index, percentage) or a
    predikat: an ordered scale of levels (lowest first), measured as rank(realisasi) / rank(target) like a PD
    indicator of type predikat."""

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        TujuanDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        SasaranDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField(max_length=30)
    nama = models.TextField()
    satuan = models.CharField(max_length=60)
    jenis = models.CharField(
        "jenis target",
        max_length=10,
        choices=JenisIndikatorDaerah.choices,
        default=JenisIndikatorDaerah.ANGKA,
    )
    skala_predikat = models.JSONField(
        "skala predikat",
        default=list,
        blank=True,
        help_text="Tingkatan dari terendah ke tertinggi, mis. Rendah, Sedang, Tinggi, Sangat Tinggi",
    )
    polaritas = models.CharField(max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF)
    is_iku = models.BooleanField("IKU Pemda", default=False)
    kondisi_awal = models.DecimalField("kondisi awal (baseline)", null=True, blank=True, **ANGKA)
    kondisi_akhir = models.DecimalField("target akhir periode", null=True, blank=True, **ANGKA)
    kondisi_awal_teks = models.CharField(
        "kondisi awal (predikat)", max_length=30, blank=True, help_text="Untuk indikator predikat, mis. B"
    )
    kondisi_akhir_teks = models.CharField(
        "target akhir periode (predikat)", max_length=30, blank=True, help_text="Untuk indikator predikat"
    )
    definisi = models.TextField("definisi operasional / cara hitung", blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator daerah"
        verbose_name_plural = "indikator daerah"
        ordering = ["urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="indikator_daerah_kode_unik"),
            models.CheckConstraint(
                condition=Q(tujuan__isnull=True, sasaran__isnull=False)
                | Q(tujuan__isnull=False, sasaran__isnull=True),
                name="indikator_daerah_milik_tujuan_atau_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    # What `pengukuran.queries.hitung_baris` reads of an indicator (with `polaritas` and `skala_predikat`): the same
    # function computes the dashboards'.
    @property
    def is_predikat(self) -> bool:
        return self.jenis == JenisIndikatorDaerah.PREDIKAT

    def tingkat(self, nilai: str) -> str | None:
        return _tingkat(list(self.skala_predikat or []), nilai)

    @property
    def kondisi_awal_tampil(self) -> str:
        return self.kondisi_awal_teks if self.is_predikat else _angka_teks(self.kondisi_awal)

    @property
    def kondisi_akhir_tampil(self) -> str:
        return self.kondisi_akhir_teks if self.is_predikat else _angka_teks(self.kondisi_akhir)

    def clean(self) -> None:
        if (self.tujuan_id is None) == (self.sasaran_id is None):
            raise ValidationError(
                {"sasaran": "Indikator harus milik tepat satu tujuan atau satu sasaran daerah."}
            )
        induk: Any = self.sasaran if self.sasaran_id else self.tujuan
        if induk.rpjmd_id != self.rpjmd_id:
            raise ValidationError({"sasaran": "Tujuan/sasaran harus berasal dari RPJMD yang sama."})
        errors: dict[str, str] = {}
        skala = self.skala_predikat
        if not isinstance(skala, list) or not all(isinstance(t, str) for t in skala):
            raise ValidationError({"skala_predikat": "Skala predikat harus berupa daftar tingkatan."})
        self.skala_predikat = skala = [" ".join(t.split()) for t in skala if t.strip()]
        if self.is_predikat:
            if len(skala) < 2:
                errors["skala_predikat"] = (
                    "Indikator predikat membutuhkan skala dengan minimal dua tingkatan."
                )
            elif len({t.casefold() for t in skala}) != len(skala):
                errors["skala_predikat"] = "Skala predikat memuat tingkatan yang sama lebih dari sekali."
            if self.kondisi_awal is not None or self.kondisi_akhir is not None:
                errors["kondisi_awal"] = (
                    "Indikator predikat memakai tingkatan skala untuk kondisi awal dan target akhir, bukan angka."
                )
            for nama in ("kondisi_awal_teks", "kondisi_akhir_teks"):
                nilai = getattr(self, nama).strip()
                if nilai and "skala_predikat" not in errors:
                    cocok = self.tingkat(nilai)
                    if cocok is None:
                        errors[nama.removesuffix("_teks")] = (
                            f"Predikat '{nilai}' tidak ada pada skala ({', '.join(skala)})."
                        )
                    else:
                        setattr(self, nama, cocok)
        else:
            if skala:
                errors["skala_predikat"] = "Skala predikat hanya untuk indikator berjenis predikat."
            if self.kondisi_awal_teks or self.kondisi_akhir_teks:
                errors["kondisi_awal"] = "Indikator angka memakai angka untuk kondisi awal dan target akhir."
        if errors:
            raise ValidationError(errors)


def _angka_teks(nilai: Any) -> str:
    from sakip.lib import angka

    return angka.format_angka(nilai) if nilai is not None else ""


class TargetDaerah(models.Model):
    """The target of an RPJMD indicator for a year and, once known, its realisasi (measured by the pemda)."""

    indikator = models.ForeignKey(IndikatorDaerah, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    target = models.DecimalField(null=True, blank=True, **ANGKA)
    realisasi = models.DecimalField(null=True, blank=True, **ANGKA)
    target_predikat = models.CharField("target (predikat)", max_length=30, blank=True)
    realisasi_predikat = models.CharField("realisasi (predikat)", max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target indikator daerah"
        verbose_name_plural = "target indikator daerah"
        ordering = ["tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_daerah_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.target_teks}"

    @property
    def target_teks(self) -> str:
        return self.target_predikat or _angka_teks(self.target)

    @property
    def realisasi_teks(self) -> str:
        return self.realisasi_predikat or _angka_teks(self.realisasi)

    def clean(self) -> None:
        indikator = self.indikator
        rpjmd = indikator.rpjmd
        if not rpjmd.tahun_mulai <= self.tahun <= rpjmd.tahun_selesai:
            raise ValidationError(
                {
                    "tahun": f"Tahun {self.tahun} di luar periode RPJMD {rpjmd.tahun_mulai}–{rpjmd.tahun_selesai}."
                }
            )
        if indikator.is_predikat:
            skala = ", ".join(indikator.skala_predikat)
            for nama in ("target", "realisasi"):
                if getattr(self, nama) is not None:
                    raise ValidationError(
                        {
                            nama: f"{nama.capitalize()} indikator predikat berupa tingkatan skala ({skala}), bukan angka."
                        }
                    )
                teks = getattr(self, f"{nama}_predikat").strip()
                if teks:
                    cocok = indikator.tingkat(teks)
                    if cocok is None:
                        raise ValidationError({nama: f"Predikat '{teks}' tidak ada pada skala ({skala})."})
                    setattr(self, f"{nama}_predikat", cocok)
            return
        for nama in ("target", "realisasi"):
            if getattr(self, f"{nama}_predikat"):
                raise ValidationError({nama: f"{nama.capitalize()} indikator ini berupa angka."})
            nilai = getattr(self, nama)
            if nilai is not None and nilai < 0:
                raise ValidationError({nama: f"{nama.capitalize()} tidak boleh negatif."})


class Dukungan(models.Model):
    """A cascade link: a sasaran or indicator of a PD's Renstra supports a sasaran or indicator of the RPJMD. The
    chain below the PD is the Renstra's own `Indikator.mendukung` (sub-unit → parent unit)."""

    unit_path = "renstra__unit_kerja"

    renstra = models.ForeignKey(
        "perencanaan.RencanaStrategis",
        on_delete=models.CASCADE,
        related_name="dukungan_rpjmd",
        editable=False,
    )
    sasaran = models.ForeignKey(
        Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="dukungan_rpjmd"
    )
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.CASCADE, related_name="dukungan_rpjmd"
    )
    sasaran_daerah = models.ForeignKey(
        SasaranDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="dukungan"
    )
    indikator_daerah = models.ForeignKey(
        IndikatorDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="dukungan"
    )
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "dukungan terhadap RPJMD"
        verbose_name_plural = "dukungan terhadap RPJMD"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sasaran__isnull=True, indikator__isnull=False)
                | Q(sasaran__isnull=False, indikator__isnull=True),
                name="dukungan_dari_sasaran_atau_indikator",
            ),
            models.CheckConstraint(
                condition=Q(sasaran_daerah__isnull=True, indikator_daerah__isnull=False)
                | Q(sasaran_daerah__isnull=False, indikator_daerah__isnull=True),
                name="dukungan_ke_sasaran_atau_indikator_daerah",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sumber} → {self.tujuan}"

    @property
    def sumber(self) -> Any:
        return self.indikator if self.indikator_id else self.sasaran

    @property
    def tujuan(self) -> Any:
        return self.indikator_daerah if self.indikator_daerah_id else self.sasaran_daerah


class PKIndividu(models.Model):
    """The PK of one official or staff member of a unit for a year (PermenPANRB 89/2021: penjenjangan kinerja down to
    every employee). Name, NIP and jabatan are stored as signed: the official may change later."""

    unit_path = "unit_kerja"

    class StatusJabatan(models.TextChoices):
        DEFINITIF = "definitif", "Definitif"
        PLT = "plt", "Pelaksana Tugas (Plt.)"
        PLH = "plh", "Pelaksana Harian (Plh.)"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="pk_individu")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    nama = models.CharField(max_length=200)
    nip = models.CharField("NIP", max_length=30, blank=True)
    jabatan = models.CharField(max_length=255)
    status_jabatan = models.CharField(
        "status jabatan", max_length=10, choices=StatusJabatan.choices, default=StatusJabatan.DEFINITIF
    )
    atasan_nama = models.CharField("nama atasan (pihak kedua)", max_length=200, blank=True)
    atasan_jabatan = models.CharField("jabatan atasan", max_length=255, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "PK individu"
        verbose_name_plural = "PK individu"
        ordering = ["-tahun", "unit_kerja_id", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun", "nip", "jabatan"], name="pk_individu_unik_per_jabatan_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"PK {self.jabatan_lengkap} – {self.nama} ({self.tahun})"

    @property
    def jabatan_lengkap(self) -> str:
        awalan = {self.StatusJabatan.PLT: "Plt. ", self.StatusJabatan.PLH: "Plh. "}.get(
            self.StatusJabatan(self.status_jabatan), ""
        )
        return awalan + self.jabatan


class IndikatorIndividu(models.Model):
    """An indicator of a person's PK with its target and realisasi of the year, supporting a unit indicator."""

    unit_path = "pk_individu__unit_kerja"

    pk_individu = models.ForeignKey(PKIndividu, on_delete=models.CASCADE, related_name="indikator")
    nama = models.TextField()
    satuan = models.CharField(max_length=60)
    polaritas = models.CharField(max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF)
    target = models.DecimalField(**ANGKA)
    realisasi = models.DecimalField(null=True, blank=True, **ANGKA)
    mendukung = models.ForeignKey(
        Indikator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pendukung_individu",
        help_text="Indikator unit yang didukung",
    )
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    is_predikat = False
    skala_predikat: tuple[str, ...] = ()

    class Meta:
        verbose_name = "indikator PK individu"
        verbose_name_plural = "indikator PK individu"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        for nama in ("target", "realisasi"):
            nilai = getattr(self, nama)
            if nilai is not None and nilai < 0:
                raise ValidationError({nama: f"{nama.capitalize()} tidak boleh negatif."})


class PKKepalaDaerah(models.Model):
    """The PK of the kepala daerah for a year: the IKU Pemda with the year's targets (as agreed with the DPRD), signed
    by the kepala daerah. A draft's targets may change; a final one is kept as signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        FINAL = "final", "Final (ditandatangani)"

    class StatusJabatan(models.TextChoices):
        DEFINITIF = "definitif", "Definitif"
        PJ = "pj", "Penjabat (Pj.)"
        PLT = "plt", "Pelaksana Tugas (Plt.)"
        PLH = "plh", "Pelaksana Harian (Plh.)"

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.PROTECT, related_name="pk_kepala_daerah")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    nama = models.CharField("nama kepala daerah", max_length=200, blank=True)
    jabatan = models.CharField(max_length=255, help_text="mis. Gubernur Kalimantan Timur")
    status_jabatan = models.CharField(
        "status jabatan", max_length=10, choices=StatusJabatan.choices, default=StatusJabatan.DEFINITIF
    )
    tempat = models.CharField(max_length=100, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "PK kepala daerah"
        verbose_name_plural = "PK kepala daerah"
        ordering = ["rpjmd_id", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "tahun"], name="pk_kepala_daerah_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Perjanjian Kinerja {self.jabatan_lengkap} Tahun {self.tahun}"

    @property
    def jabatan_lengkap(self) -> str:
        awalan = {"pj": "Pj. ", "plt": "Plt. ", "plh": "Plh. "}.get(self.status_jabatan, "")
        return awalan + self.jabatan

    def clean(self) -> None:
        if self.rpjmd_id and not self.rpjmd.tahun_mulai <= self.tahun <= self.rpjmd.tahun_selesai:
            raise ValidationError({"tahun": "Tahun di luar periode RPJMD."})


class PKKepalaDaerahIndikator(models.Model):
    pk_kepala_daerah = models.ForeignKey(PKKepalaDaerah, on_delete=models.CASCADE, related_name="indikator")
    indikator_daerah = models.ForeignKey(
        IndikatorDaerah, on_delete=models.PROTECT, related_name="pk_kepala_daerah"
    )
    target = models.DecimalField(null=True, blank=True, **ANGKA)
    target_predikat = models.CharField("target (predikat)", max_length=30, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator PK kepala daerah"
        verbose_name_plural = "indikator PK kepala daerah"
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pk_kepala_daerah", "indikator_daerah"], name="pk_kepala_daerah_indikator_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator_daerah} – {self.target_teks}"

    @property
    def target_teks(self) -> str:
        return self.target_predikat or _angka_teks(self.target)

    @property
    def ada_target(self) -> bool:
        return self.target is not None or bool(self.target_predikat)
