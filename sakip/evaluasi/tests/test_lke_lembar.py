"""Rounds, worksheets, evidence and tiered review of the LKE (issue #22 steps 2-4), on the shared personas."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.evaluasi import muat_lke, services
from sakip.evaluasi.models import (
    BuktiLembar,
    Jawaban,
    KriteriaSkema,
    LembarKerja,
    NilaiKomponen,
    SkemaEvaluasi,
)
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def skema(db):
    return SkemaEvaluasi.objects.get(pemda__isnull=True, kode=muat_lke.KODE)


@pytest.fixture
def dunia(org, admin_pemda, settings, tmp_path):
    """Biro A: a Renstra 2024-2026 (two formula IKU without a data source), a final PK 2025 whose first indicator
    has TW I-IV targets and whose second has only TW I-III."""
    settings.MEDIA_ROOT = tmp_path
    renstra = renstra_dengan_iku(org.biro_a, by=admin_pemda)
    pk = perencanaan_services.create_pk(
        unit_kerja=org.biro_a,
        renstra=renstra,
        tahun=2025,
        pihak_pertama_nama="Kepala Biro A",
        pihak_kedua_nama="Sekda",
        by=admin_pemda,
    )
    satu, dua = list(pk.indikator.order_by("urutan"))
    perencanaan_services.set_rencana_aksi(
        line=satu, target_tw={1: D(91), 2: D(91), 3: D(91), 4: D(91)}, by=admin_pemda
    )
    perencanaan_services.set_rencana_aksi(line=dua, target_tw={1: D(92), 2: D(92), 3: D(92)}, by=admin_pemda)
    perencanaan_services.finalize_pk(perjanjian=pk, by=admin_pemda)
    return {"renstra": renstra, "pk": pk}


@pytest.fixture
def putaran(org, dunia, evaluator, skema):
    return services.buka_putaran(
        pemda=org.pemda, tahun=2025, skema=skema, unit_kerja=[org.biro_a, org.biro_b], by=evaluator
    )


def _lembar(putaran, unit):
    return LembarKerja.objects.get(putaran=putaran, unit_kerja=unit)


def _kriteria(skema, kode):
    return KriteriaSkema.objects.get(komponen__skema=skema, kode=kode)


def _jawaban_mandiri(lembar, kriteria, bukti_nama=None):
    bukti = kriteria.bukti.get(nama=bukti_nama) if bukti_nama else None
    return Jawaban.objects.filter(lembar=lembar, kriteria=kriteria, bukti=bukti, tingkat=0).first()


def test_the_evaluator_opens_a_round_with_one_worksheet_per_unit(putaran, org, evaluator):
    assert putaran.lembar.count() == 2
    assert putaran.tingkat_reviu == ["Verifikator", "Penjamin Kualitas", "Penilai"]
    assert putaran.history.first().history_user == evaluator
    assert {lk.status for lk in putaran.lembar.all()} == {LembarKerja.Status.MANDIRI}


def test_an_operator_cannot_open_a_round(client, org, skema, operator_a):
    with pytest.raises(PermissionDenied):
        services.buka_putaran(
            pemda=org.pemda, tahun=2025, skema=skema, unit_kerja=[org.biro_a], by=operator_a
        )
    client.force_login(operator_a)
    assert client.get(reverse("evaluasi:putaran_baru")).status_code == 403


def test_a_round_needs_a_scheme_with_criteria(org, evaluator):
    komponen_saja = SkemaEvaluasi.objects.get(pemda__isnull=True, kode="PERMENPANRB-88-2021")
    with pytest.raises(ValidationError) as exc:
        services.buka_putaran(
            pemda=org.pemda, tahun=2025, skema=komponen_saja, unit_kerja=[org.biro_a], by=evaluator
        )
    assert "kriteria" in " ".join(exc.value.messages)


def test_the_admin_pemda_opens_a_round_through_the_page_with_the_scheme_chosen_for_the_year(
    client, org, admin_pemda, skema
):
    services.pilih_skema_tahun(pemda=org.pemda, tahun=2026, skema=skema, by=admin_pemda)
    client.force_login(admin_pemda)
    r = client.post(
        reverse("evaluasi:putaran_baru"),
        {
            "pemda": org.pemda.pk,
            "tahun": 2026,
            "unit_kerja": [org.biro_b.pk],
            "tingkat_reviu": "Verifikator\nPenilai",
            "mandiri_mulai": "2026-01-05",
            "mandiri_selesai": "2026-01-31",
            "reviu_selesai": "2026-02-15",
            "penilaian_selesai": "2026-03-01",
            "publikasi": "2026-03-10",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    lembar = LembarKerja.objects.get(unit_kerja=org.biro_b, putaran__tahun=2026)
    assert lembar.putaran.skema == skema
    assert lembar.putaran.tingkat_reviu == ["Verifikator", "Penilai"]


def test_a_schedule_out_of_order_is_refused(org, evaluator, skema):
    import datetime as dt

    with pytest.raises(ValidationError):
        services.buka_putaran(
            pemda=org.pemda,
            tahun=2025,
            skema=skema,
            unit_kerja=[org.biro_a],
            mandiri_mulai=dt.date(2026, 2, 1),
            mandiri_selesai=dt.date(2026, 1, 1),
            by=evaluator,
        )
    assert not LembarKerja.objects.exists()


def test_prefilled_answers_are_each_backed_by_the_record_that_proves_them(
    client, putaran, skema, dunia, org, operator_a
):
    lembar = _lembar(putaran, org.biro_a)
    renstra = _jawaban_mandiri(lembar, _kriteria(skema, "1.a.1"), "Renstra PD")
    assert (renstra.jawaban, renstra.otomatis) == ("Y", True)
    assert renstra.sumber_url == reverse("perencanaan:renstra_detail", args=[dunia["renstra"].pk])
    pk = _jawaban_mandiri(
        lembar, _kriteria(skema, "1.a.2"), "PK seluruh pegawai tahun n (termasuk PK Perubahan terakhir)"
    )
    assert pk.jawaban == "Y"
    assert pk.sumber_url == reverse("perencanaan:pk_detail", args=[dunia["pk"].pk])
    # Not proven: the second PK indicator lacks TW IV; the IKU have no data source; no numbered IKU decree.
    assert _jawaban_mandiri(lembar, _kriteria(skema, "1.a.3"), "Rencana Aksi tahun n") is None
    assert _jawaban_mandiri(lembar, _kriteria(skema, "2.a.2"), "IKU") is None
    assert _jawaban_mandiri(lembar, _kriteria(skema, "1.a.2"), "IKU") is None
    # Biro B holds nothing: nothing is pre-filled.
    assert not Jawaban.objects.filter(lembar=_lembar(putaran, org.biro_b)).exists()
    client.force_login(operator_a)
    body = client.get(reverse("evaluasi:lembar", args=[lembar.pk])).content.decode()
    assert f'href="{renstra.sumber_url}"' in body
    assert f'href="{pk.sumber_url}"' in body


def test_once_every_iku_has_a_data_source_the_refill_proves_it(putaran, skema, dunia, org, operator_a):
    lembar = _lembar(putaran, org.biro_a)
    assert services.isi_otomatis(lembar=lembar, by=operator_a) == 0  # nothing new: nothing rewritten
    renstra = dunia["renstra"]
    for ind in renstra.indikator.all():
        ind.sumber_data = "Laporan Biro A"
        ind.save()
    assert services.isi_otomatis(lembar=lembar, by=operator_a) == 1
    iku = _jawaban_mandiri(lembar, _kriteria(skema, "2.a.2"), "IKU")
    assert iku.jawaban == "Y"
    assert "formula dan sumber data" in iku.sumber_label


def test_prefill_never_overwrites_the_units_own_answer(putaran, skema, org, operator_a):
    lembar = _lembar(putaran, org.biro_a)
    kriteria = _kriteria(skema, "1.a.1")
    bukti = kriteria.bukti.get(nama="Renstra PD")
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=0,
        jawaban=[services.JawabanBaru(kriteria.pk, bukti.pk, "T", "Belum disahkan")],
        by=operator_a,
    )
    services.isi_otomatis(lembar=lembar, by=operator_a)
    a = _jawaban_mandiri(lembar, kriteria, "Renstra PD")
    assert (a.jawaban, a.otomatis, a.catatan) == ("T", False, "Belum disahkan")


def test_an_answer_off_the_scale_is_refused_and_nothing_is_saved(putaran, skema, org, operator_b):
    lembar = _lembar(putaran, org.biro_b)
    yt = _kriteria(skema, "1.b.3")
    ae = _kriteria(skema, "1.b.5")
    with pytest.raises(ValidationError) as exc:
        services.simpan_jawaban(
            lembar=lembar,
            tingkat=0,
            jawaban=[services.JawabanBaru(yt.pk, None, "Y"), services.JawabanBaru(ae.pk, None, "Y")],
            by=operator_b,
        )
    assert "tidak ada pada skala AE" in " ".join(exc.value.messages)
    assert not Jawaban.objects.filter(lembar=lembar).exists()


def test_an_operator_never_sees_another_units_worksheet(client, putaran, org, operator_b, skema):
    lembar = _lembar(putaran, org.biro_a)
    kriteria = _kriteria(skema, "1.b.3")
    client.force_login(operator_b)
    for url, method in [
        (reverse("evaluasi:lembar", args=[lembar.pk]), "get"),
        (reverse("evaluasi:lembar_riwayat", args=[lembar.pk]), "get"),
        (reverse("evaluasi:lembar_bukti", args=[lembar.pk, kriteria.pk]), "get"),
        (reverse("evaluasi:lembar_ajukan", args=[lembar.pk]), "post"),
        (reverse("evaluasi:lembar_kembalikan", args=[lembar.pk]), "post"),
        (reverse("evaluasi:lembar_teruskan", args=[lembar.pk]), "post"),
        (reverse("evaluasi:lembar_isi_otomatis", args=[lembar.pk]), "post"),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    body = client.get(reverse("evaluasi:putaran_detail", args=[putaran.pk])).content.decode()
    assert "Biro A" not in body
    assert "Biro B" in body


def test_the_pimpinan_reads_the_worksheet_but_cannot_answer(client, putaran, org, pimpinan_a, skema):
    lembar = _lembar(putaran, org.biro_a)
    client.force_login(pimpinan_a)
    assert client.get(reverse("evaluasi:lembar", args=[lembar.pk])).status_code == 200
    kriteria = _kriteria(skema, "1.b.3")
    r = client.post(reverse("evaluasi:lembar", args=[lembar.pk]), {f"j-{kriteria.pk}": "Y"})
    assert r.status_code == 403
    assert client.post(reverse("evaluasi:lembar_ajukan", args=[lembar.pk])).status_code == 403


def test_evidence_is_picked_from_the_units_own_records_and_an_uploaded_file_is_stored_once(
    putaran, skema, dunia, org, operator_a, operator_b
):
    lembar = _lembar(putaran, org.biro_a)
    k1, k2 = _kriteria(skema, "1.b.1"), _kriteria(skema, "3.b.1")
    dipilih = services.pilih_bukti(
        lembar=lembar, kriteria=k1, kunci=[f"renstra:{dunia['renstra'].pk}"], by=operator_a
    )
    assert dipilih[0].url == reverse("perencanaan:renstra_detail", args=[dunia["renstra"].pk])
    satu = services.unggah_bukti(lembar=lembar, kriteria=k1, nama="sk-iku.pdf", isi=PDF, by=operator_a)
    dua = services.unggah_bukti(lembar=lembar, kriteria=k2, nama="sk-iku-lagi.pdf", isi=PDF, by=operator_a)
    assert satu.dokumen_id == dua.dokumen_id  # one file, reused across criteria
    # Biro B's worksheet cannot pick Biro A's Renstra, and Biro A's operator cannot attach to Biro B's worksheet.
    with pytest.raises(ValidationError):
        services.pilih_bukti(
            lembar=_lembar(putaran, org.biro_b),
            kriteria=k1,
            kunci=[f"renstra:{dunia['renstra'].pk}"],
            by=operator_b,
        )
    with pytest.raises(PermissionDenied):
        services.unggah_bukti(
            lembar=_lembar(putaran, org.biro_b), kriteria=k1, nama="x.pdf", isi=PDF, by=operator_a
        )
    assert BuktiLembar.objects.filter(lembar=lembar).count() == 3


def test_a_disguised_executable_is_refused_as_evidence(putaran, skema, org, operator_a):
    lembar = _lembar(putaran, org.biro_a)
    with pytest.raises(ValidationError):
        services.unggah_bukti(
            lembar=lembar,
            kriteria=_kriteria(skema, "1.b.1"),
            nama="bukti.pdf",
            isi=b"MZ\x90\x00" + b"\x00" * 64,
            by=operator_a,
        )
    assert not BuktiLembar.objects.exists()


def test_the_unit_sees_return_notes_but_never_the_reviewers_draft_answers(
    client, putaran, skema, org, operator_b, evaluator
):
    lembar = _lembar(putaran, org.biro_b)
    k = _kriteria(skema, "1.b.3")
    services.simpan_jawaban(
        lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k.pk, None, "Y")], by=operator_b
    )
    services.ajukan_lembar(lembar=lembar, by=operator_b)
    lembar.refresh_from_db()
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=1,
        jawaban=[services.JawabanBaru(k.pk, None, "T", "Draf verifikator: dokumen tidak sah")],
        by=evaluator,
    )
    client.force_login(operator_b)
    body = client.get(reverse("evaluasi:lembar", args=[lembar.pk])).content.decode()
    assert "Draf verifikator" not in body
    riwayat = client.get(reverse("evaluasi:lembar_riwayat", args=[lembar.pk])).content.decode()
    assert "Draf verifikator" not in riwayat
    services.kembalikan_lembar(
        lembar=lembar, kriteria=k, catatan="Lampirkan Renja yang ditandatangani.", by=evaluator
    )
    body = client.get(reverse("evaluasi:lembar", args=[lembar.pk])).content.decode()
    assert "Lampirkan Renja yang ditandatangani." in body
    assert "Draf verifikator" not in body
    client.force_login(evaluator)
    assert "Draf verifikator" in client.get(reverse("evaluasi:lembar", args=[lembar.pk])).content.decode()


def test_the_review_tiers_return_fix_and_score_into_the_units_lhe(putaran, skema, org, operator_b, evaluator):
    lembar = _lembar(putaran, org.biro_b)
    k1, k2 = _kriteria(skema, "1.b.3"), _kriteria(skema, "1.b.5")
    with pytest.raises(ValidationError):
        services.ajukan_lembar(lembar=lembar, by=operator_b)  # nothing answered yet
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=0,
        jawaban=[services.JawabanBaru(k1.pk, None, "Y"), services.JawabanBaru(k2.pk, None, "B")],
        by=operator_b,
    )
    services.ajukan_lembar(lembar=lembar, by=operator_b)
    lembar.refresh_from_db()
    assert (lembar.status, lembar.tahap) == (LembarKerja.Status.REVIU, 1)
    with pytest.raises(ValidationError):  # the unit's answers are frozen during review
        services.simpan_jawaban(
            lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k1.pk, None, "T")], by=operator_b
        )
    services.kembalikan_lembar(
        lembar=lembar, kriteria=k2, catatan="B belum didukung bukti SMART.", by=evaluator
    )
    lembar.refresh_from_db()
    services.simpan_jawaban(
        lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k2.pk, None, "C")], by=operator_b
    )
    services.ajukan_lembar(lembar=lembar, by=operator_b)
    lembar.refresh_from_db()
    assert (lembar.status, lembar.tahap) == (LembarKerja.Status.REVIU, 1)
    assert (
        Jawaban.objects.get(lembar=lembar, kriteria=k2, tingkat=1).jawaban == "C"
    )  # the fix reached the tier
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    lembar.refresh_from_db()
    assert lembar.nama_tahap == "Penilai"
    services.simpan_jawaban(
        lembar=lembar, tingkat=3, jawaban=[services.JawabanBaru(k2.pk, None, "A")], by=evaluator
    )
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    lembar.refresh_from_db()
    assert lembar.status == LembarKerja.Status.DINILAI
    # 1.b (9 points, 10 criteria): (1 + 1) / 10 × 9 = 1,8; every other sub-component 0.
    nilai = {n.komponen.kode: n.nilai for n in NilaiKomponen.objects.filter(evaluasi=lembar.evaluasi)}
    assert nilai["1.b"] == D("1.8")
    assert sum(nilai.values()) == D("1.8")
    assert lembar.evaluasi.hasil().total == D("1.8")
    assert lembar.evaluasi.hasil().predikat.kode == "D"
    # Self-assessment: (1 + 0,5) / 10 × 9 = 1,35 — kept beside the final score.
    assert services.hasil_lembar(lembar, 0).total == D("1.35")
    with pytest.raises(ValidationError):
        services.simpan_jawaban(
            lembar=lembar, tingkat=3, jawaban=[services.JawabanBaru(k2.pk, None, "B")], by=evaluator
        )


def test_a_reviewer_cannot_answer_another_tier_than_the_current_one(
    putaran, skema, org, operator_b, evaluator
):
    lembar = _lembar(putaran, org.biro_b)
    k = _kriteria(skema, "1.b.3")
    services.simpan_jawaban(
        lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k.pk, None, "Y")], by=operator_b
    )
    services.ajukan_lembar(lembar=lembar, by=operator_b)
    lembar.refresh_from_db()
    with pytest.raises(ValidationError):
        services.simpan_jawaban(
            lembar=lembar, tingkat=2, jawaban=[services.JawabanBaru(k.pk, None, "T")], by=evaluator
        )
    with pytest.raises(PermissionDenied):
        services.simpan_jawaban(
            lembar=lembar, tingkat=1, jawaban=[services.JawabanBaru(k.pk, None, "T")], by=operator_b
        )


# --- outputs ---------------------------------------------------------------------------------------------------------


def _nilai_penuh(lembar, skema, operator, evaluator, *, jawaban_akhir):
    """Self-assess (1.b.3 Y), submit, pass three tiers; the last tier answers ``jawaban_akhir`` for 1.b.3."""
    k = _kriteria(skema, "1.b.3")
    services.simpan_jawaban(
        lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k.pk, None, "Y")], by=operator
    )
    services.ajukan_lembar(lembar=lembar, by=operator)
    lembar.refresh_from_db()
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=1,
        jawaban=[services.JawabanBaru(k.pk, None, "Y", "Catatan verifikator rahasia")],
        by=evaluator,
    )
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    lembar.refresh_from_db()
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=3,
        jawaban=[services.JawabanBaru(k.pk, None, jawaban_akhir, "Renja belum sah")],
        by=evaluator,
    )
    services.teruskan_lembar(lembar=lembar, by=evaluator)
    lembar.refresh_from_db()
    return lembar


def test_the_lke_workbook_opens_and_hides_review_drafts_from_the_unit_until_scored(
    client, putaran, skema, org, operator_b, evaluator
):
    import io

    import openpyxl

    lembar = _lembar(putaran, org.biro_b)
    k = _kriteria(skema, "1.b.3")
    services.simpan_jawaban(
        lembar=lembar, tingkat=0, jawaban=[services.JawabanBaru(k.pk, None, "Y")], by=operator_b
    )
    services.ajukan_lembar(lembar=lembar, by=operator_b)
    lembar.refresh_from_db()
    services.simpan_jawaban(
        lembar=lembar,
        tingkat=1,
        jawaban=[services.JawabanBaru(k.pk, None, "T", "Draf rahasia")],
        by=evaluator,
    )

    def teks(user):
        client.force_login(user)
        r = client.get(reverse("evaluasi:lembar_xlsx", args=[lembar.pk]))
        assert r.status_code == 200
        wb = openpyxl.load_workbook(io.BytesIO(r.content))
        return [list(row) for row in wb.active.iter_rows(values_only=True)]

    unit = teks(operator_b)
    assert not any("Draf rahasia" in str(c) for row in unit for c in row)
    penilai = teks(evaluator)
    assert any("Draf rahasia" in str(c) for row in penilai for c in row)
    baris_k = next(row for row in penilai if row[0] == "1.b.3")
    assert baris_k[5] == "Y"  # the unit's answer
    total = next(row for row in penilai if row[1] == "Nilai akhir")
    assert total[7] == pytest.approx(0.9)  # 1.b: 1/10 × 9


def test_the_recap_ranks_units_by_final_score_and_the_lhe_opens(
    client, putaran, skema, org, operator_a, operator_b, evaluator
):
    import io

    import docx
    import openpyxl

    a = _nilai_penuh(_lembar(putaran, org.biro_a), skema, operator_a, evaluator, jawaban_akhir="T")
    b = _nilai_penuh(_lembar(putaran, org.biro_b), skema, operator_b, evaluator, jawaban_akhir="Y")
    ha, hb = services.hasil_lembar(a, 3), services.hasil_lembar(b, 3)
    client.force_login(evaluator)
    r = client.get(reverse("evaluasi:putaran_rekap_xlsx", args=[putaran.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    baris = [row for row in wb.active.iter_rows(values_only=True) if row and row[1] in ("Biro A", "Biro B")]
    urut = sorted([("Biro A", ha.total), ("Biro B", hb.total)], key=lambda x: -x[1])
    assert [row[1] for row in baris] == [u for u, _ in urut]
    assert [row[0] for row in baris] == [1, 2]
    r = client.get(reverse("pelaporan:lhe_docx", args=[b.pk]))
    assert r.status_code == 200
    dokumen = docx.Document(io.BytesIO(r.content))
    teks = "\n".join(p.text for p in dokumen.paragraphs)
    assert "Laporan Hasil Evaluasi" in teks
    sel = {c.text for t in dokumen.tables for row in t.rows for c in row.cells}
    assert "Nilai hasil evaluasi" in sel
    assert "1.b.3" not in sel  # met at the final tier: not a finding
    r = client.get(reverse("pelaporan:lhe_docx", args=[a.pk]))
    sel = {c.text for t in docx.Document(io.BytesIO(r.content)).tables for row in t.rows for c in row.cells}
    assert "1.b.3" in sel
    assert "Renja belum sah" in sel
    # The recap and the evidence list are the evaluator's; an operator gets 403.
    client.force_login(operator_a)
    assert client.get(reverse("evaluasi:putaran_rekap_xlsx", args=[putaran.pk])).status_code == 403
    assert client.get(reverse("evaluasi:putaran_bukti_xlsx", args=[putaran.pk])).status_code == 403
    # The operator of Biro B never gets Biro A's LHE.
    client.force_login(operator_b)
    assert client.get(reverse("pelaporan:lhe_docx", args=[a.pk])).status_code == 404


def test_the_lhe_waits_for_the_score(client, putaran, org, operator_a):
    client.force_login(operator_a)
    r = client.get(reverse("pelaporan:lhe_docx", args=[_lembar(putaran, org.biro_a).pk]))
    assert r.status_code == 302


def test_the_evidence_list_has_one_sheet_per_document_type(
    client, putaran, skema, dunia, org, operator_a, evaluator
):
    import io

    import openpyxl

    lembar = _lembar(putaran, org.biro_a)
    k = _kriteria(skema, "1.b.1")
    services.pilih_bukti(
        lembar=lembar,
        kriteria=k,
        kunci=[f"renstra:{dunia['renstra'].pk}", f"pk:{dunia['pk'].pk}"],
        by=operator_a,
    )
    services.unggah_bukti(lembar=lembar, kriteria=k, nama="foto.pdf", isi=PDF, by=operator_a)
    client.force_login(evaluator)
    r = client.get(reverse("evaluasi:putaran_bukti_xlsx", args=[putaran.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert sorted(wb.sheetnames) == ["Dokumen lain", "Perjanjian Kinerja", "Renstra"]
    tautan = [row[4] for row in wb["Renstra"].iter_rows(values_only=True) if row and row[0] == "Biro A"]
    assert tautan == [f"http://testserver/perencanaan/renstra/{dunia['renstra'].pk}/"]


def test_the_lhe_pdf_is_converted_by_libreoffice(client, putaran, skema, org, operator_b, evaluator):
    b = _nilai_penuh(_lembar(putaran, org.biro_b), skema, operator_b, evaluator, jawaban_akhir="Y")
    client.force_login(operator_b)
    r = client.get(reverse("pelaporan:lhe_pdf", args=[b.pk]))
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF")
