from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.pengukuran import services
from sakip.pengukuran.models import DataDukung, Realisasi
from sakip.pengukuran.tests.conftest import PDF


def test_formula_realisasi_is_computed_from_the_named_inputs(iku, operator_a):
    r = services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(4), "usulan": Decimal(4)},
    )
    assert r.nilai == Decimal(100)
    assert r.masukan == {"selesai": "4", "usulan": "4"}
    assert r.unit_kerja == iku.renstra.unit_kerja


def test_formula_with_zero_denominator_is_refused_and_nothing_saved(iku, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.save_realisasi(
            indikator=iku,
            tahun=2024,
            periode="TW1",
            by=operator_a,
            masukan={"selesai": Decimal(4), "usulan": Decimal(0)},
        )
    assert "nol" in " ".join(exc.value.messages).lower()
    assert not Realisasi.objects.exists()


def test_formula_result_too_large_for_the_column_is_refused_with_a_message_not_a_crash(iku, operator_a):
    """selesai / usulan * 100 with a tiny denominator: 10^17 / 0,000001 * 100 has 26 digits before the comma."""
    with pytest.raises(ValidationError) as exc:
        services.save_realisasi(
            indikator=iku,
            tahun=2024,
            periode="TW1",
            by=operator_a,
            masukan={"selesai": Decimal(10) ** 17, "usulan": Decimal("0.000001")},
        )
    assert "masukan" in exc.value.message_dict
    assert "terlalu besar" in " ".join(exc.value.messages)
    assert not Realisasi.objects.exists()
    # inside the column: stored (10^17 is also exact in SQLite's floating-point storage)
    r = services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(10) ** 15, "usulan": Decimal(1)},
    )
    assert r.nilai == Decimal(10) ** 17


def test_formula_input_missing_is_named(iku, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.save_realisasi(
            indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": Decimal(4)}
        )
    assert "usulan" in " ".join(exc.value.messages)


def test_predikat_realisasi_must_come_from_the_scale(iku_predikat, operator_a):
    r = services.save_realisasi(
        indikator=iku_predikat, tahun=2024, periode="TAHUN", by=operator_a, predikat="tinggi"
    )
    assert r.nilai_predikat == "Tinggi"
    with pytest.raises(ValidationError):
        services.save_realisasi(
            indikator=iku_predikat, tahun=2024, periode="TAHUN", by=operator_a, predikat="Bagus"
        )


def test_outsider_and_reader_cannot_save(iku, operator_b, pimpinan_a):
    for user in (operator_b, pimpinan_a):
        with pytest.raises(PermissionDenied):
            services.save_realisasi(
                indikator=iku,
                tahun=2024,
                periode="TW1",
                by=user,
                masukan={"selesai": Decimal(1), "usulan": Decimal(1)},
            )


def test_second_concurrent_save_is_told_the_value_changed_and_overwrites_nothing(
    iku_nilai, operator_a, admin_pemda
):
    first = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
    )
    seen = first.versi  # both users opened the page at this version
    services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=admin_pemda, nilai=Decimal(86), versi=seen
    )
    with pytest.raises(services.KonflikError) as exc:
        services.save_realisasi(
            indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(70), versi=seen
        )
    assert "sudah diubah" in " ".join(exc.value.messages)
    assert Realisasi.objects.get().nilai == Decimal(86)


def test_every_change_is_in_the_audit_trail_with_who_old_and_new(iku_nilai, operator_a, admin_pemda):
    services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
    )
    r = Realisasi.objects.get()
    services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=admin_pemda, nilai=Decimal(86), versi=r.versi
    )
    riwayat = list(r.history.order_by("history_date").values_list("nilai", "history_user__username"))
    assert riwayat == [(Decimal(80), "operator_a"), (Decimal(86), "admin_pemda")]


def test_workflow_submit_return_with_note_resubmit_verify(iku_nilai, operator_a, pimpinan_a):
    r = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
    )
    r = services.submit_realisasi(r, by=operator_a)
    assert r.status == "diajukan"
    with pytest.raises(PermissionDenied):
        services.verify_realisasi(r, by=operator_a)  # an operator does not verify
    with pytest.raises(ValidationError):
        services.return_realisasi(r, catatan=" ", by=pimpinan_a)  # a note is required
    r = services.return_realisasi(r, catatan="Lampirkan notulen rapat", by=pimpinan_a)
    assert (r.status, r.catatan_verifikasi) == ("dikembalikan", "Lampirkan notulen rapat")
    r = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(82), versi=r.versi
    )
    r = services.submit_realisasi(r, by=operator_a)
    r = services.verify_realisasi(r, by=pimpinan_a)
    assert r.status == "diverifikasi"
    assert list(r.history.order_by("history_date").values_list("status", flat=True)) == [
        "draft",
        "diajukan",
        "dikembalikan",
        "dikembalikan",
        "diajukan",
        "diverifikasi",
    ]


def test_pimpinan_of_another_unit_cannot_verify(iku_nilai, operator_a, operator_b, org):
    from sakip.organisasi import services as org_services

    r = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
    )
    r = services.submit_realisasi(r, by=operator_a)
    pimpinan_b = operator_b
    org_services.assign_role(pengguna=pimpinan_b, peran="pimpinan", pemda=org.pemda, unit_kerja=org.biro_b)
    with pytest.raises(PermissionDenied):
        services.verify_realisasi(r, by=pimpinan_b)


