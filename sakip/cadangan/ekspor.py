"""Backup of one pemda into one zip archive (format in `arsip.py`, which rows in `cakupan.py`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.core import serializers
from django.db import connection, models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from sakip.cadangan import arsip, cakupan
from sakip.cadangan.arsip import ArsipError
from sakip.organisasi.models import Pemda


@dataclass
class Ringkasan:
    kode: str
    nama: str
    jumlah_baris: dict[str, int]
    jumlah_berkas: int
    peringatan: list[str] = field(default_factory=list)


def cadangkan(pemda: Pemda, tujuan: Path) -> Ringkasan:
    """Write the pemda's rows, the shared rows they refer to and their files to one zip archive at `tujuan`.

    The archive is written next to `tujuan` under another name and renamed at the end, so a failed backup never
    leaves a half-written archive under the expected name.
    """
    masalah = cakupan.masalah()
    if masalah:
        raise ArsipError(
            "Cadangan dibatalkan: ada model yang jalurnya ke pemda belum diketahui, sehingga datanya tidak akan "
            "ikut dicadangkan. Lengkapi sakip/cadangan/cakupan.py:\n" + "\n".join(masalah)
        )
    kunci = arsip.kunci_cadangan()
    sementara = tujuan.with_name(f".{tujuan.name}.sebagian")
    try:
        with _baca_konsisten():
            ringkasan = _Ekspor(pemda).tulis(sementara, kunci)
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)
    return ringkasan


@contextmanager
def _baca_konsisten() -> Iterator[None]:
    """One transaction, so the rows are read as of one moment; on PostgreSQL a snapshot (repeatable read)."""
    luar = connection.in_atomic_block
    with transaction.atomic():
        if not luar and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def urutan_muat(daftar: list[type[models.Model]]) -> list[type[models.Model]]:
    """The models in an order where every foreign key points to a model loaded before it (self-references aside)."""
    per_label = {cakupan.label(m): m for m in daftar}

    def tergantung(nama: str, *, nullable: bool) -> set[str]:
        return {
            cakupan.label(f.related_model) for f in cakupan.relasi(per_label[nama]) if nullable or not f.null
        }

    wajib = {nama: tergantung(nama, nullable=False) for nama in per_label}
    pengurut: TopologicalSorter[str] = TopologicalSorter()
    for nama in sorted(per_label):
        semua = tergantung(nama, nullable=True)
        # A nullable key that points back at a model depending on this one (publikasi.Dokumen.berkas_terbit ->
        # BerkasDokumen -> Dokumen) closes a cycle: it is left out of the order; the key is deferred to the commit.
        semua = {t for t in semua if t in wajib.get(nama, set()) or nama not in wajib.get(t, set())}
        pengurut.add(nama, *sorted((semua & per_label.keys()) - {nama}))
    return [per_label[nama] for nama in pengurut.static_order()]


def _nilai(model: type[models.Model], kolom: str, ids: set[Any], *keluaran: str) -> Iterator[Any]:
    """values_list(*keluaran) of the rows whose `kolom` is in `ids`, a slice of ids per query."""
    for bagian in arsip.potong(sorted(ids)):
        yield from model._base_manager.filter(**{f"{kolom}__in": bagian}).values_list(*keluaran)


class _Ekspor:
    def __init__(self, pemda: Pemda) -> None:
        self.pemda = pemda
        self.model_pemda = cakupan.model_pemda()
        self.riwayat = {
            cakupan.label(base): m for m in self.model_pemda if (base := cakupan.dicatat(m)) is not None
        }
        # The backup's rows per model (pk; history_id for the audit trail).
        self.ids: dict[str, set[Any]] = {}
        # The same plus the ids of deleted rows the audit trail still records, so their history is found too.
        self.dikenal: dict[str, set[Any]] = {}
        self.terpilih: dict[str, set[Any]] = {}
        self.berkas: dict[str, tuple[str, str]] = {}
        self.luar: list[dict[str, Any]] = []
        self.peringatan: list[str] = []
        self.bagian: list[dict[str, Any]] = []

    def tulis(self, tujuan: Path, kunci: bytes) -> Ringkasan:
        self._hitung_ids()
        self._pilih_bersama()
        with zipfile.ZipFile(tujuan, "w", allowZip64=True) as zf:
            bagian_pemda = [
                self._tulis_bagian(zf, model, self.ids[cakupan.label(model)], arsip.DATA, alami=False)
                for model in urutan_muat(self.model_pemda)
            ]
            bagian_bersama = [
                self._tulis_bagian(
                    zf,
                    model,
                    self.terpilih[cakupan.label(model)],
                    arsip.BERSAMA,
                    alami=cakupan.BERSAMA[cakupan.label(model)].alami,
                )
                for model in cakupan.model_bersama()
            ]
            self.bagian = bagian_bersama + bagian_pemda
            yatim = self._riwayat_yatim()
            berkas, hilang = self._tulis_berkas(zf)
            jumlah: Counter[str] = Counter()
            for b in self.bagian:
                jumlah[b["model"]] += b["jumlah"]
            manifest = {
                "format": arsip.FORMAT,
                "versi_format": arsip.VERSI_FORMAT,
                "dibuat_pada": timezone.now().isoformat(),
                "django": django.get_version(),
                "pemda": {"kode": self.pemda.kode, "nama": self.pemda.nama, "pk": self.pemda.pk},
                "migrasi": arsip.keadaan_migrasi(),
                "jumlah_baris": dict(sorted(jumlah.items())),
                "bagian": self.bagian,
                "berkas": berkas,
                "berkas_hilang": hilang,
                "rujukan_luar": self.luar,
                "riwayat_yatim": yatim,
            }
            isi_manifest = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            zf.writestr(_info(arsip.MANIFEST, zipfile.ZIP_DEFLATED), isi_manifest)
            zf.writestr(
                _info(arsip.TANDA_TANGAN, zipfile.ZIP_DEFLATED), arsip.tanda_tangan(isi_manifest, kunci)
            )
        return Ringkasan(self.pemda.kode, self.pemda.nama, dict(jumlah), len(berkas), self.peringatan)

    def _hitung_ids(self) -> None:
        """The pemda's rows of every model, parents first, each found through its key to the parent's rows."""
        dasar = [m for m in self.model_pemda if cakupan.dicatat(m) is None]
        for model in urutan_muat(dasar):
            nama = cakupan.label(model)
            kunci = cakupan.kunci_induk(model)
            if kunci is None:
                kolom, induk = model._meta.pk.attname, {self.pemda.pk}
                hidup = set(induk)
            else:
                kolom, induk = kunci.attname, self.dikenal[cakupan.label(kunci.related_model)]
                hidup = {pk for (pk,) in _nilai(model, kolom, induk, "pk")}
            dikenal = set(hidup)
            riwayat = self.riwayat.get(nama)
            if riwayat is not None:
                # Found through the same key, so the history of a deleted row is found as long as its parent is.
                baris = list(_nilai(riwayat, kolom, induk, "history_id", model._meta.pk.attname))
                self.ids[cakupan.label(riwayat)] = {h for h, _ in baris}
                dikenal |= {i for _, i in baris}
            self.ids[nama] = hidup
            self.dikenal[nama] = dikenal

    def _riwayat_yatim(self) -> dict[str, int]:
        """History rows of the whole installation no pemda's backup can claim: their parent row is gone and no
        audit trail records it (e.g. the history of a budget line whose sub kegiatan was deleted). Reported, so
        their absence from every backup is never silent."""
        hasil = {}
        for nama_dasar, riwayat in sorted(self.riwayat.items()):
            dasar = apps.get_model(nama_dasar)
            kunci = cakupan.kunci_induk(dasar)
            if kunci is None:
                continue
            induk = kunci.related_model
            qs = riwayat._base_manager.filter(**{f"{kunci.attname}__isnull": False}).exclude(
                **{f"{kunci.attname}__in": induk._base_manager.values("pk")}
            )
            if (riwayat_induk := self.riwayat.get(cakupan.label(induk))) is not None:
                qs = qs.exclude(
                    **{f"{kunci.attname}__in": riwayat_induk._base_manager.values(induk._meta.pk.attname)}
                )
            if jumlah := qs.count():
                hasil[cakupan.label(riwayat)] = jumlah
                self.peringatan.append(
                    f"{jumlah} baris {cakupan.label(riwayat)} tidak dapat ditelusuri ke pemda mana pun (induknya "
                    "sudah dihapus tanpa riwayat) dan tidak ikut dalam cadangan pemda mana pun."
                )
        return hasil

    def _pilih_bersama(self) -> None:
        """The shared rows the backup's rows refer to, and the rows that come with them (a user's groups)."""
        rujukan: dict[str, set[Any]] = defaultdict(set)
        for model in self.model_pemda:
            ids = self.ids[cakupan.label(model)]
            for f in cakupan.relasi(model):
                tujuan = cakupan.label(f.related_model)
                if tujuan not in cakupan.BERSAMA:
                    continue
                if f.many_to_many:
                    through = f.remote_field.through  # type: ignore[union-attr]
                    kolom = f"{f.m2m_field_name()}_id"  # type: ignore[attr-defined]
                    keluar = f"{f.m2m_reverse_field_name()}_id"  # type: ignore[attr-defined]
                    rujukan[tujuan] |= {v for (v,) in _nilai(through, kolom, ids, keluar)}
                else:
                    rujukan[tujuan] |= {v for (v,) in _nilai(model, "pk", ids, f.attname) if v is not None}
        bersama = cakupan.model_bersama()
        for model in sorted(bersama, key=lambda m: cakupan.BERSAMA[cakupan.label(m)].ikut is not None):
            nama = cakupan.label(model)
            spec = cakupan.BERSAMA[nama]
            if spec.ikut is None:
                calon = rujukan[nama] - self.ids.get(nama, set())
                kolom = "pk"
            else:
                sumber, kolom = spec.ikut
                calon = self.terpilih[sumber]
            terpilih = set()
            for bagian in arsip.potong(sorted(calon)):
                terpilih |= set(
                    model._base_manager.filter(**{f"{kolom}__in": bagian}, **spec.saring)
                    .values_list("pk", flat=True)
                    .distinct()
                )
            self.terpilih[nama] = terpilih

    def _tulis_bagian(
        self, zf: zipfile.ZipFile, model: type[models.Model], ids: set[Any], folder: str, *, alami: bool
    ) -> dict[str, Any]:
        nama = cakupan.label(model)
        nama_arsip = f"{folder}{nama}.jsonl"
        jumlah = 0
        pk_maks = max((pk for pk in ids if isinstance(pk, int)), default=None)

        def baris() -> Iterator[models.Model]:
            nonlocal jumlah
            m2m = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]  # type: ignore[union-attr]
            fk = [f for f in cakupan.relasi(model) if not f.many_to_many]
            berkas = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
            for potongan in arsip.potong(sorted(ids)):
                qs = model._base_manager.filter(pk__in=potongan).order_by("pk")
                for f in m2m:
                    terkait = f.related_model._base_manager.order_by("pk")
                    qs = qs.prefetch_related(
                        Prefetch(f.name, queryset=terkait.select_related() if alami else terkait.only("pk"))
                    )
                for obj in qs:
                    if folder == arsip.DATA:
                        self._periksa_rujukan(obj, fk, m2m)
                    for f in berkas:
                        if nama_berkas := getattr(obj, f.attname):
                            self.berkas.setdefault(str(nama_berkas), (nama, f.name))
                    jumlah += 1
                    yield obj

        with zf.open(_info(nama_arsip, zipfile.ZIP_DEFLATED), "w", force_zip64=True) as mentah:
            penulis = arsip.PenulisHash(mentah)
            penyangga = io.BufferedWriter(penulis, 1 << 16)
            teks = io.TextIOWrapper(penyangga, encoding="utf-8", newline="\n")
            serializers.serialize(
                "jsonl", baris(), stream=teks, use_natural_foreign_keys=alami, cls=arsip.EncoderPresisi
            )
            teks.flush()
            teks.detach()
            penyangga.flush()
        return {
            "arsip": nama_arsip,
            "model": nama,
            "jenis": "bersama" if folder == arsip.BERSAMA else "pemda",
            "jumlah": jumlah,
            "pk_maks": pk_maks,
            "sha256": penulis.hash.hexdigest(),
        }

    def _periksa_rujukan(self, obj: models.Model, fk: list[Any], m2m: list[Any]) -> None:
        """Record every enforced reference from a row of the backup to a row outside it (e.g. a kabupaten's
        provinsi): the restore resolves it by kode (a pemda) or empties it, and says so."""
        for f in fk:
            if not f.db_constraint:
                continue  # the audit trail keeps the ids it recorded, whatever became of those rows
            nilai = getattr(obj, f.attname)
            if nilai is not None and not self._di_dalam(f, nilai):
                self._catat_luar(obj, f, nilai)
        for f in m2m:
            for terkait in obj._prefetched_objects_cache[f.name]:  # type: ignore[attr-defined]
                if not self._di_dalam(f, terkait.pk):
                    self._catat_luar(obj, f, terkait.pk)

    def _di_dalam(self, f: Any, nilai: Any) -> bool:
        tujuan = cakupan.label(f.related_model)
        return nilai in self.ids.get(tujuan, ()) or nilai in self.terpilih.get(tujuan, ())

    def _catat_luar(self, obj: models.Model, f: Any, nilai: Any) -> None:
        tujuan = cakupan.label(f.related_model)
        catatan: dict[str, Any] = {
            "model": cakupan.label(type(obj)),
            "pk": obj.pk,
            "field": f.name,
            "ke": tujuan,
            "ke_pk": nilai,
        }
        if tujuan == cakupan.PEMDA:
            catatan["kode"] = Pemda.objects.filter(pk=nilai).values_list("kode", flat=True).first()
        self.luar.append(catatan)
        self.peringatan.append(
            f"{catatan['model']} pk {obj.pk}: {f.name} merujuk {tujuan} pk {nilai} di luar pemda ini."
        )

    def _tulis_berkas(self, zf: zipfile.ZipFile) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every file the rows refer to, under its storage name; a missing one is listed and reported."""
        ada, hilang = [], []
        for nama, (model, nama_field) in sorted(self.berkas.items()):
            storage = apps.get_model(model)._meta.get_field(nama_field).storage  # type: ignore[union-attr]
            if not arsip.nama_aman(nama) or not storage.exists(nama):
                hilang.append({"nama": nama, "model": model, "field": nama_field})
                self.peringatan.append(
                    f"Berkas {nama} ({model}.{nama_field}) tidak ditemukan di penyimpanan."
                )
                continue
            with (
                storage.open(nama, "rb") as sumber,
                zf.open(_info(arsip.BERKAS + nama, zipfile.ZIP_STORED), "w", force_zip64=True) as mentah,
            ):
                penulis = arsip.PenulisHash(mentah)
                arsip.salin(sumber, penulis)
            ada.append(
                {
                    "nama": nama,
                    "arsip": arsip.BERKAS + nama,
                    "sha256": penulis.hash.hexdigest(),
                    "ukuran": penulis.ukuran,
                    "model": model,
                    "field": nama_field,
                }
            )
        return ada, hilang


def _info(nama: str, kompresi: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(nama, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = kompresi
    return info
