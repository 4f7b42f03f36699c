"""BAB I PENDAHULUAN: background, tasks and functions, organisation, staff, strategic issues, facilities."""

from __future__ import annotations

from decimal import Decimal

from sakip.anggaran import tabel as anggaran_tabel
from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.lkjip.bantu import Penomoran
from sakip.pelaporan.lkjip.model import Bab, Bagian, Gambar, Paragraf, Tabel
from sakip.profil import aturan as profil_aturan
from sakip.profil import bagan, grafik
from sakip.profil import data as profil_data
from sakip.profil.models import ProfilOrganisasi

# --- BAB I ----------------------------------------------------------------------------------------------------------


def bab_1(unit: UnitKerja, tahun: int, nomor: Penomoran) -> Bab:
    bab = Bab("I", "PENDAHULUAN")
    profil = ProfilOrganisasi.objects.filter(unit_kerja=unit, tahun=tahun).first()
    if profil is None:
        bab.pengantar.append(
            Paragraf(f"Profil organisasi {unit.nama} Tahun {tahun} belum diisi pada modul Profil Organisasi.")
        )
        return bab
    data = profil_data.dari_profil(profil)
    u = data["uraian"]
    latar = Bagian("A. Latar Belakang dan Dasar Hukum")
    if u["dasar_pembentukan"]:
        latar.blok.append(Paragraf(u["dasar_pembentukan"]))
    latar.blok += [Paragraf(teks, "daftar") for teks in data["landasan_hukum"]]
    bab.bagian.append(latar)

    tugas = Bagian("B. Tugas dan Fungsi")
    if u["tugas"]:
        tugas.blok.append(Paragraf(u["tugas"]))
    tugas.blok += [Paragraf(teks, "daftar") for teks in data["fungsi"]]
    bab.bagian.append(tugas)

    struktur = Bagian("C. Struktur Organisasi")
    if u["uraian_struktur"]:
        struktur.blok.append(Paragraf(u["uraian_struktur"]))
    units = UnitKerja.objects.filter(jalur__startswith=unit.jalur).only(
        "id", "induk_id", "nama", "urutan", "eselon", "jenis"
    )
    simpul = bagan.simpul_dari_unit(units)
    if len(simpul) > 1:
        struktur.blok.append(Gambar("1.1", f"Struktur Organisasi {unit.nama}", bagan.gambar(simpul)))
    bab.bagian.append(struktur)

    sdm = Bagian("D. Sumber Daya Aparatur")
    if u["uraian_sdm"]:
        sdm.blok.append(Paragraf(u["uraian_sdm"]))
    asn = data["pegawai_asn"]
    if asn:
        kolom = list(profil_data.KOLOM_ASN)
        t = Tabel(
            nomor(1),
            "Jumlah Pegawai ASN menurut Jabatan",
            ["Jabatan" if k == "jabatan" else _label_kolom(k) for k in kolom],
            angka=[k != "jabatan" for k in kolom],
            lebar=len(kolom) > 8,
            bobot=[30 if k == "jabatan" else 6 for k in kolom],
        )
        for baris in asn:
            t.tambah([baris[k] if k == "jabatan" else angka.format_angka(baris[k], 0) for k in kolom], baris)
        sdm.blok.append(t)
        ringkasan = profil.ringkasan_pegawai()
        n = 2
        for jenis, judul in (
            ("jenis-kelamin", "Jenis Kelamin"),
            ("golongan", "Golongan"),
            ("pendidikan", "Pendidikan"),
        ):
            try:
                png = grafik.buat(jenis, ringkasan)
            except (KeyError, ValueError, ZeroDivisionError):
                continue
            sdm.blok.append(Gambar(f"1.{n}", f"Pegawai ASN menurut {judul}", png))
            n += 1
    if u["sumber_data_pegawai"]:
        sdm.blok.append(Paragraf(f"Sumber: {u['sumber_data_pegawai']}", "catatan"))
    bab.bagian.append(sdm)

    strategis = Bagian("E. Aspek Strategis dan Isu Strategis")
    if u["aspek_strategis"]:
        strategis.blok.append(Paragraf(u["aspek_strategis"]))
    strategis.blok += [Paragraf(teks, "daftar") for teks in data["isu_strategis"]]
    bab.bagian.append(strategis)

    if data["sarana"]:
        sarana = Bagian("F. Sarana dan Prasarana")
        t = Tabel(
            nomor(1),
            "Sarana dan Prasarana",
            ["No.", "Uraian", "Banyaknya", "Satuan", "Keterangan"],
            angka=[False, False, True, False, False],
            bobot=[6, 40, 12, 12, 30],
        )
        for n, baris in enumerate(data["sarana"], start=1):
            banyak = Decimal(baris["banyaknya"])
            t.tambah(
                [
                    f"{n}.",
                    baris["uraian"],
                    anggaran_tabel.format_bilangan(banyak),
                    baris["satuan"],
                    baris["keterangan"],
                ],
                [n, baris["uraian"], banyak, baris["satuan"], baris["keterangan"]],
            )
        sarana.blok.append(t)
        if u["sumber_data_sarana"]:
            sarana.blok.append(Paragraf(f"Sumber: {u['sumber_data_sarana']}", "catatan"))
        bab.bagian.append(sarana)
    return bab


def _label_kolom(kode: str) -> str:
    return str(profil_aturan.LABEL.get(kode) or kode.replace("_", " ").upper())
