"""Restore of one pemda's archive into a database that has no data of that pemda.

Everything is checked before anything is written (the archive's integrity and every SHA-256, the migration state,
that the pemda does not exist yet, that no file would overwrite another); then the rows are loaded in one
transaction with their primary keys, the shared rows matched by natural key, the files written to storage, and the
sequences reset. Any failure rolls the transaction back and removes the files already written.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import File
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from sakip.cadangan import arsip, cakupan
from sakip.cadangan.arsip import ArsipError
from sakip.organisasi.models import Pemda

TIDAK_DITULIS = "Tidak ada data yang ditulis."
POTONGAN = 500


@dataclass
class Ringkasan:
    kode: str
    nama: str
    jumlah_baris: dict[str, int]
    jumlah_berkas: int
    bersama_dipakai: dict[str, int] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)


def pulihkan(sumber: Path) -> Ringkasan:
    """Restore the archive at `sumber`; raises ArsipError (and writes nothing) when it cannot."""
    try:
        zf = zipfile.ZipFile(sumber)
    except FileNotFoundError as exc:
        raise ArsipError(f"Berkas arsip {sumber} tidak ditemukan.") from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArsipError(f"{sumber} bukan arsip zip yang sah ({exc}). {TIDAK_DITULIS}") from exc
    with zf:
        return _Impor(zf).jalankan()


def _rusak(pesan: str) -> ArsipError:
    return ArsipError(f"Arsip rusak atau bukan cadangan SAKIP: {pesan}. {TIDAK_DITULIS}")


class _Impor:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        # Shared rows: the archive's pk -> the database's pk; and which of them the restore inserted.
        self.peta: dict[str, dict[Any, Any]] = defaultdict(dict)
        self.baru: dict[str, set[Any]] = defaultdict(set)
        self.dipakai: Counter[str] = Counter()
        self.dimuat: Counter[str] = Counter()
        self.luar: dict[tuple[str, Any], list[dict[str, Any]]] = defaultdict(list)
        self.dirujuk: set[str] = set()
        self.peringatan: list[str] = []
        self.ditulis: list[tuple[Any, str]] = []
        self.pk_maks: dict[str, int] = {}

    # --- checks, before anything is written ------------------------------------------------------------------

    def jalankan(self) -> Ringkasan:
        try:
            self.manifest = self._baca_manifest()
            self._periksa_isi()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError) as exc:
            raise _rusak(str(exc)) from exc
        self._periksa_migrasi()
        self._periksa_pemda()
        self._periksa_model()
        self.berkas_ada = self._periksa_penyimpanan()
        for catatan in self.manifest["rujukan_luar"]:
            self.luar[(catatan["model"], catatan["pk"])].append(catatan)
        for b in self.manifest["bagian"]:
            if isinstance(b.get("pk_maks"), int):
                self.pk_maks[b["model"]] = max(self.pk_maks.get(b["model"], 0), b["pk_maks"])
        try:
            with transaction.atomic():
                self._muat_semua()
                self._tulis_berkas()
        except DatabaseError as exc:
            self._hapus_berkas_ditulis()
            raise ArsipError(
                f"Pemulihan gagal dan dibatalkan seluruhnya: {str(exc).strip().rstrip('.')}. {TIDAK_DITULIS}"
            ) from exc
        except BaseException:
            self._hapus_berkas_ditulis()
            raise
        pemda = self.manifest["pemda"]
        return Ringkasan(
            pemda["kode"],
            pemda["nama"],
            dict(self.dimuat),
            len(self.ditulis),
            dict(self.dipakai),
            self.peringatan,
        )

    def _hapus_berkas_ditulis(self) -> None:
        for storage, nama in self.ditulis:
            storage.delete(nama)  # FileSystemStorage and S3 both accept a name that is already gone

    def _baca_manifest(self) -> dict[str, Any]:
        try:
            isi = self.zf.read(arsip.MANIFEST)
        except KeyError as exc:
            raise _rusak(f"{arsip.MANIFEST} tidak ada") from exc
        try:
            tanda: bytes | None = self.zf.read(arsip.TANDA_TANGAN)
        except KeyError:
            tanda = None
        # Before anything in the archive is believed: the manifest names every member's SHA-256, so its signature
        # covers the whole archive.
        if galat := arsip.periksa_tanda_tangan(isi, tanda, arsip.kunci_cadangan()):
            raise ArsipError(f"Arsip ditolak: {galat}. {TIDAK_DITULIS}")
        try:
            manifest = json.loads(isi)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise _rusak(f"{arsip.MANIFEST} bukan JSON yang sah ({exc})") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != arsip.FORMAT:
            raise _rusak(f"{arsip.MANIFEST} bukan manifes cadangan SAKIP")
        if manifest.get("versi_format") != arsip.VERSI_FORMAT:
            raise ArsipError(
                f"Versi format arsip {manifest.get('versi_format')!r} tidak didukung "
                f"(yang didukung: {arsip.VERSI_FORMAT}). {TIDAK_DITULIS}"
            )
        try:
            _periksa_bentuk(manifest)
        except (LookupError, TypeError, ValueError, FieldDoesNotExist) as exc:
            raise _rusak(f"isi {arsip.MANIFEST} tidak lengkap ({exc})") from exc
        return manifest

    def _periksa_isi(self) -> None:
        """Every section and file the manifest lists is present with its SHA-256 (read in blocks, not kept)."""
        nama_isi = set(self.zf.namelist())
        for item in [*self.manifest["bagian"], *self.manifest["berkas"]]:
            if item["arsip"] not in nama_isi:
                raise _rusak(f"{item['arsip']} tercantum di manifes tetapi tidak ada di arsip")
            with self.zf.open(item["arsip"]) as f:
                sha, _ = arsip.sha256_aliran(f)
            if sha != item["sha256"]:
                raise ArsipError(
                    f"SHA-256 {item['arsip']} tidak cocok dengan manifes (arsip rusak atau diubah). {TIDAK_DITULIS}"
                )

    def _periksa_migrasi(self) -> None:
        kurang = arsip.migrasi_kurang(self.manifest["migrasi"])
        if kurang:
            raise ArsipError(
                "Arsip dibuat dengan skema basis data yang lebih baru daripada basis data ini (migrasi belum "
                f"diterapkan: {', '.join(kurang)}). Perbarui aplikasi dan jalankan `manage.py migrate` dahulu. "
                + TIDAK_DITULIS
            )

    def _periksa_pemda(self) -> None:
        pemda = self.manifest["pemda"]
        ada = (
            Pemda.objects.filter(kode=pemda["kode"]).first()
            or Pemda.objects.filter(nama=pemda["nama"]).first()
        )
        if ada is not None:
            raise ArsipError(
                f"Pemda {ada.kode} ({ada.nama}) sudah ada di basis data ini. Pemulihan hanya ke basis data tanpa data "
                f"pemda tersebut. {TIDAK_DITULIS}"
            )

    def _periksa_model(self) -> None:
        for b in self.manifest["bagian"]:
            try:
                apps.get_model(b["model"])
            except (LookupError, ValueError) as exc:
                raise ArsipError(
                    f"Arsip memuat model {b['model']} yang tidak dikenal aplikasi ini. {TIDAK_DITULIS}"
                ) from exc
            if b["jenis"] == "bersama" and b["model"] not in cakupan.BERSAMA:
                raise _rusak(f"{b['model']} bukan model data bersama")

    def _periksa_penyimpanan(self) -> set[str]:
        """Files already in storage: the same content is reused, different content is never overwritten."""
        sama = set()
        for item in self.manifest["berkas"]:
            storage = _storage(item)
            if storage.exists(item["nama"]):
                with storage.open(item["nama"], "rb") as f:
                    sha, _ = arsip.sha256_aliran(f)
                if sha != item["sha256"]:
                    raise ArsipError(
                        f"Berkas {item['nama']} sudah ada di penyimpanan dengan isi lain; pemulihan tidak menimpanya. "
                        + TIDAK_DITULIS
                    )
                sama.add(item["nama"])
        return sama

    # --- loading, in one transaction --------------------------------------------------------------------------

    def _muat_semua(self) -> None:
        dimuat_model: set[type[models.Model]] = set()
        for b in self.manifest["bagian"]:
            model = apps.get_model(b["model"])
            dimuat_model.add(model)
            jumlah = self._baca_bagian(b)
            if jumlah != b["jumlah"]:
                raise _rusak(f"{b['arsip']} berisi {jumlah} baris, manifes menyebut {b['jumlah']}")
        if not Pemda.objects.filter(kode=self.manifest["pemda"]["kode"]).exists():
            raise _rusak(f"manifes menyebut pemda {self.manifest['pemda']['kode']}, tetapi datanya tidak ada")
        berkas = {item["nama"] for item in self.manifest["berkas"]}
        hilang = {item["nama"] for item in self.manifest["berkas_hilang"]}
        tanpa = self.dirujuk - berkas - hilang
        if tanpa:
            raise _rusak(f"baris merujuk berkas yang tidak ada di arsip: {', '.join(sorted(tanpa)[:5])}")
        for item in self.manifest["berkas_hilang"]:
            self.peringatan.append(
                f"Berkas {item['nama']} sudah hilang saat pencadangan; barisnya tetap dipulihkan."
            )
        tabel = sorted(
            {m._meta.db_table for m in dimuat_model}
            | {
                f.remote_field.through._meta.db_table  # type: ignore[union-attr]
                for m in dimuat_model
                for f in m._meta.many_to_many
            }
        )
        try:
            connection.check_constraints(table_names=tabel)
        except DatabaseError as exc:
            raise ArsipError(f"Data arsip tidak utuh: {str(exc).rstrip('.')}. {TIDAK_DITULIS}") from exc
        majukan_urutan(dimuat_model)
        # The kept capaian are derived data left out of backups (rows were inserted without signals): rebuilt here,
        # in the restore's transaction, as `manage.py hitung_ulang_capaian` does.
        from sakip.pengukuran import kini

        kini.hitung_ulang(
            pemda_ids=Pemda.objects.filter(kode=self.manifest["pemda"]["kode"]).values_list("pk", flat=True)
        )

    def _baca_bagian(self, b: dict[str, Any]) -> int:
        """Load one section, streamed line by line; returns its number of rows."""
        model = apps.get_model(b["model"])
        with self.zf.open(b["arsip"]) as mentah:
            teks = io.TextIOWrapper(mentah, encoding="utf-8")
            objek = serializers.deserialize("jsonl", teks, ignorenonexistent=True)
            try:
                if b["jenis"] == "bersama":
                    return self._muat_bersama(model, objek)
                return self._muat_pemda(model, objek)
            except DeserializationError as exc:
                raise _rusak(f"{b['arsip']}: {exc}") from exc

    def _muat_bersama(self, model: type[models.Model], objek: Iterator[DeserializedObject]) -> int:
        """Match each shared row to an existing one by natural key, or insert it (with its pk when that is free)."""
        nama = cakupan.label(model)
        spec = cakupan.BERSAMA[nama]
        tertunda: list[DeserializedObject] = []
        jumlah = 0
        for d in objek:
            jumlah += 1
            if not self._bersama_satu(model, spec, d):
                tertunda.append(d)
        # Rows whose parent (same table) came later in the file.
        while tertunda:
            sisa = [d for d in tertunda if not self._bersama_satu(model, spec, d)]
            if len(sisa) == len(tertunda):
                raise _rusak(f"{nama}: baris merujuk induk yang tidak ada di arsip")
            tertunda = sisa
        return jumlah

    def _bersama_satu(self, model: type[models.Model], spec: cakupan.Bersama, d: DeserializedObject) -> bool:
        nama = cakupan.label(model)
        obj = d.object
        lama = obj.pk
        induk_lama = False
        ubah = {}
        for f in cakupan.relasi(model):
            nilai = getattr(obj, f.attname, None) if not f.many_to_many else None
            if nilai is None:
                continue
            tujuan = cakupan.label(f.related_model)
            if tujuan == nama and nilai not in self.peta[nama]:
                return False  # its parent in the same table comes later
            if tujuan in self.peta:
                if f.attname == spec.induk:
                    induk_lama = nilai not in self.baru[tujuan]
                ubah[f.attname] = self.peta[tujuan].get(nilai, nilai)
        for attname, nilai in ubah.items():
            setattr(obj, attname, nilai)
        kunci = {k: getattr(obj, k) for k in spec.kunci}
        ada = model._base_manager.filter(**kunci, **spec.saring).values_list("pk", flat=True).first()
        if ada is not None:
            self.peta[nama][lama] = ada
            self.dipakai[nama] += 1
            return True
        if induk_lama:
            if spec.induk_lama == "lewati":
                return True
            raise ArsipError(
                f"{nama} {kunci} tidak ada di basis data ini, padahal induknya sudah ada: data bersama di basis data "
                f"ini berbeda dengan arsip. {TIDAK_DITULIS}"
            )
        if model._base_manager.filter(pk=lama).exists():
            if model._meta.auto_field is None:
                raise ArsipError(f"{nama} dengan kunci {lama} sudah ada di basis data ini. {TIDAK_DITULIS}")
            # The archive's pk is taken by another row: a new one, and every reference follows. Above every key
            # of the archive too, so it cannot take the key of a pemda row of the same table loaded later.
            terbesar = model._base_manager.aggregate(m=Max("pk"))["m"] or 0
            obj.pk = max(terbesar, self.pk_maks.get(nama, 0)) + 1
        d.save(force_insert=True)
        self.peta[nama][lama] = obj.pk
        self.baru[nama].add(lama)
        self.dimuat[nama] += 1
        return True

    def _muat_pemda(self, model: type[models.Model], objek: Iterator[DeserializedObject]) -> int:
        """Insert the pemda's rows with their own primary keys, a slice at a time."""
        jumlah = 0
        penampung: list[DeserializedObject] = []
        berkas = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for d in objek:
            self._petakan(model, d)
            for f in berkas:
                if nama_berkas := getattr(d.object, f.attname):
                    self.dirujuk.add(str(nama_berkas))
            penampung.append(d)
            jumlah += 1
            if len(penampung) >= POTONGAN:
                self._simpan(model, penampung)
                penampung = []
        self._simpan(model, penampung)
        return jumlah

    def _petakan(self, model: type[models.Model], d: DeserializedObject) -> None:
        """References to shared rows follow them to their pk here; references outside the pemda are resolved."""
        obj = d.object
        for f in cakupan.relasi(model):
            tujuan = cakupan.label(f.related_model)
            peta = self.peta.get(tujuan)
            if not peta:
                continue
            if f.many_to_many:
                if d.m2m_data and f.name in d.m2m_data:
                    d.m2m_data[f.name] = [peta.get(v, v) for v in d.m2m_data[f.name]]
            else:
                nilai = getattr(obj, f.attname)
                if nilai in peta:
                    setattr(obj, f.attname, peta[nilai])
        for catatan in self.luar.get((cakupan.label(model), obj.pk), []):
            self._selesaikan_luar(model, d, catatan)

    def _selesaikan_luar(
        self, model: type[models.Model], d: DeserializedObject, catatan: dict[str, Any]
    ) -> None:
        f = model._meta.get_field(catatan["field"])
        label = f"{catatan['model']} pk {catatan['pk']}: {f.name}"
        if f.many_to_many:
            d.m2m_data[f.name] = [v for v in d.m2m_data.get(f.name, []) if v != catatan["ke_pk"]]
            self.peringatan.append(
                f"{label}: tautan ke {catatan['ke']} pk {catatan['ke_pk']} di luar pemda dilepas."
            )
            return
        if catatan.get("kode"):
            ada = Pemda.objects.filter(kode=catatan["kode"]).values_list("pk", flat=True).first()
            if ada is not None:
                setattr(d.object, f.attname, ada)
                return
        if not f.null:
            raise ArsipError(
                f"{label} merujuk {catatan['ke']} pk {catatan['ke_pk']} di luar pemda ini, yang tidak ada di basis "
                f"data ini. {TIDAK_DITULIS}"
            )
        setattr(d.object, f.attname, None)
        self.peringatan.append(
            f"{label} merujuk data di luar pemda ({catatan['ke']} pk {catatan['ke_pk']}); dikosongkan."
        )

    def _simpan(self, model: type[models.Model], penampung: list[DeserializedObject]) -> None:
        if not penampung:
            return
        nama = cakupan.label(model)
        pk = [d.object.pk for d in penampung]
        terpakai = sorted(model._base_manager.filter(pk__in=pk).values_list("pk", flat=True))
        if terpakai:
            raise ArsipError(
                f"{nama} dengan kunci {', '.join(map(str, terpakai[:5]))} sudah dipakai data lain di basis data ini; "
                f"pemulihan dengan kunci asli tidak mungkin. {TIDAK_DITULIS}"
            )
        for d in penampung:
            d.save(force_insert=True)
        self.dimuat[nama] += len(penampung)

    def _tulis_berkas(self) -> None:
        for item in self.manifest["berkas"]:
            if item["nama"] in self.berkas_ada:
                continue
            storage = _storage(item)
            try:
                with self.zf.open(item["arsip"]) as sumber:
                    nama = storage.save(item["nama"], File(sumber, name=item["nama"]))
            except OSError as exc:
                # It did not exist before (checked above): whatever part of it was written goes too.
                self.ditulis.append((storage, item["nama"]))
                raise ArsipError(
                    f"Berkas {item['nama']} gagal ditulis ke penyimpanan ({exc}); pemulihan dibatalkan seluruhnya. "
                    + TIDAK_DITULIS
                ) from exc
            self.ditulis.append((storage, nama))
            if nama != item["nama"]:
                raise ArsipError(
                    f"Penyimpanan menyimpan {item['nama']} dengan nama lain ({nama}). {TIDAK_DITULIS}"
                )


