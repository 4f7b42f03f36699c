"""The LKE scheme as data (issue #22 step 1, issue #18's evaluation-scheme bullet): loaded from the reference JSON,
copied, edited and chosen per year by the admin pemda, audited; other roles read."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.evaluasi import lke, muat_lke, services
from sakip.evaluasi.models import KriteriaSkema, SkemaEvaluasi, SkemaTahun
from sakip.organisasi import services as org_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory

D = Decimal
REFERENSI = Path("/work/shared/domain/lke-88-2021.json")


def _json() -> dict:
    path = REFERENSI if REFERENSI.exists() else muat_lke.BERKAS
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def nasional(db):
    return SkemaEvaluasi.objects.get(pemda__isnull=True, kode=muat_lke.KODE)


@pytest.fixture
def salinan(org, admin_pemda, nasional):
    return services.salin_skema(
        skema=nasional, pemda=org.pemda, kode="LKE-P", nama="LKE Pemda P", by=admin_pemda
    )


def test_the_national_lke_holds_every_criterion_and_evidence_item_of_the_reference_json(nasional):
    data = _json()
    kriteria_json = {c["kode"]: c for k in data["komponen"] for s in k["subkomponen"] for c in s["kriteria"]}
    kriteria = {
        k.kode: k for k in KriteriaSkema.objects.filter(komponen__skema=nasional).prefetch_related("bukti")
    }
    assert set(kriteria) == set(kriteria_json)
    assert len(kriteria) == 77
    for kode, c in kriteria_json.items():
        assert kriteria[kode].jenis_jawaban == c["jenis_jawaban"], kode
        assert kriteria[kode].dinilai_per == c["dinilai_per"], kode
        assert [b.nama for b in kriteria[kode].bukti.all()] == c["bukti_dukung"], kode
    sub = {s["kode"]: D(str(s["bobot"])) for k in data["komponen"] for s in k["subkomponen"]}
    assert {k.kode: k.bobot for k in nasional.komponen.filter(induk__isnull=False)} == sub
    assert nasional.skala()["AE"]["B"] == D("0.75")
    assert nasional.skala()["YT"] == {"Y": D(1), "T": D(0)}


def test_the_evidence_items_the_product_can_prove_carry_their_check(nasional):
    bukti = KriteriaSkema.objects.get(komponen__skema=nasional, kode="1.a.1").bukti.get(nama="Renstra PD")
    assert bukti.cek_otomatis == "renstra"
    assert bukti.jenis_dokumen == "renstra"


def test_admin_pemda_copies_the_national_scheme_with_all_its_criteria(salinan, nasional, admin_pemda):
    assert salinan.asal == nasional
    assert KriteriaSkema.objects.filter(komponen__skema=salinan).count() == 77
    assert salinan.komponen.get(kode="1.a").induk.kode == "1"
    assert salinan.history.first().history_user == admin_pemda


def test_editing_the_copy_leaves_the_national_scheme_unchanged_and_is_audited(salinan, nasional, admin_pemda):
    sub = salinan.komponen.get(kode="1.a")
    kriteria = sub.kriteria.get(kode="1.a.1")
    services.simpan_kriteria(
        komponen=sub,
        kriteria=kriteria,
        kode="1.a.1",
        uraian="Terdapat Renstra yang ditetapkan",
        jenis_jawaban="AE",
        dinilai_per="kriteria",
        bukti=["Renstra PD"],
        by=admin_pemda,
    )
    kriteria.refresh_from_db()
    assert kriteria.jenis_jawaban == "AE"
    assert list(kriteria.bukti.values_list("nama", flat=True)) == ["Renstra PD"]
    assert kriteria.history.first().history_user == admin_pemda
    asli = KriteriaSkema.objects.get(komponen__skema=nasional, kode="1.a.1")
    assert asli.jenis_jawaban == "YT"
    assert asli.bukti.count() == 3


def test_weights_that_no_longer_add_up_are_refused_and_nothing_is_saved(salinan, admin_pemda):
    with pytest.raises(ValidationError) as exc:
        services.ubah_bobot(skema=salinan, bobot={"1.a": D(7)}, by=admin_pemda)
    assert "seharusnya" in " ".join(exc.value.messages)
    assert salinan.komponen.get(kode="1.a").bobot == D(6)
    services.ubah_bobot(skema=salinan, bobot={"1.a": D(7), "1.b": D(8)}, by=admin_pemda)
    assert salinan.komponen.get(kode="1.b").bobot == D(8)


def test_a_criterion_scored_per_evidence_needs_evidence_items(salinan, admin_pemda):
    sub = salinan.komponen.get(kode="2.a")
    with pytest.raises(ValidationError):
        services.simpan_kriteria(
            komponen=sub,
            kode="2.a.9",
            uraian="X",
            jenis_jawaban="YT",
            dinilai_per="bukti",
            bukti=[],
            by=admin_pemda,
        )
    assert not sub.kriteria.filter(kode="2.a.9").exists()


def test_the_national_scheme_cannot_be_edited_in_place(nasional, admin_pemda):
    with pytest.raises(PermissionDenied):
        services.ubah_bobot(skema=nasional, bobot={"1.a": D(6)}, by=admin_pemda)


def test_evaluator_and_operator_cannot_copy_or_edit(client, org, salinan, nasional, evaluator, operator_a):
    for user in (evaluator, operator_a):
        client.force_login(user)
        assert client.get(reverse("evaluasi:skema_salin", args=[nasional.pk])).status_code == 403
        assert client.get(reverse("evaluasi:skema_bobot", args=[salinan.pk])).status_code == 403
        kriteria = KriteriaSkema.objects.filter(komponen__skema=salinan).first()
        assert client.post(reverse("evaluasi:kriteria_hapus", args=[kriteria.pk])).status_code == 403
        assert client.get(reverse("evaluasi:skema_detail", args=[salinan.pk])).status_code == 200


def test_admin_of_another_pemda_does_not_see_this_pemdas_scheme(client, org, salinan):
    lain = PenggunaFactory(username="admin_q")
    org_services.assign_role(pengguna=lain, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    client.force_login(lain)
    assert client.get(reverse("evaluasi:skema_detail", args=[salinan.pk])).status_code == 404
    assert client.get(reverse("evaluasi:skema_bobot", args=[salinan.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.ubah_bobot(skema=salinan, bobot={"1.a": D(6)}, by=lain)


def test_admin_pemda_copies_edits_and_chooses_the_scheme_per_year_through_the_pages(
    client, org, admin_pemda, nasional
):
    client.force_login(admin_pemda)
    r = client.post(
        reverse("evaluasi:skema_salin", args=[nasional.pk]),
        {"pemda": org.pemda.pk, "kode": "LKE-P-2025", "nama": "LKE Pemda P 2025"},
    )
    baru = SkemaEvaluasi.objects.get(pemda=org.pemda, kode="LKE-P-2025")
    assert r.status_code == 302
    assert r["Location"] == reverse("evaluasi:skema_detail", args=[baru.pk])
    sub = baru.komponen.get(kode="4.d")
    r = client.post(
        reverse("evaluasi:kriteria_baru", args=[sub.pk]),
        {
            "kode": "4.d.4",
            "uraian": "Capaian IKU meningkat",
            "jenis_jawaban": "AD",
            "dinilai_per": "kriteria",
            "bukti": "LKjIP Tahun n\nPK Tahun n",
        },
    )
    assert r.status_code == 302
    baru_kriteria = sub.kriteria.get(kode="4.d.4")
    assert [(b.nama, b.jenis_dokumen) for b in baru_kriteria.bukti.all()] == [
        ("LKjIP Tahun n", "lkjip"),
        ("PK Tahun n", "pk"),
    ]
    r = client.post(reverse("evaluasi:skema_tahun"), {"pemda": org.pemda.pk, "tahun": 2025, "skema": baru.pk})
    assert r.status_code == 302
    assert services.skema_untuk_tahun(org.pemda, 2025) == baru
    assert services.skema_untuk_tahun(org.pemda, 2026) == baru  # carried forward until another choice
    assert services.skema_untuk_tahun(org.pemda, 2024) is None
    assert SkemaTahun.objects.get(pemda=org.pemda, tahun=2025).history.first().history_user == admin_pemda
    halaman = client.get(reverse("evaluasi:skema_detail", args=[baru.pk])).content.decode()
    assert "Capaian IKU meningkat" in halaman


def test_only_the_admin_pemda_chooses_the_scheme_of_a_year(client, org, evaluator, nasional):
    client.force_login(evaluator)
    assert client.get(reverse("evaluasi:skema_tahun")).status_code == 200
    r = client.post(
        reverse("evaluasi:skema_tahun"), {"pemda": org.pemda.pk, "tahun": 2025, "skema": nasional.pk}
    )
    assert r.status_code == 403
    assert not SkemaTahun.objects.exists()


def test_a_criterion_already_answered_cannot_be_removed_but_an_unanswered_one_can(salinan, admin_pemda):
    kriteria = KriteriaSkema.objects.get(komponen__skema=salinan, kode="4.d.3")
    services.hapus_kriteria(kriteria=kriteria, by=admin_pemda)
    assert not KriteriaSkema.objects.filter(pk=kriteria.pk).exists()


def test_home_page_states_the_evaluators_rights_instead_of_read_only(client, evaluator):
    client.force_login(evaluator)
    body = client.get(reverse("beranda")).content.decode()
    assert "menilai evaluasi AKIP" in body
    assert "Baca saja" not in body


def test_unit_page_tells_the_evaluator_they_score_the_unit(client, org, evaluator):
    client.force_login(evaluator)
    body = client.get(reverse("organisasi:unit_detail", args=[org.biro_a.pk])).content.decode()
    assert "menilai evaluasi AKIP unit ini" in body
    assert "Baca saja" not in body


def test_the_parser_classifies_evidence_names_by_document_kind():
    assert lke.jenis_dokumen("Renstra PD") == "renstra"
    assert lke.jenis_dokumen("PK Tahun n-1") == "pk"
    assert lke.jenis_dokumen("Renaksi Tahun n") == "rencana_aksi"
    assert lke.jenis_dokumen("LKjIP Tahun n-1") == "lkjip"
    assert lke.jenis_dokumen("Screenshot Aplikasi") == "lain"


def test_the_weight_page_saves_new_weights_for_the_admin(client, salinan, admin_pemda):
    client.force_login(admin_pemda)
    assert client.get(reverse("evaluasi:skema_bobot", args=[salinan.pk])).status_code == 200
    data = {k.kode: str(k.bobot).replace(".", ",") for k in salinan.komponen.all()}
    data.update({"3.a": "4", "3.b": "3,5"})
    r = client.post(reverse("evaluasi:skema_bobot", args=[salinan.pk]), data)
    assert r.status_code == 302
    assert salinan.komponen.get(kode="3.b").bobot == D("3.5")
    data["3.b"] = "9"
    r = client.post(reverse("evaluasi:skema_bobot", args=[salinan.pk]), data)
    assert r.status_code == 200
    assert "seharusnya 15" in r.content.decode()
