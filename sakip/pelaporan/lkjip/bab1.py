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
        jumlah_asn = profil_aturan.jumlahkan(asn, kolom[1:])
        t.tambah(
            ["Jumlah", *[angka.format_angka(jumlah_asn[k], 0) for k in kolom[1:]]],
            {"jabatan": "Jumlah", **jumlah_asn},
            "total",
        )
        sdm.blok.append(t)
        non_pns = data["pegawai_non_pns"]
        jumlah_non = profil_aturan.jumlahkan(non_pns, profil_aturan.KOLOM_NON_PNS)
        if non_pns:
            t = Tabel(
                "",
                "Pegawai Non PNS menurut Jabatan",
                ["No.", "Jabatan", "Jumlah Non PNS", "L", "P"],
                angka=[False, False, True, True, True],
                bobot=[6, 40, 14, 10, 10],
            )
            for n, baris in enumerate(non_pns, start=1):
                lk, pr = baris["laki_laki"], baris["perempuan"]
                t.tambah([f"{n}.", baris["jabatan"], *(angka.format_angka(v, 0) for v in (lk + pr, lk, pr))])
            lk, pr = jumlah_non["laki_laki"], jumlah_non["perempuan"]
            t.tambah(
                ["", "Jumlah Non PNS", *(angka.format_angka(v, 0) for v in (lk + pr, lk, pr))], None, "total"
            )
            sdm.blok.append(t)
        sdm.blok.append(Paragraf(kalimat_pegawai(unit.nama, jumlah_asn, jumlah_non)))
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


def _bilangan(n: int) -> str:
    return angka.format_angka(n, 0)


def kalimat_pegawai(unit: str, asn: dict[str, int], non_pns: dict[str, int]) -> str:
    """The staff paragraph under Tabel 1.1, from the tables' totals: everyone, ASN and non-PNS, men and women."""
    pns, p3k = asn.get("pns", 0), asn.get("p3k", 0)
    non = non_pns.get("laki_laki", 0) + non_pns.get("perempuan", 0)
    laki = asn.get("laki_laki", 0) + non_pns.get("laki_laki", 0)
    perempuan = asn.get("perempuan", 0) + non_pns.get("perempuan", 0)
    rincian = f"{_bilangan(pns + p3k)} ASN ({_bilangan(pns)} PNS dan {_bilangan(p3k)} P3K)"
    if non:
        rincian += f" dan {_bilangan(non)} pegawai Non PNS"
    return (
        f"Berdasarkan data di atas, jumlah pegawai {unit} secara keseluruhan sebanyak "
        f"{_bilangan(pns + p3k + non)} orang, terdiri atas {rincian}; {_bilangan(laki)} orang laki-laki dan "
        f"{_bilangan(perempuan)} orang perempuan."
    )


def _label_kolom(kode: str) -> str:
    return str(profil_aturan.LABEL.get(kode) or kode.replace("_", " ").upper())