def majukan_urutan(daftar: set[type[models.Model]]) -> None:
    """Move every key sequence past the restored rows and past the ids their audit trail records.

    Rows were inserted with their own keys, so the sequences know nothing of them. Django's
    `sequence_reset_sql` sets a sequence to the table's largest key, which can move it backwards; here a sequence
    only moves forward, and also past the ids of deleted rows the history still names (a new row must never take
    the id of a deleted one and inherit its audit trail).
    """
    riwayat = {
        cakupan.label(base): m for m in cakupan.semua_model() if (base := cakupan.dicatat(m)) is not None
    }
    lain = []
    for model in sorted(daftar, key=cakupan.label):
        kunci = model._meta.auto_field
        if kunci is None:
            continue
        batas = model._base_manager.aggregate(m=Max("pk"))["m"] or 0
        if (h := riwayat.get(cakupan.label(model))) is not None:
            batas = max(batas, h._base_manager.aggregate(m=Max(model._meta.pk.attname))["m"] or 0)
        if batas == 0:
            continue
        tabel, kolom = model._meta.db_table, kunci.column
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(s, GREATEST(%s, COALESCE(pg_sequence_last_value(s), 0))) "
                    "FROM (SELECT pg_get_serial_sequence(%s, %s)::regclass AS s) AS urutan",
                    [batas, connection.ops.quote_name(tabel), kolom],
                )
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [batas, tabel]
                )
                if cursor.rowcount == 0:
                    cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [tabel, batas])
            else:
                lain.append(model)
    if lain:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), lain):
                cursor.execute(sql)