def test_locked_year_refuses_changes_until_admin_unlocks_with_a_recorded_reason(
    iku_nilai, org, operator_a, admin_pemda
):
    services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
    with pytest.raises(ValidationError) as exc:
        services.save_realisasi(
            indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
        )
    assert "dikunci" in " ".join(exc.value.messages)
    with pytest.raises(PermissionDenied):
        services.unlock_year(pemda=org.pemda, tahun=2024, alasan="x", by=operator_a)
    with pytest.raises(ValidationError):
        services.unlock_year(pemda=org.pemda, tahun=2024, alasan="", by=admin_pemda)
    kunci = services.unlock_year(
        pemda=org.pemda, tahun=2024, alasan="Koreksi temuan Inspektorat", by=admin_pemda
    )
    assert [(h.terkunci, h.alasan, h.history_user) for h in kunci.history.order_by("history_date")] == [
        (True, "", admin_pemda),
        (False, "Koreksi temuan Inspektorat", admin_pemda),
    ]
    services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(80)
    )


def _berkas_tersimpan(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "program"),
        ("laporan.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "program"),
        ("../../etc/passwd.pdf", PDF, "tidak diizinkan"),
        ("..\\..\\boot.pdf", PDF, "tidak diizinkan"),
        ("laporan.docx", PDF, "tidak sesuai"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_forbidden_uploads_are_refused_with_a_clear_message_and_nothing_is_stored(
    org, operator_a, media_root, nama, isi, pesan
):
    with pytest.raises(ValidationError) as exc:
        services.upload_data_dukung(unit=org.biro_a, nama=nama, isi=isi, by=operator_a)
    assert pesan in " ".join(exc.value.messages)
    assert not DataDukung.objects.exists()
    assert _berkas_tersimpan(media_root) == []


def test_oversized_upload_is_refused(org, operator_a, media_root):
    from sakip.pengukuran import berkas

    with pytest.raises(ValidationError) as exc:
        services.upload_data_dukung(
            unit=org.biro_a, nama="besar.pdf", isi=PDF + b"0" * berkas.UKURAN_MAKSIMAL, by=operator_a
        )
    assert "melebihi batas" in " ".join(exc.value.messages)
    assert _berkas_tersimpan(media_root) == []


def test_one_evidence_file_supports_several_realisasi_without_a_second_upload(
    iku, iku_nilai, operator_a, media_root
):
    r1 = services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TW1",
        by=operator_a,
        masukan={"selesai": Decimal(1), "usulan": Decimal(1)},
    )
    r2 = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TAHUN", by=operator_a, nilai=Decimal(1)
    )
    doc = services.upload_data_dukung(unit=r1.unit_kerja, nama="notulen.pdf", isi=PDF, by=operator_a)
    again = services.upload_data_dukung(
        unit=r1.unit_kerja, nama="notulen-salinan.pdf", isi=PDF, by=operator_a
    )
    services.link_data_dukung(realisasi=r1, dokumen=doc, by=operator_a)
    services.link_data_dukung(realisasi=r2, dokumen=again, by=operator_a)
    assert again == doc
    assert set(doc.realisasi.all()) == {r1, r2}
    stored = _berkas_tersimpan(media_root)
    assert len(stored) == 1
    assert "notulen" not in stored[0].name  # the client's name never becomes a path
    assert stored[0].read_bytes() == PDF


def test_narasi_refuses_to_overwrite_a_newer_version(iku, operator_a, admin_pemda):
    n = services.save_narasi(indikator=iku, tahun=2024, by=operator_a, analisis="Tercapai")
    services.save_narasi(indikator=iku, tahun=2024, by=admin_pemda, versi=n.versi, analisis="Tercapai penuh")
    with pytest.raises(services.KonflikError):
        services.save_narasi(indikator=iku, tahun=2024, by=operator_a, versi=n.versi, analisis="Lama")


def test_a_formula_result_with_endless_decimals_is_stored_and_capaian_uses_the_exact_value(iku, operator_a):
    from sakip.pengukuran import queries

    # 30 of 37 perangkat daerah (seed 004, IKU10): 30 / 37 × 100 = 81,081081081…
    r = services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TAHUN",
        by=operator_a,
        masukan={"selesai": Decimal(30), "usulan": Decimal(37)},
    )
    assert r.nilai == Decimal("81.081081")
    exact = queries.realisasi_tahunan(iku, [r])[0]
    assert abs(exact - Decimal(3000) / Decimal(37)) < Decimal("1e-24")
    assert exact != r.nilai


def test_two_simultaneous_first_saves_of_a_period_the_loser_gets_a_conflict_not_a_crash(
    iku, operator_a, monkeypatch
):
    """The other user's row lands after this save's checks (the select and the model validation) and before its
    insert, as when two requests race."""

    def kalah_cepat(obj, by):
        obj.full_clean()
        if isinstance(obj, Realisasi) and obj.pk is None:
            Realisasi.objects.create(
                indikator=obj.indikator,
                unit_kerja=obj.unit_kerja,
                tahun=obj.tahun,
                periode=obj.periode,
                nilai=Decimal(50),
                masukan={"selesai": "1", "usulan": "2"},
            )
        obj._history_user = by
        obj.save()

    monkeypatch.setattr(services, "save_with_history", kalah_cepat)
    with pytest.raises(services.KonflikError, match="baru saja disimpan pengguna lain"):
        services.save_realisasi(
            indikator=iku,
            tahun=2024,
            periode="TW1",
            by=operator_a,
            masukan={"selesai": Decimal(4), "usulan": Decimal(4)},
        )
    # nothing of this save is stored, and the surrounding transaction can still be used (on PostgreSQL a failed
    # statement outside a savepoint would make this query fail). The competitor's row was written inside the
    # savepoint here, so it is gone too; in a real race it is another transaction's and stays.
    assert not Realisasi.objects.filter(indikator=iku, nilai=Decimal(100)).exists()
