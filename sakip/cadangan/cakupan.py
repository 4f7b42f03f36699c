"""Which rows belong to one pemda.

Every model of the installation is listed here once:

- `INDUK`: a model whose rows belong to a pemda, with the foreign key one step towards `organisasi.Pemda` (that key's
  model is itself listed, down to the pemda). The Historical* models of django-simple-history (the audit trail)
  follow the key of the model they record, so they need no entry of their own.
- `BERSAMA`: rows several pemdas may use (the users, the national evaluation schemes). A backup carries the ones its
  rows refer to; a restore matches each to an existing row by its natural key and inserts it only when there is none.
- `KECUALI`: models that are no pemda's data, with the reason.

`masalah()` names every model that is in none of them or whose relations the backup cannot carry, so a model added
later without a path fails a test (and the backup command) instead of being silently left out of every backup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

PEMDA = "organisasi.Pemda"

INDUK: dict[str, str | None] = {
    PEMDA: None,
    "organisasi.UnitKerja": "pemda",
    "organisasi.Penugasan": "pemda",
    "organisasi.Pejabat": "pemda",
    "akun.KebijakanDuaFaktor": "pemda",
    "profil.ProfilOrganisasi": "unit_kerja",
    "profil.LandasanHukum": "profil",
    "profil.Fungsi": "profil",
    "profil.IsuStrategis": "profil",
    "profil.PerbandinganStandar": "profil",
    "profil.BarisPegawai": "profil",
    "profil.BarisNonPNS": "profil",
    "profil.SaranaPrasarana": "profil",
    "perencanaan.RencanaStrategis": "unit_kerja",
    "perencanaan.Tujuan": "renstra",
    "perencanaan.Sasaran": "renstra",
    "perencanaan.Indikator": "renstra",
    "perencanaan.VariabelIndikator": "indikator",
    "perencanaan.Target": "indikator",
    "perencanaan.Program": "unit_kerja",
    "perencanaan.Kegiatan": "program",
    "perencanaan.SubKegiatan": "kegiatan",
    "perencanaan.TargetKeluaran": "sub_kegiatan",
    "perencanaan.PerjanjianKinerja": "unit_kerja",
    "perencanaan.PKIndikator": "perjanjian",
    "perencanaan.PKProgram": "perjanjian",
    "perencanaan.RencanaAksi": "pk_indikator",
    "perencanaan.KeputusanIKU": "renstra",
    "perencanaan.RenstraVersi": "renstra",
    "pengukuran.Realisasi": "unit_kerja",
    "pengukuran.DataDukung": "unit_kerja",
    "pengukuran.Narasi": "unit_kerja",
    "pengukuran.KunciTahun": "pemda",
    "pengukuran.KunciPeriode": "pemda",
    "pengukuran.AturanValidasi": "pemda",
    "pengukuran.PengaturanPengukuran": "pemda",
    "pengukuran.SkalaKategori": "pemda",
    "perencanaan.SatuanPemda": "pemda",
    "anggaran.AnggaranSubKegiatan": "sub_kegiatan",
    "anggaran.RealisasiBulanan": "anggaran",
    "anggaran.KinerjaProgramKegiatan": "program",
    "anggaran.PengaturanAnggaran": "pemda",
    "anggaran.KodeSipd": "pemda",
    "anggaran.RincianJenisBelanja": "anggaran",
    "anggaran.RealisasiBulananJenis": "anggaran",
    "survei.Survei": "unit_kerja",
    "survei.Respons": "survei",
    # A pemda's own schemes; the national ones (pemda empty) are shared, see BERSAMA.
    "evaluasi.SkemaEvaluasi": "pemda",
    "evaluasi.KomponenSkema": "skema",
    "evaluasi.EvaluasiAkip": "unit_kerja",
    "evaluasi.NilaiKomponen": "evaluasi",
    "evaluasi.Rekomendasi": "evaluasi",
    "evaluasi.KriteriaSkema": "komponen",
    "evaluasi.BuktiSkema": "kriteria",
    "evaluasi.SkemaTahun": "pemda",
    "evaluasi.PutaranEvaluasi": "pemda",
    "evaluasi.LembarKerja": "putaran",
    "evaluasi.Jawaban": "lembar",
    "evaluasi.BuktiLembar": "lembar",
    "evaluasi.CatatanReviu": "lembar",
    "pelaporan.TeksLaporan": "unit_kerja",
    "pelaporan.PengaturanLaporan": "pemda",
    "pelaporan.PenyusunLaporan": "unit_kerja",
    "pelaporan.TeksLaporanPemda": "pemda",
    "pelaporan.PenyusunLaporanPemda": "pemda",
    "publikasi.Dokumen": "unit_kerja",
    "publikasi.BerkasDokumen": "dokumen",
    # The pemda's RPJMD, its cascade links (owned by the supporting Renstra) and individual PK (issue #25).
    "rpjmd.Rpjmd": "pemda",
    "rpjmd.RpjmdVersi": "rpjmd",
    "rpjmd.Misi": "rpjmd",
    "rpjmd.TujuanDaerah": "rpjmd",
    "rpjmd.SasaranDaerah": "rpjmd",
    "rpjmd.IndikatorDaerah": "rpjmd",
    "rpjmd.TargetDaerah": "indikator",
    "rpjmd.Dukungan": "renstra",
    "rpjmd.PKIndividu": "unit_kerja",
    "rpjmd.IndikatorIndividu": "pk_individu",
    "rpjmd.PKKepalaDaerah": "rpjmd",
    "rpjmd.PKKepalaDaerahIndikator": "pk_kepala_daerah",
}


@dataclass(frozen=True)
class Bersama:
    """How the shared rows of a model are chosen for a backup and matched on restore."""

    # Columns (attnames) of the natural key a restored row is matched on.
    kunci: tuple[str, ...]
    # Which rows of the model are shared at all (the national schemes: pemda empty).
    saring: dict[str, Any] = field(default_factory=dict)
    # Chosen because another shared model's chosen rows lead to them: (that model, lookup from this model to it).
    # Without it, a row is chosen when a row of the backup refers to it.
    ikut: tuple[str, str] | None = None
    # The key to the shared row this one belongs to, and what a restore does when that row already existed and
    # this one does not: "lewati" keeps the database as it is, "tolak" refuses (the shared data differ).
    induk: str = ""
    induk_lama: str = ""
    # Serialised with natural foreign keys (their many-to-many relations to auth's permissions and groups).
    alami: bool = False


# In restore order.
BERSAMA: dict[str, Bersama] = {
    "auth.Group": Bersama(kunci=("name",), ikut=("organisasi.Pengguna", "user"), alami=True),
    "organisasi.Pengguna": Bersama(kunci=("username",), alami=True),
    # Only with a user the restore creates: a backup never plants a token on an account that already exists.
    "authtoken.Token": Bersama(
        kunci=("user_id",), ikut=("organisasi.Pengguna", "user"), induk="user_id", induk_lama="lewati"
    ),
    "evaluasi.SkemaEvaluasi": Bersama(kunci=("kode",), saring={"pemda__isnull": True}),
    "evaluasi.KomponenSkema": Bersama(
        kunci=("skema_id", "kode"),
        saring={"skema__pemda__isnull": True},
        ikut=("evaluasi.SkemaEvaluasi", "skema"),
        induk="skema_id",
        induk_lama="tolak",
    ),
    "evaluasi.KriteriaSkema": Bersama(
        kunci=("komponen_id", "kode"),
        saring={"komponen__skema__pemda__isnull": True},
        ikut=("evaluasi.SkemaEvaluasi", "komponen__skema"),
        induk="komponen_id",
        induk_lama="tolak",
    ),
    "evaluasi.BuktiSkema": Bersama(
        kunci=("kriteria_id", "urutan"),
        saring={"kriteria__komponen__skema__pemda__isnull": True},
        ikut=("evaluasi.SkemaEvaluasi", "kriteria__komponen__skema"),
        induk="kriteria_id",
        induk_lama="tolak",
    ),
}

KECUALI: dict[str, str] = {
    "contenttypes.ContentType": "created by migrate in every database",
    "auth.Permission": "created by migrate in every database; users and groups refer to them by natural key",
    "admin.LogEntry": "the Django admin's log: superusers only, the whole installation",
    "sessions.Session": "login sessions: transient",
    "axes.AccessAttempt": "login lockout: transient security data of the whole installation",
    "axes.AccessAttemptExpiration": "login lockout: transient security data of the whole installation",
    "axes.AccessLog": "login log of the whole installation",
    "axes.AccessFailureLog": "login log of the whole installation",
    # A restored account has no second factor: it enrols again (and must, where its role requires it).
    "otp_totp.TOTPDevice": "a user's authenticator secret: never copied out of the installation",
    "akun.HistoricalTOTPDevice": "audit of authenticators of the whole installation (no secrets)",
    "akun.KodePemulihan": "a user's recovery codes (hashes): never copied out of the installation",
    "akun.HistoricalKodePemulihan": "audit of recovery codes of the whole installation (no hashes)",
    "akun.KunciKode": "wrong second-factor codes: transient security data",
    "perencanaan.VersiNomenklatur": "the national nomenclature master: loaded from the decree's annex in each installation",
    "perencanaan.KodeNomenklatur": "the national nomenclature master: loaded from the decree's annex in each installation",
    "perencanaan.HistoricalVersiNomenklatur": "audit of the national nomenclature master: the whole installation's",
    "organisasi.HistoricalPengguna": "audit of accounts, which several pemdas share: the whole installation's",
    "survei.KuotaIsian": "the public survey's flood counters: transient (ten minutes), keyed by the installation's secret",
    "pelaporan.PembuatanLaporan": "report generation jobs: transient (deleted after a day), regenerated from the data",
    "antrean.Pekerjaan": "background jobs of the whole installation: transient (deleted after a week)",
    "antrean.JadwalBerjalan": "the scheduler's record of runs: transient (deleted after 60 days)",
    "antrean.ImporLatar": "large uploads waiting on the queue: transient (deleted after a day), uploaded again",
    "django_tasks_database.DBTaskResult": "the task queue's rows: transient (finished ones deleted after a week)",
    "notifikasi.Notifikasi": "messages to users: transient, regenerated by the workflow and the schedule",
    "notifikasi.Preferensi": "a user's e-mail choices: the installation's, like the accounts' security settings",
    "notifikasi.HistoricalPreferensi": "audit of users' e-mail choices of the whole installation",
    "notifikasi.Webhook": "a pemda's webhook secret: never copied out of the installation (set again after a restore)",
    "notifikasi.HistoricalWebhook": "audit of webhook settings (no secrets); stays with the installation",
    "pengukuran.CapaianIndikator": "kept capaian: derived data, recomputed after a restore (hitung_ulang_capaian)",
    "pengukuran.CapaianSasaran": "kept capaian: derived data, recomputed after a restore (hitung_ulang_capaian)",
    "pengukuran.CapaianUnit": "kept capaian: derived data, recomputed after a restore (hitung_ulang_capaian)",
    "pengukuran.CapaianPemda": "kept capaian: derived data, recomputed after a restore (hitung_ulang_capaian)",
}


def label(model: type[models.Model]) -> str:
    return model._meta.label


def dicatat(model: type[models.Model]) -> type[models.Model] | None:
    """The model a Historical* model records, or None for an ordinary model."""
    base = getattr(model, "instance_type", None)
    if base is not None and hasattr(model, "history_id"):
        return base  # type: ignore[no-any-return]
    return None


def semua_model() -> list[type[models.Model]]:
    """Every model with a table of its own (proxies share their model's rows; auto-created many-to-many tables travel
    inside the row that owns the relation)."""
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]


def model_pemda() -> list[type[models.Model]]:
    """The models with rows of a pemda: those in INDUK and the audit trail of each."""
    return [m for m in semua_model() if label(dicatat(m) or m) in INDUK]


def model_bersama() -> list[type[models.Model]]:
    """The installed shared models, in restore order."""
    return [apps.get_model(nama) for nama in BERSAMA if _terpasang(nama)]


def kunci_induk(model: type[models.Model]) -> models.ForeignKey[Any, Any] | None:
    """The foreign key one step towards the pemda (on a Historical* model, the copy of its model's key)."""
    nama = INDUK[label(dicatat(model) or model)]
    if nama is None:
        return None
    f = model._meta.get_field(nama)
    assert isinstance(f, models.ForeignKey)
    return f


def relasi(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The model's foreign keys and many-to-many fields (the relations a backup must carry)."""
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and (f.many_to_one or f.one_to_one or f.many_to_many)  # type: ignore[union-attr]
    ]


def _terpasang(nama: str) -> bool:
    app_label, _, model_name = nama.partition(".")
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def masalah() -> list[str]:
    """Everything that would make a backup incomplete; empty when every model has its place."""
    hasil: list[str] = []
    for model in semua_model():
        nama = label(model)
        base = dicatat(model)
        if base is not None:
            if label(base) not in INDUK and nama not in KECUALI:
                hasil.append(f"{nama}: records {label(base)}, which has no relation path to a pemda")
            continue
        if nama not in INDUK and nama not in BERSAMA and nama not in KECUALI:
            hasil.append(f"{nama}: no relation path to a pemda (add it to sakip/cadangan/cakupan.py)")
    for nama, kunci in INDUK.items():
        if not _terpasang(nama):
            hasil.append(f"INDUK names {nama}, which is not installed")
            continue
        if kunci is None:
            continue
        model = apps.get_model(nama)
        try:
            f = model._meta.get_field(kunci)
        except Exception:
            hasil.append(f"{nama}.{kunci}: no such field")
            continue
        if not isinstance(f, models.ForeignKey) or label(f.related_model) not in INDUK:
            hasil.append(f"{nama}.{kunci}: not a foreign key to a model with a path to a pemda")
    for nama, spec in BERSAMA.items():
        if spec.ikut is None:
            continue
        sumber = BERSAMA.get(spec.ikut[0])
        if sumber is None or sumber.ikut is not None:
            hasil.append(
                f"BERSAMA: {nama} follows {spec.ikut[0]}, which is not a shared model chosen by reference"
            )
    for model in model_pemda() + model_bersama():
        alami = BERSAMA.get(label(model), Bersama(kunci=())).alami and label(model) not in INDUK
        for f in relasi(model):
            tujuan = label(f.related_model)
            if tujuan in INDUK or tujuan in BERSAMA:
                continue
            if alami and f.many_to_many and hasattr(f.related_model, "natural_key"):
                continue
            hasil.append(f"{label(model)}.{f.name} refers to {tujuan}, which a backup does not carry")
    return hasil