def _storage(item: dict[str, Any]) -> Any:
    return apps.get_model(item["model"])._meta.get_field(item["field"]).storage  # type: ignore[union-attr]


def _periksa_bentuk(m: dict[str, Any]) -> None:
    """The manifest's shape; raises KeyError, TypeError or ValueError."""

    def wajib(kondisi: bool, pesan: str) -> None:
        if not kondisi:
            raise ValueError(pesan)

    wajib(isinstance(m["pemda"]["kode"], str) and isinstance(m["pemda"]["nama"], str), "pemda")
    wajib(
        all(isinstance(a, str) and isinstance(v, list) for a, v in m["migrasi"].items()),
        "migrasi",
    )
    for b in m["bagian"]:
        wajib(b["jenis"] in ("pemda", "bersama"), f"jenis bagian {b['jenis']!r}")
        folder = arsip.BERSAMA if b["jenis"] == "bersama" else arsip.DATA
        wajib(b["arsip"] == f"{folder}{b['model']}.jsonl", f"nama bagian {b['arsip']!r}")
        wajib(isinstance(b["jumlah"], int) and isinstance(b["sha256"], str), f"bagian {b['arsip']!r}")
    for item in [*m["berkas"], *m["berkas_hilang"]]:
        wajib(arsip.nama_aman(item["nama"]), f"nama berkas {item['nama']!r}")
        wajib(isinstance(item["model"], str) and isinstance(item["field"], str), f"berkas {item['nama']!r}")
    for item in m["berkas"]:
        wajib(item["arsip"] == arsip.BERKAS + item["nama"], f"berkas {item['nama']!r}")
        wajib(isinstance(item["sha256"], str), f"berkas {item['nama']!r}")
        apps.get_model(item["model"])._meta.get_field(item["field"])
    for catatan in m["rujukan_luar"]:
        wajib(all(k in catatan for k in ("model", "pk", "field", "ke", "ke_pk")), "rujukan_luar")
