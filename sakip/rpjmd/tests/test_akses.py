"""Who may read and write the RPJMD, its cascade and individual PK: outsiders and every role, pages and API. The
RPJMD is the pemda's (every role reads, its admin writes); a cascade link and a person's PK belong to their unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.rpjmd import services
from sakip.rpjmd.models import Dukungan, IndikatorDaerah, Misi, PKIndividu, Rpjmd

pytestmark = pytest.mark.django_db


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args)).status_code


@pytest.mark.parametrize(
    "name", ["rpjmd:detail", "rpjmd:pohon", "rpjmd:dukungan", "rpjmd:ekspor", "rpjmd:pohon_png"]
)
def test_every_role_of_the_pemda_reads_the_rpjmd_and_an_outsider_gets_404(
    client, data, name, admin_pemda, operator_a, pimpinan_a, evaluator, luar
):
    pk = data["rpjmd"].pk
    for user in (admin_pemda, operator_a, pimpinan_a, evaluator):
        assert _get(client, user, name, pk) == 200, user
    assert _get(client, luar, name, pk) == 404


def test_outsider_admin_of_another_pemda_cannot_change_the_rpjmd(client, data, luar):
    client.force_login(luar)
    pk = data["rpjmd"].pk
    assert client.post(reverse("rpjmd:ubah", args=[pk]), {"nama": "X"}).status_code == 404
    assert (
        client.post(
            reverse("rpjmd:elemen_baru", args=[pk, "misi"]), {"kode": "M9", "uraian": "X"}
        ).status_code
        == 404
    )
    assert not Misi.objects.filter(kode="M9").exists()
    assert "RPJMD P" not in client.get(reverse("rpjmd:daftar")).content.decode()


def test_an_operator_reads_but_cannot_edit_the_rpjmd(client, data, operator_a, pimpinan_a):
    pk = data["rpjmd"].pk
    for user in (operator_a, pimpinan_a):
        client.force_login(user)
        assert client.get(reverse("rpjmd:ubah", args=[pk])).status_code == 403
        assert (
            client.post(
                reverse("rpjmd:elemen_baru", args=[pk, "misi"]), {"kode": "M9", "uraian": "X"}
            ).status_code
            == 403
        )
        assert client.post(reverse("rpjmd:perubahan", args=[pk]), {"alasan": "x"}).status_code == 403
    assert not Misi.objects.filter(kode="M9").exists()
    assert Rpjmd.objects.get(pk=pk).versi == 1


def test_the_admin_pemda_edits_the_rpjmd_and_the_change_is_audited(client, data, admin_pemda):
    client.force_login(admin_pemda)
    ind = data["indikator"]
    response = client.post(
        reverse("rpjmd:elemen_ubah", args=["indikator", ind.pk]),
        {
            "kode": "I1",
            "nama": "Indeks satu diubah",
            "sasaran": data["sasaran"].pk,
            "satuan": "Indeks",
            "polaritas": "positif",
            "is_iku": "on",
            "urutan": 1,
            "target_2024": "80",
            "realisasi_2024": "85,5",
            "target_2025": "82",
        },
    )
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.nama == "Indeks satu diubah"
    assert ind.target.get(tahun=2024).realisasi == Decimal("85.5")
    assert ind.target.get(tahun=2025).target == Decimal(82)
    assert ind.history.first().history_user == admin_pemda
    assert ind.target.get(tahun=2024).history.first().history_user == admin_pemda


def test_a_satuan_outside_the_list_is_refused_with_a_message_and_nothing_saved(client, data, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:elemen_baru", args=[data["rpjmd"].pk, "indikator"]),
        {
            "kode": "I2",
            "nama": "Baru",
            "sasaran": data["sasaran"].pk,
            "satuan": "Persn",
            "polaritas": "positif",
            "urutan": 2,
        },
    )
    assert response.status_code == 200
    assert (
        "Satuan &#x27;Persn&#x27; tidak dikenal (maksud Anda &#x27;Persen&#x27;?)"
        in response.content.decode()
    )
    assert not IndikatorDaerah.objects.filter(kode="I2").exists()


def test_an_rpjmd_perubahan_keeps_the_old_version_with_its_reason(client, data, admin_pemda):
    client.force_login(admin_pemda)
    pk = data["rpjmd"].pk
    client.post(reverse("rpjmd:perubahan", args=[pk]), {"alasan": "Penyesuaian RKPD"})
    rpjmd = Rpjmd.objects.get(pk=pk)
    assert rpjmd.versi == 2
    lama = rpjmd.versi_lama.get()
    assert (lama.nomor, lama.alasan) == (1, "Penyesuaian RKPD")
    assert lama.isi["indikator"][0]["target"] == [{"tahun": 2024, "target": "80", "realisasi": "84"}]
    assert client.get(reverse("rpjmd:versi", args=[lama.pk])).status_code == 200


def test_a_cascade_link_is_removed_only_by_a_writer_of_its_unit(
    client, data, operator_a, operator_b, pimpinan_a
):
    url = reverse("rpjmd:dukungan_hapus", args=[data["link"].pk])
    client.force_login(operator_b)
    assert client.post(url).status_code == 404
    client.force_login(pimpinan_a)
    assert client.post(url).status_code == 403
    client.force_login(operator_a)
    assert client.post(url).status_code == 302
    assert not Dukungan.objects.exists()


def test_a_person_pk_is_read_in_its_unit_only_and_marks_plh(client, data, operator_a, operator_b, pimpinan_a):
    pk = data["orang"].pk
    assert _get(client, operator_b, "rpjmd:pk_individu_detail", pk) == 404
    client.force_login(pimpinan_a)
    body = client.get(reverse("rpjmd:pk_individu_detail", args=[pk])).content.decode()
    assert "Plh. Kepala Biro A" in body
    assert client.get(reverse("rpjmd:pk_individu_ubah", args=[pk])).status_code == 403
    assert _get(client, operator_a, "rpjmd:pk_individu_ubah", pk) == 200


def test_a_person_indicator_must_support_an_indicator_of_their_unit_or_above(
    org, data, operator_b, admin_pemda
):
    renstra_b = renstra_dengan_iku(org.biro_b)
    with pytest.raises(Exception, match="Renstra unit ini atau unit di atasnya"):
        services.simpan_indikator_individu(
            pk_individu=data["orang"],
            by=admin_pemda,
            nama="X",
            satuan="Persen",
            target=Decimal(1),
            mendukung=renstra_b.indikator.first(),
        )


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_reads_for_every_role_and_writes_for_the_admin_pemda_only(
    data, admin_pemda, operator_a, evaluator, luar
):
    pk = data["rpjmd"].pk
    for user in (admin_pemda, operator_a, evaluator):
        assert _api(user).get(f"/api/rpjmd/{pk}/").status_code == 200
    assert _api(luar).get(f"/api/rpjmd/{pk}/").status_code == 404
    assert _api(luar).get("/api/rpjmd/").json()["count"] == 0
    assert _api(evaluator).patch(f"/api/rpjmd/{pk}/", {"visi": "X"}, format="json").status_code == 403
    assert _api(operator_a).patch(f"/api/rpjmd/{pk}/", {"visi": "X"}, format="json").status_code == 403
    response = _api(admin_pemda).patch(f"/api/rpjmd/{pk}/", {"visi": "Visi baru"}, format="json")
    assert response.status_code == 200
    assert Rpjmd.objects.get(pk=pk).visi == "Visi baru"
    baru = _api(admin_pemda).post(
        "/api/rpjmd-indikator/",
        {"rpjmd": pk, "kode": "I9", "nama": "Baru", "satuan": "Persn", "sasaran": data["sasaran"].pk},
        format="json",
    )
    assert baru.status_code == 400
    assert "tidak dikenal" in str(baru.json())


def test_api_tree_gives_the_capaian_of_each_node(data, pimpinan_a):
    response = _api(pimpinan_a).get(f"/api/rpjmd/{data['rpjmd'].pk}/pohon/", {"tahun": 2024})
    assert response.status_code == 200
    akar = response.json()["akar"]
    indikator = akar["anak"][0]["anak"][0]["anak"][0]["anak"][0]
    assert indikator["jenis"] == "indikator_daerah"
    assert Decimal(indikator["capaian"]) == Decimal(105)  # 84 / 80 × 100
    pd = indikator["anak"][0]
    assert pd["jenis"] == "indikator_pd"
    assert pd["anak"][0]["jenis"] == "orang"
    assert Decimal(pd["anak"][0]["anak"][0]["capaian"]) == Decimal(90)


def test_api_person_pk_created_by_the_units_writer_only(org, data, operator_a, operator_b, pimpinan_a):
    body = {"unit_kerja": org.biro_a.pk, "tahun": 2025, "nama": "Budi", "jabatan": "Analis"}
    assert _api(pimpinan_a).post("/api/pk-individu/", body, format="json").status_code == 403
    assert _api(operator_b).post("/api/pk-individu/", body, format="json").status_code == 404
    assert _api(operator_a).post("/api/pk-individu/", body, format="json").status_code == 201
    assert PKIndividu.objects.filter(nama="Budi", unit_kerja=org.biro_a).exists()
    assert _api(operator_b).get("/api/pk-individu/").json()["count"] == 0


def test_a_pd_writer_links_its_own_indicator_and_sasaran_on_the_page(client, data, operator_a, pimpinan_a):
    from sakip.perencanaan.models import Indikator, Sasaran

    url = reverse("rpjmd:dukungan", args=[data["rpjmd"].pk])
    iku02 = Indikator.objects.get(renstra__unit_kerja__kode="SETDA.A", kode="IKU02")
    sasaran = Sasaran.objects.get(renstra__unit_kerja__kode="SETDA.A", kode="S1")
    client.force_login(pimpinan_a)
    assert (
        client.post(url, {"indikator": iku02.pk, "indikator_daerah": data["indikator"].pk}).status_code == 403
    )
    client.force_login(operator_a)
    assert (
        client.post(url, {"indikator": iku02.pk, "indikator_daerah": data["indikator"].pk}).status_code == 302
    )
    assert client.post(url, {"sasaran": sasaran.pk, "sasaran_daerah": data["sasaran"].pk}).status_code == 302
    assert Dukungan.objects.filter(sasaran=sasaran, sasaran_daerah=data["sasaran"]).exists()
    again = client.post(url, {"indikator": iku02.pk, "indikator_daerah": data["indikator"].pk})
    assert again.status_code == 200
    assert "Dukungan ini sudah tercatat." in again.content.decode()
    assert Dukungan.objects.filter(indikator=iku02).count() == 1
    assert Dukungan.objects.get(indikator=iku02).history.first().history_user == operator_a


def test_api_lists_read_the_same_number_of_queries_for_more_rows(org, data, admin_pemda):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _api(admin_pemda)
    daftar = ["/api/rpjmd-indikator/", "/api/pk-individu/", "/api/rpjmd-dukungan/", "/api/rpjmd-sasaran/"]

    def hitung() -> list[int]:
        hasil = []
        for url in daftar:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            hasil.append(len(ctx.captured_queries))
        return hasil

    client.get("/api/rpjmd/")  # the user's scope is read once, then kept on the user object
    sebelum = hitung()
    renstra_b = renstra_dengan_iku(org.biro_b, jumlah_indikator=3)
    for n in range(3):
        ind = services.simpan_indikator(
            rpjmd=data["rpjmd"],
            by=admin_pemda,
            kode=f"J{n}",
            nama=f"Indeks {n}",
            satuan="Indeks",
            sasaran=services.simpan_sasaran(
                rpjmd=data["rpjmd"],
                by=admin_pemda,
                kode=f"S{n + 2}",
                uraian="Lain",
                tujuan=data["sasaran"].tujuan,
            ),
            target={2024: (Decimal(1), Decimal(1)), 2025: (Decimal(2), None)},
        )
        services.tambah_dukungan(by=admin_pemda, indikator=renstra_b.indikator.all()[n], indikator_daerah=ind)
        orang = services.simpan_pk_individu(
            unit_kerja=org.biro_b, by=admin_pemda, tahun=2024, nama=f"Orang {n}", nip="", jabatan=f"Staf {n}"
        )
        services.simpan_indikator_individu(
            pk_individu=orang,
            by=admin_pemda,
            nama="K",
            satuan="Persen",
            target=Decimal(1),
            mendukung=renstra_b.indikator.all()[n],
        )
    assert client.get("/api/rpjmd-indikator/").json()["count"] == 4
    assert hitung() == sebelum


def test_api_a_duplicate_is_refused_in_indonesian_at_its_field(org, data, admin_pemda):
    client = _api(admin_pemda)
    r = client.post("/api/rpjmd-misi/", {"rpjmd": data["rpjmd"].pk, "kode": "M1", "uraian": "Lagi"})
    assert (r.status_code, r.json()) == (400, {"kode": ["Kode 'M1' sudah dipakai di RPJMD ini."]})
    r = client.post(
        "/api/rpjmd/", {"pemda": org.pemda.pk, "nama": "Lagi", "tahun_mulai": 2024, "tahun_selesai": 2026}
    )
    assert (r.status_code, r.json()) == (400, {"tahun_mulai": ["Pemda ini sudah memiliki RPJMD mulai 2024."]})
    assert Rpjmd.objects.count() == 1
    assert Misi.objects.filter(kode="M1").count() == 1
