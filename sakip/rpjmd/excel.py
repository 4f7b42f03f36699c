"""Excel export and import of an RPJMD and its cascade links.

Sheet "RPJMD": one row per visi, misi, tujuan, sasaran and indicator (with targets and realisasi per year); sheet
"Cascading": one row per link (RPJMD indicator or sasaran ← PD indicator or PD sasaran, named by unit, Renstra start
year and code). A predikat indicator names its scale in "Skala Predikat" (levels lowest first, separated by commas)
and carries levels as text in its target, realisasi, baseline and end-target cells. Import matches rows by kode: a row with a new kode is added, an existing one is updated; nothing is deleted.
It runs the same services as the pages inside one transaction: any row error refuses the whole workbook, and a dry
run (uji coba) does the whole work and then rolls it back, so it reports exactly what the real run would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from sakip.lib import angka, xlsx, xlsx_baca
from sakip.organisasi.models import Pengguna
from sakip.perencanaan.models import Indikator, Polaritas, Sasaran
from sakip.rpjmd import services
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    Misi,
    Rpjmd,
    SasaranDaerah,
    TargetDaerah,
    TujuanDaerah,
)

MAKS_UKURAN = 5 * 1024 * 1024
MAKS_BARIS = 10_000
LEMBAR_RPJMD = "RPJMD"
LEMBAR_CASCADE = "Cascading"
KOLOM_TETAP = [
    "Jenis",
    "Kode",
    "Induk",
    "Uraian / Nama",
    "Satuan",
    "Polaritas",
    "IKU Pemda",
    "Kondisi Awal",
    "Target Akhir",
    "PD Penanggung Jawab",
    "Strategi",
    "Arah Kebijakan",
]
# Optional on import (workbooks exported before predikat indicators lack it).
KOLOM_SKALA = "Skala Predikat"
KOLOM_CASCADE = [
    "Kode Indikator/Sasaran RPJMD",
    "Kode Unit PD",
    "Renstra Mulai",
    "Kode Indikator PD",
    "Kode Sasaran PD",
]
JENIS = ("visi", "misi", "tujuan", "sasaran", "indikator")


def _sel(nilai: Decimal | None, teks: str) -> Decimal | str | None:
    return teks or nilai


def ekspor(rpjmd: Rpjmd) -> bytes:
    tahun = rpjmd.tahun
    kolom = KOLOM_TETAP + [KOLOM_SKALA] + [f"Target {t}" for t in tahun] + [f"Realisasi {t}" for t in tahun]
    target: dict[int, dict[int, TargetDaerah]] = {}
    for t in TargetDaerah.objects.filter(indikator__rpjmd=rpjmd):
        target.setdefault(t.indikator_id, {})[t.tahun] = t
    kosong = [""] * (len(KOLOM_TETAP) - 3)
    baris: list[list[Any]] = [["visi", "", "", rpjmd.visi, *kosong]]
    baris += [["misi", m.kode, "", m.uraian, *kosong] for m in Misi.objects.filter(rpjmd=rpjmd)]
    for t in TujuanDaerah.objects.filter(rpjmd=rpjmd).select_related("misi"):
        baris.append(["tujuan", t.kode, t.misi.kode if t.misi_id else "", t.uraian, *kosong])
    for s in SasaranDaerah.objects.filter(rpjmd=rpjmd).select_related("tujuan", "penanggung_jawab"):
        pj = s.penanggung_jawab.kode if s.penanggung_jawab_id else ""
        baris.append(
            [
                "sasaran",
                s.kode,
                s.tujuan.kode,
                s.uraian,
                "",
                "",
                "",
                None,
                None,
                pj,
                s.strategi,
                s.arah_kebijakan,
                "",
            ]
        )
    for i in IndikatorDaerah.objects.filter(rpjmd=rpjmd).select_related("tujuan", "sasaran"):
        per = target.get(i.pk, {})
        baris.append(
            [
                "indikator",
                i.kode,
                i.sasaran.kode if i.sasaran_id else i.tujuan.kode,
                i.nama,
                i.satuan,
                i.polaritas,
                "ya" if i.is_iku else "tidak",
                _sel(i.kondisi_awal, i.kondisi_awal_teks),
                _sel(i.kondisi_akhir, i.kondisi_akhir_teks),
                "",
                "",
                "",
                ", ".join(i.skala_predikat) if i.is_predikat else "",
                *[_sel(per[t].target, per[t].target_predikat) if t in per else None for t in tahun],
                *[_sel(per[t].realisasi, per[t].realisasi_predikat) if t in per else None for t in tahun],
            ]
        )
    cascade = []
    tautan = (
        Dukungan.objects.filter(Q(indikator_daerah__rpjmd=rpjmd) | Q(sasaran_daerah__rpjmd=rpjmd))
        .select_related("indikator_daerah", "sasaran_daerah", "indikator", "sasaran", "renstra__unit_kerja")
        .order_by("renstra__unit_kerja__jalur", "pk")
    )
    for d in tautan:
        cascade.append(
            [
                d.tujuan.kode,
                d.renstra.unit_kerja.kode,
                d.renstra.tahun_mulai,
                d.indikator.kode if d.indikator_id else "",
                d.sasaran.kode if d.sasaran_id else "",
            ]
        )
    subjudul = (
        f"{rpjmd.pemda} · versi {rpjmd.versi}. Jenis: visi, misi, tujuan, sasaran, indikator; Induk = kode "
        "misi/tujuan/sasaran di atasnya. Indikator predikat: isi Skala Predikat (terendah dahulu, dipisah koma) "
        "dan tulis tingkatannya pada kolom target/realisasi."
    )
    return xlsx.tulis(
        [
            xlsx.Lembar(
                LEMBAR_RPJMD,
                str(rpjmd),
                kolom,
                baris,
                subjudul=subjudul,
                lebar=[10, 10, 10, 60, 12, 10, 10, 12, 12, 18, 40, 40, 24],
            ),
            xlsx.Lembar(
                LEMBAR_CASCADE,
                "Cascading: indikator/sasaran PD yang mendukung indikator/sasaran RPJMD",
                KOLOM_CASCADE,
                cascade,
                subjudul="Satu baris per dukungan: isi Kode Indikator PD ATAU Kode Sasaran PD; baris yang sudah "
                "ada dilewati.",
                lebar=[28, 20, 14, 20, 20],
            ),
        ]
    )


@dataclass
class HasilImpor:
    kesalahan: list[xlsx.Kesalahan] = field(default_factory=list)
    dibuat: int = 0
    diubah: int = 0
    dukungan: int = 0
    diterapkan: bool = False


class _Batal(Exception):
    """Rolls back a dry run or a workbook with errors."""


def _teks(nilai: Any) -> str:
    return "" if nilai is None else str(nilai).strip()


def _angka_sel(nilai: Any) -> Decimal | None:
    if nilai is None or _teks(nilai) == "":
        return None
    if isinstance(nilai, bool):
        raise ValueError("bukan angka")
    if isinstance(nilai, int | float):
        return Decimal(str(nilai))
    return angka.parse_angka(str(nilai))


def _header(lembar: xlsx_baca.Lembar, pertama: str) -> tuple[int, list[str]] | None:
    for nomor, nilai in lembar.baris[:10]:
        if nilai and _teks(nilai[0]).lower() == pertama.lower():
            return nomor, [_teks(v) for v in nilai]
    return None


def impor(*, rpjmd: Rpjmd, data: bytes, by: Pengguna, uji_coba: bool) -> HasilImpor:
    """Read the workbook and apply it (or try it, `uji_coba`) all or nothing."""
    hasil = HasilImpor()
    try:
        buku = xlsx_baca.baca(data, maks_baris=MAKS_BARIS, baris_judul=5)
    except xlsx_baca.WorkbookDitolak as exc:
        hasil.kesalahan.append(xlsx.Kesalahan("", None, "", str(exc)))
        return hasil
    lembar = buku.get(LEMBAR_RPJMD)
    kepala = _header(lembar, "Jenis") if lembar else None
    if lembar is None or kepala is None:
        hasil.kesalahan.append(
            xlsx.Kesalahan(
                LEMBAR_RPJMD,
                None,
                "",
                "Sheet 'RPJMD' dengan baris judul 'Jenis' tidak ditemukan; pakai berkas hasil ekspor.",
            )
        )
        return hasil
    try:
        with transaction.atomic():
            _terapkan(rpjmd, lembar, kepala, buku.get(LEMBAR_CASCADE), by, hasil)
            if hasil.kesalahan or uji_coba:
                raise _Batal
    except _Batal:
        return hasil
    hasil.diterapkan = True
    return hasil


def _terapkan(
    rpjmd: Rpjmd,
    lembar: xlsx_baca.Lembar,
    kepala: tuple[int, list[str]],
    cascade: xlsx_baca.Lembar | None,
    by: Pengguna,
    hasil: HasilImpor,
) -> None:
    baris_kepala, judul = kepala
    kolom = {nama: i for i, nama in enumerate(judul) if nama}
    hilang = [k for k in KOLOM_TETAP if k not in kolom]
    if hilang:
        hasil.kesalahan.append(
            xlsx.Kesalahan(LEMBAR_RPJMD, baris_kepala, "", f"Kolom tidak ada: {', '.join(hilang)}.")
        )
        return
    polaritas = {p.value for p in Polaritas}
    unit = {u.kode: u for u in rpjmd.pemda.unit_kerja.all()}
    urut = {j: n for n, j in enumerate(JENIS)}
    rows = [(n, v) for n, v in lembar.baris if n > baris_kepala and any(_teks(x) for x in v)]

    def sel(v: tuple[Any, ...], nama: str) -> Any:
        i = kolom[nama]
        return v[i] if i < len(v) else None

    def salah(nomor: int, nama: str, pesan: str) -> None:
        hasil.kesalahan.append(xlsx.Kesalahan(LEMBAR_RPJMD, nomor, nama, pesan))

    # Parents first, whatever the order of the rows.
    rows.sort(key=lambda r: urut.get(_teks(sel(r[1], "Jenis")).lower(), 99))
    for nomor, v in rows:
        jenis = _teks(sel(v, "Jenis")).lower()
        kode, induk, uraian = _teks(sel(v, "Kode")), _teks(sel(v, "Induk")), _teks(sel(v, "Uraian / Nama"))
        if jenis not in JENIS:
            salah(nomor, "Jenis", f"Jenis '{jenis}' tidak dikenal; pakai {', '.join(JENIS)}.")
            continue
        if not uraian:
            salah(nomor, "Uraian / Nama", "Wajib diisi.")
            continue
        if jenis == "visi":
            if rpjmd.visi != uraian:
                services.simpan_rpjmd(pemda=rpjmd.pemda, by=by, rpjmd=rpjmd, visi=uraian)
                hasil.diubah += 1
            continue
        if not kode:
            salah(nomor, "Kode", "Wajib diisi.")
            continue
        try:
            _baris(rpjmd, jenis, kode, induk, uraian, v, sel, unit, polaritas, by, hasil)
        except (ValidationError, ValueError, ArithmeticError) as exc:
            pesan = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            salah(nomor, "", pesan)
    if cascade is not None:
        _cascade(rpjmd, cascade, by, hasil)


def _baris(
    rpjmd: Rpjmd,
    jenis: str,
    kode: str,
    induk: str,
    uraian: str,
    v: tuple[Any, ...],
    sel: Any,
    unit: dict[str, Any],
    polaritas: set[str],
    by: Pengguna,
    hasil: HasilImpor,
) -> None:
    if jenis == "misi":
        obj = Misi.objects.filter(rpjmd=rpjmd, kode=kode).first()
        if obj is None or obj.uraian != uraian:
            services.simpan_misi(rpjmd=rpjmd, by=by, misi=obj, kode=kode, uraian=uraian)
            _hitung(hasil, obj)
        return
    if jenis == "tujuan":
        misi = Misi.objects.filter(rpjmd=rpjmd, kode=induk).first() if induk else None
        if induk and misi is None:
            raise ValueError(f"Misi '{induk}' tidak ada.")
        obj = TujuanDaerah.objects.filter(rpjmd=rpjmd, kode=kode).first()
        if obj is None or (obj.uraian, obj.misi_id) != (uraian, misi.pk if misi else None):
            services.simpan_tujuan(rpjmd=rpjmd, by=by, tujuan=obj, kode=kode, uraian=uraian, misi=misi)
            _hitung(hasil, obj)
        return
    if jenis == "sasaran":
        tujuan = TujuanDaerah.objects.filter(rpjmd=rpjmd, kode=induk).first()
        if tujuan is None:
            raise ValueError(f"Tujuan '{induk}' tidak ada.")
        pj_kode = _teks(sel(v, "PD Penanggung Jawab"))
        if pj_kode and pj_kode not in unit:
            raise ValueError(f"Unit '{pj_kode}' tidak ada di pemda ini.")
        nilai = {
            "kode": kode,
            "uraian": uraian,
            "tujuan": tujuan,
            "strategi": _teks(sel(v, "Strategi")),
            "arah_kebijakan": _teks(sel(v, "Arah Kebijakan")),
            "penanggung_jawab": unit.get(pj_kode),
        }
        obj = SasaranDaerah.objects.filter(rpjmd=rpjmd, kode=kode).first()
        if obj is None or any(getattr(obj, k) != val for k, val in nilai.items()):
            services.simpan_sasaran(rpjmd=rpjmd, by=by, sasaran=obj, **nilai)
            _hitung(hasil, obj)
        return
    sasaran = SasaranDaerah.objects.filter(rpjmd=rpjmd, kode=induk).first()
    tujuan = None if sasaran else TujuanDaerah.objects.filter(rpjmd=rpjmd, kode=induk).first()
    if sasaran is None and tujuan is None:
        raise ValueError(f"Sasaran atau tujuan '{induk}' tidak ada.")
    pol = _teks(sel(v, "Polaritas")).lower() or Polaritas.POSITIF
    if pol not in polaritas:
        raise ValueError(f"Polaritas '{pol}' tidak dikenal; pakai positif, negatif atau stabil.")
    iku = _teks(sel(v, "IKU Pemda")).lower()
    if iku not in ("", "ya", "tidak"):
        raise ValueError("Kolom IKU Pemda diisi 'ya' atau 'tidak'.")
    skala = [" ".join(t.split()) for t in _teks(sel_opsional(v, sel, KOLOM_SKALA)).split(",") if t.strip()]
    predikat = bool(skala)

    def nilai_sel(nama: str) -> Decimal | str | None:
        isi = sel_opsional(v, sel, nama)
        if predikat:
            return _teks(isi) or None
        try:
            return _angka_sel(isi)
        except (ValueError, ArithmeticError):
            raise ValueError(
                f"Kolom {nama}: '{_teks(isi)}' bukan angka (indikator predikat: isi kolom Skala Predikat)."
            ) from None

    target = {t: (nilai_sel(f"Target {t}"), nilai_sel(f"Realisasi {t}")) for t in rpjmd.tahun}
    awal, akhir = nilai_sel("Kondisi Awal"), nilai_sel("Target Akhir")
    nilai = {
        "kode": kode,
        "nama": uraian,
        "sasaran": sasaran,
        "tujuan": tujuan,
        "satuan": _teks(sel(v, "Satuan")),
        "polaritas": pol,
        "is_iku": iku == "ya",
        "jenis": "predikat" if predikat else "angka",
        "skala_predikat": skala,
        "kondisi_awal": None if predikat else awal,
        "kondisi_akhir": None if predikat else akhir,
        "kondisi_awal_teks": (awal or "") if predikat else "",
        "kondisi_akhir_teks": (akhir or "") if predikat else "",
    }
    obj = IndikatorDaerah.objects.filter(rpjmd=rpjmd, kode=kode).first()
    lama = (
        {
            t.tahun: (t.target_predikat or t.target, t.realisasi_predikat or t.realisasi)
            for t in obj.target.all()
        }
        if obj
        else {}
    )
    baru = {t: tr for t, tr in target.items() if tr != (None, None) or t in lama}
    if (
        obj is None
        or any(getattr(obj, k) != val for k, val in nilai.items())
        or any(lama.get(t) != tr for t, tr in baru.items())
    ):
        services.simpan_indikator(rpjmd=rpjmd, by=by, indikator=obj, target=baru, **nilai)
        _hitung(hasil, obj)


def sel_opsional(v: tuple[Any, ...], sel: Any, nama: str) -> Any:
    try:
        return sel(v, nama)
    except KeyError:
        return None


def _hitung(hasil: HasilImpor, lama: Any) -> None:
    if lama is None:
        hasil.dibuat += 1
    else:
        hasil.diubah += 1


def _cascade(rpjmd: Rpjmd, lembar: xlsx_baca.Lembar, by: Pengguna, hasil: HasilImpor) -> None:
    kepala = _header(lembar, KOLOM_CASCADE[0])
    if kepala is None:
        hasil.kesalahan.append(
            xlsx.Kesalahan(LEMBAR_CASCADE, None, "", f"Baris judul '{KOLOM_CASCADE[0]}' tidak ditemukan.")
        )
        return
    nomor_kepala, _ = kepala
    for nomor, v in lembar.baris:
        if nomor <= nomor_kepala or not any(_teks(x) for x in v):
            continue
        v = tuple(v) + ("",) * (5 - len(v))
        kode_rpjmd, kode_unit, mulai, kode_pd, kode_sasaran = (_teks(x) for x in v[:5])
        indikator_daerah = IndikatorDaerah.objects.filter(rpjmd=rpjmd, kode=kode_rpjmd).first()
        sasaran_daerah = (
            None if indikator_daerah else SasaranDaerah.objects.filter(rpjmd=rpjmd, kode=kode_rpjmd).first()
        )
        if indikator_daerah is None and sasaran_daerah is None:
            hasil.kesalahan.append(
                xlsx.Kesalahan(LEMBAR_CASCADE, nomor, KOLOM_CASCADE[0], f"'{kode_rpjmd}' tidak ada di RPJMD.")
            )
            continue
        try:
            tahun_mulai = int(float(mulai))
        except ValueError:
            hasil.kesalahan.append(
                xlsx.Kesalahan(LEMBAR_CASCADE, nomor, KOLOM_CASCADE[2], "Isikan tahun mulai Renstra.")
            )
            continue
        if bool(kode_pd) == bool(kode_sasaran):
            hasil.kesalahan.append(
                xlsx.Kesalahan(
                    LEMBAR_CASCADE,
                    nomor,
                    KOLOM_CASCADE[3],
                    "Isi tepat satu: Kode Indikator PD atau Kode Sasaran PD.",
                )
            )
            continue
        di_renstra = {
            "renstra__unit_kerja__pemda_id": rpjmd.pemda_id,
            "renstra__unit_kerja__kode": kode_unit,
            "renstra__tahun_mulai": tahun_mulai,
        }
        indikator = sasaran = None
        if kode_pd:
            indikator = Indikator.objects.filter(**di_renstra, kode=kode_pd).first()
            hilang = (KOLOM_CASCADE[3], f"Indikator '{kode_pd}'") if indikator is None else None
        else:
            sasaran = Sasaran.objects.filter(**di_renstra, kode=kode_sasaran).first()
            hilang = (KOLOM_CASCADE[4], f"Sasaran '{kode_sasaran}'") if sasaran is None else None
        if hilang is not None:
            hasil.kesalahan.append(
                xlsx.Kesalahan(
                    LEMBAR_CASCADE,
                    nomor,
                    hilang[0],
                    f"{hilang[1]} Renstra {kode_unit} {tahun_mulai} tidak ada.",
                )
            )
            continue
        if Dukungan.objects.filter(
            indikator=indikator,
            sasaran=sasaran,
            indikator_daerah=indikator_daerah,
            sasaran_daerah=sasaran_daerah,
        ).exists():
            continue
        try:
            services.tambah_dukungan(
                by=by,
                indikator=indikator,
                sasaran=sasaran,
                indikator_daerah=indikator_daerah,
                sasaran_daerah=sasaran_daerah,
            )
        except ValidationError as exc:
            hasil.kesalahan.append(xlsx.Kesalahan(LEMBAR_CASCADE, nomor, "", "; ".join(exc.messages)))
            continue
        hasil.dukungan += 1
