"""The integrity rule at service level (small fixtures): what the one guard refuses, what it lets through, and that
it fails closed. The attacks of issue 19 on the demo data are in sakip/api/tests/test_integritas.py."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from sakip.conftest import bersamaan
from sakip.pengukuran import services
from sakip.pengukuran.models import Narasi, Realisasi
from sakip.perencanaan import integritas, paket
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import RencanaAksi, Target
from sakip.perencanaan.tests.factories import renstra_dengan_iku

D = Decimal


def _verified(iku, operator_a, pimpinan_a, tahun=2024, periode="TAHUN"):
    r = services.save_realisasi(
        indikator=iku,
        tahun=tahun,
        periode=periode,
        by=operator_a,
        masukan={"selesai": D(3), "usulan": D(4)},
        versi=0,
    )
    r = services.submit_realisasi(r, by=operator_a)
    return services.verify_realisasi(r, by=pimpinan_a)


def test_a_definition_change_passes_while_no_figure_is_verified_or_locked(iku, operator_a):
    services.save_realisasi(
        indikator=iku, tahun=2024, periode="TAHUN", by=operator_a, masukan={"selesai": D(3), "usulan": D(4)}
    )
    iku.polaritas = "negatif"
    perencanaan.save_indikator(indikator=iku, by=operator_a)
    assert iku.history.first().polaritas == "negatif"


def test_a_verified_figure_blocks_its_definition_and_its_years_target_but_not_other_years(
    iku, operator_a, pimpinan_a
):
    _verified(iku, operator_a, pimpinan_a)
    riwayat = iku.history.count()
    iku.formulasi = "selesai / usulan * 50"
    with pytest.raises(
        integritas.DataTerkunci, match=r"Definisi indikator IKU01 \(rumus\).*2024 TAHUN sudah diverifikasi"
    ):
        perencanaan.save_indikator(indikator=iku, by=operator_a)
    iku.refresh_from_db()
    with pytest.raises(integritas.DataTerkunci, match="variabel rumus"):
        perencanaan.save_indikator(
            indikator=iku,
            variabel=[
                perencanaan.VariabelBaru("selesai", "Selesai"),
                perencanaan.VariabelBaru("usulan", "Usulan"),
                perencanaan.VariabelBaru("cadangan", "Cadangan"),
            ],
        )
    with pytest.raises(integritas.DataTerkunci, match="Target 2024 indikator IKU01"):
        perencanaan.set_target(indikator=iku, tahun=2024, nilai=perencanaan.NilaiTarget(nilai=D(50)))
    assert (iku.history.count(), Target.objects.get(indikator=iku, tahun=2024).nilai) == (riwayat, D(91))
    perencanaan.set_target(indikator=iku, tahun=2025, nilai=perencanaan.NilaiTarget(nilai=D(50)))
    # The same value again, and a new label on the same figure, are not changes of a figure.
    perencanaan.set_target(indikator=iku, tahun=2024, nilai=perencanaan.NilaiTarget(nilai=D(91)))
    perencanaan.set_target(
        indikator=iku, tahun=2024, nilai=perencanaan.NilaiTarget(nilai=D(91), keterangan="Sangat Baik")
    )


def test_reopening_needs_a_verifier_and_a_reason_and_then_the_definition_may_change(
    iku, operator_a, pimpinan_a
):
    r = _verified(iku, operator_a, pimpinan_a)
    with pytest.raises(PermissionDenied):
        services.reopen_realisasi(r, alasan="Salah ketik", by=operator_a)
    with pytest.raises(ValidationError, match="Alasan membuka verifikasi wajib diisi"):
        services.reopen_realisasi(r, alasan=" ", by=pimpinan_a)
    r = services.reopen_realisasi(r, alasan="Salah ketik rumus", by=pimpinan_a)
    assert (r.status, r.catatan_verifikasi) == ("dikembalikan", "Verifikasi dibuka: Salah ketik rumus")
    iku.formulasi = "selesai / usulan * 50"
    perencanaan.save_indikator(indikator=iku, by=operator_a)


def test_a_locked_year_freezes_targets_pk_rencana_aksi_and_the_import_deleting_a_target(
    renstra, iku, org, operator_a, admin_pemda
):
    perjanjian = perencanaan.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2025, by=operator_a)
    line = perjanjian.indikator.get(indikator=iku)
    perencanaan.set_rencana_aksi(line=line, target_tw={1: D(10)}, by=operator_a)
    services.lock_year(pemda=org.pemda, tahun=2025, by=admin_pemda)
    with pytest.raises(integritas.DataTerkunci, match="data tahun 2025 sudah dikunci"):
        perencanaan.set_pk_target(line=line, target=D(1), by=operator_a)
    with pytest.raises(integritas.DataTerkunci, match="Perjanjian Kinerja 2025"):
        perencanaan.set_rencana_aksi(line=line, target_tw={1: D(11)}, by=operator_a)
    with pytest.raises(integritas.DataTerkunci):
        perencanaan.create_pk(unit_kerja=org.biro_b, renstra=renstra, tahun=2025)
    # A Renstra workbook that no longer lists 2025 would delete that year's target: refused the same way.
    data = paket.IndikatorData(
        kode="IKU01",
        nama=iku.nama,
        satuan=iku.satuan,
        jenis=iku.jenis,
        formulasi=iku.formulasi,
        variabel=[paket.VariabelData("selesai", "Hal selesai"), paket.VariabelData("usulan", "Usulan")],
        target={2024: "91", 2026: "91"},
    )
    with pytest.raises(ValidationError, match="Target 2025 indikator IKU01 tidak dapat diubah"):
        paket._apply_indikator(org.pemda, renstra, data, 1, tujuan=None, sasaran=iku.sasaran, by=operator_a)
    assert Target.objects.filter(indikator=iku, tahun=2025).exists()
    assert RencanaAksi.objects.get(pk_indikator=line, triwulan=1).target == D(10)


def test_evidence_links_and_narratives_follow_the_rule(iku, operator_a, pimpinan_a, org, admin_pemda):
    r = _verified(iku, operator_a, pimpinan_a)
    dokumen = services.upload_data_dukung(
        unit=r.unit_kerja, nama="a.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=operator_a
    )
    with pytest.raises(integritas.DataTerkunci, match="sudah diverifikasi"):
        services.link_data_dukung(realisasi=r, dokumen=dokumen, by=operator_a)
    assert not r.data_dukung.exists()
    terbuka = services.save_realisasi(
        indikator=iku,
        tahun=2025,
        periode="TW1",
        by=operator_a,
        nilai=None,
        masukan={"selesai": D(1), "usulan": D(2)},
        versi=0,
    )
    riwayat = terbuka.history.count()
    services.link_data_dukung(realisasi=terbuka, dokumen=dokumen, by=operator_a)
    assert terbuka.history.count() == riwayat + 1  # who linked which file is in the audit trail
    assert terbuka.history.first().history_change_reason == "Data dukung ditautkan: a.pdf"
    services.lock_year(pemda=org.pemda, tahun=2025, by=admin_pemda)
    with pytest.raises(integritas.DataTerkunci):
        services.save_narasi(indikator=iku, tahun=2025, by=operator_a, versi=0, analisis="x")
    assert not Narasi.objects.exists()


def test_the_rule_fails_closed_without_its_provider(iku, operator_a, monkeypatch):
    monkeypatch.setattr(integritas, "_penyedia", [])
    with pytest.raises(integritas.DataTerkunci, match="Pemeriksaan kunci data tidak tersedia"):
        services.save_realisasi(indikator=iku, tahun=2025, periode="TW1", by=operator_a, nilai=D(1))
    assert not Realisasi.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: SQLite serialises whole transactions"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_saves_of_a_narrative_keep_the_first_and_tell_the_second(
    org, operator_a, admin_pemda
):
    """Both editors saw no narrative (version 0) and save at the same moment: the second waits on the unique
    constraint, then is refused as stale instead of overwriting or failing with a server error."""
    iku = renstra_dengan_iku(org.biro_a, by=operator_a).indikator.get(kode="IKU01")

    def simpan(teks, by):
        return lambda: services.save_narasi(indikator=iku, tahun=2025, by=by, versi=0, analisis=teks)

    galat = bersamaan(simpan("Pertama", operator_a), simpan("Kedua", admin_pemda))
    assert [type(g) for g in galat] == [services.KonflikError]
    assert "baru saja disimpan pengguna lain" in " ".join(galat[0].messages)
    narasi = Narasi.objects.get(indikator=iku, tahun=2025)
    assert (narasi.analisis, narasi.versi, narasi.history.count()) == ("Pertama", 1, 1)
