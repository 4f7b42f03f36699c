"""Issue #20 item 4: "mendukung" links travel through Excel with a Renstra-qualified key and never land on an
indicator of another Renstra of the same unit."""

import io

import openpyxl

from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan import excel, paket
from sakip.perencanaan.models import Indikator, RencanaStrategis


def _renstra_biro_yang_mendukung(pemda: Pemda) -> RencanaStrategis:
    """A Renstra of Biro Adpim whose indicators support IKU10 and IKU01 of Setda Kaltim's 2024 Renstra; the demo's
    2013–2018 Renstra of Setda holds the same codes, which is what the old unqualified key confused."""
    data = paket.RenstraData(
        unit="SETDA.ADPIM",
        nama="Renstra Biro Adpim 2024–2026",
        tahun_mulai=2024,
        tahun_selesai=2026,
        sasaran_tanpa_tujuan=[
            paket.SasaranData(
                kode="S1",
                uraian="Meningkatnya kualitas layanan pimpinan",
                indikator=[
                    paket.IndikatorData(
                        kode=kode,
                        nama=f"Indikator pendukung {induk}",
                        satuan="Persen",
                        mendukung=f"SETDA/2024/{induk}",
                        target={2024: "90", 2025: "92", 2026: "95"},
                    )
                    for kode, induk in (("IKU01", "IKU10"), ("IKU02", "IKU01"))
                ],
            )
        ],
    )
    return paket.apply_renstra(pemda=pemda, data=data)


def _tautan(renstra: RencanaStrategis) -> dict[str, int | None]:
    return dict(Indikator.objects.filter(renstra=renstra).values_list("kode", "mendukung_id"))


def test_export_and_unchanged_reimport_of_setda_kaltim_keep_every_mendukung_link_on_the_same_indicator(demo):
    pemda = Pemda.objects.get(kode="64")
    setda = UnitKerja.objects.get(pemda=pemda, kode="SETDA")
    renstra_setda = RencanaStrategis.objects.get(unit_kerja=setda, tahun_mulai=2024)
    lama = RencanaStrategis.objects.get(unit_kerja=setda, tahun_mulai=2013)
    assert Indikator.objects.filter(renstra=lama, kode="IKU10").exists()  # the trap is really there
    biro = _renstra_biro_yang_mendukung(pemda)
    sebelum_setda = dict(Indikator.objects.filter(renstra=renstra_setda).values_list("kode", "pk"))
    sebelum = _tautan(biro)
    assert sebelum["IKU01"] == sebelum_setda["IKU10"]
    assert sebelum["IKU02"] == sebelum_setda["IKU01"]

    # Setda's own Renstra: re-imported unchanged, its indicators (which the Biro supports) stay the same rows.
    hasil = excel.baca_renstra(excel.ekspor_renstra(renstra_setda), pemda=pemda)
    assert hasil.kesalahan == []
    _, kesalahan = excel.terapkan_renstra(hasil.data, pemda=pemda)
    assert kesalahan == []
    assert dict(Indikator.objects.filter(renstra=renstra_setda).values_list("kode", "pk")) == sebelum_setda

    # The Biro's Renstra: the export names the Renstra; the re-import links the same indicators as before.
    ekspor = excel.ekspor_renstra(biro)
    ws = openpyxl.load_workbook(io.BytesIO(ekspor))["Indikator"]
    kolom = [c.value for c in ws[1]].index("Mendukung")
    assert sorted(r[kolom] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]) == [
        "SETDA/2024/IKU01",
        "SETDA/2024/IKU10",
    ]
    hasil = excel.baca_renstra(ekspor, pemda=pemda)
    assert hasil.kesalahan == []
    _, kesalahan = excel.terapkan_renstra(hasil.data, pemda=pemda)
    assert kesalahan == []
    assert _tautan(biro) == sebelum


def test_an_unqualified_key_held_by_two_renstra_of_the_unit_is_refused_at_its_row(demo):
    pemda = Pemda.objects.get(kode="64")
    biro = _renstra_biro_yang_mendukung(pemda)
    sebelum = _tautan(biro)
    wb = openpyxl.load_workbook(io.BytesIO(excel.ekspor_renstra(biro)))
    ws = wb["Indikator"]
    kolom = [c.value for c in ws[1]].index("Mendukung") + 1
    baris = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "IKU01")
    ws.cell(baris, kolom).value = "SETDA/IKU10"  # the old form: 2013 and 2024 both hold IKU10
    keluar = io.BytesIO()
    wb.save(keluar)

    hasil = excel.baca_renstra(keluar.getvalue(), pemda=pemda)
    assert hasil.data is None
    [salah] = hasil.kesalahan
    assert (salah.sheet, salah.baris, salah.kolom) == ("Indikator", baris, "Mendukung")
    assert "ambigu" in salah.pesan
    assert "SETDA/2013/IKU10" in salah.pesan
    assert "SETDA/2024/IKU10" in salah.pesan
    assert _tautan(biro) == sebelum


def test_an_unqualified_key_that_only_one_renstra_holds_is_still_accepted_and_stored_qualified(demo):
    pemda = Pemda.objects.get(kode="64")
    biro = _renstra_biro_yang_mendukung(pemda)
    data = excel.baca_renstra(excel.ekspor_renstra(biro), pemda=pemda).data
    ind = data.semua_indikator()[0]
    Indikator.objects.filter(
        renstra__unit_kerja__kode="SETDA", renstra__tahun_mulai=2013, kode="IKU10"
    ).update(kode="IKU10-LAMA")
    ind.mendukung = "SETDA/IKU10"
    _, kesalahan = excel.terapkan_renstra(data, pemda=pemda)
    assert kesalahan == []
    assert Indikator.objects.get(renstra=biro, kode=ind.kode).mendukung.renstra.tahun_mulai == 2024
