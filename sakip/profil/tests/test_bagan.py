import io

from django.urls import reverse
from PIL import Image

from sakip.organisasi import services as organisasi_services
from sakip.organisasi.models import UnitKerja
from sakip.profil import aturan, bagan, grafik

PNG = b"\x89PNG\r\n\x1a\n"


def _simpul(unit):
    return bagan.simpul_dari_unit(UnitKerja.objects.subtree_of(unit))


def test_chart_nodes_come_from_the_unit_tree(org):
    simpul = _simpul(org.setda)
    assert [(s.nama, s.induk_id) for s in simpul] == [
        ("Sekretariat Daerah P", None),
        ("Biro A", org.setda.pk),
        ("Bagian A1", org.biro_a.pk),
        ("Biro B", org.setda.pk),
    ]
    assert [s.nama for s in _simpul(org.biro_a)] == ["Biro A", "Bagian A1"]
    assert _simpul(org.biro_a)[0].induk_id is None  # the unit itself is the root of its chart


def test_adding_a_unit_changes_the_chart_data_and_the_image(org):
    sebelum = _simpul(org.setda)
    gambar_sebelum = bagan.gambar(sebelum)
    organisasi_services.upsert_unit(
        pemda=org.pemda, kode="SETDA.B.1", nama="Bagian B1", jenis="bagian", induk=org.biro_b
    )
    sesudah = _simpul(org.setda)
    assert [s.nama for s in sesudah] == [s.nama for s in sebelum] + ["Bagian B1"]
    assert sesudah[-1].induk_id == org.biro_b.pk
    gambar_sesudah = bagan.gambar(sesudah)
    assert gambar_sesudah.startswith(PNG)
    assert gambar_sesudah != gambar_sebelum
    assert bagan.gambar(sesudah) == gambar_sesudah  # drawing is deterministic, so it can be cached


def test_chart_grows_with_the_number_of_sub_units(org):
    kecil = Image.open(io.BytesIO(bagan.gambar(_simpul(org.biro_b))))
    besar = Image.open(io.BytesIO(bagan.gambar(_simpul(org.setda))))
    assert besar.size[0] > kecil.size[0]
    assert besar.size[1] > kecil.size[1]


def test_chart_view_serves_a_png_drawn_from_the_tree_and_follows_changes(client, org, operator_a):
    client.force_login(operator_a)
    url = reverse("profil:bagan", args=[org.biro_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG)
    assert "private" in response["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
    organisasi_services.upsert_unit(
        pemda=org.pemda, kode="SETDA.A.2", nama="Bagian A2", jenis="bagian", induk=org.biro_a
    )
    berubah = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert berubah.status_code == 200
    assert berubah["ETag"] != response["ETag"]
    assert berubah.content != response.content


def test_staff_charts_are_pngs_built_from_the_summary():
    ringkasan = aturan.RingkasanPegawai(
        asn=dict.fromkeys(aturan.KOLOM_ASN, 1), non_pns={"laki_laki": 2, "perempuan": 3}
    )
    for jenis in grafik.JENIS:
        assert grafik.buat(jenis, ringkasan).startswith(PNG)
    kosong = aturan.RingkasanPegawai(
        asn=dict.fromkeys(aturan.KOLOM_ASN, 0), non_pns={"laki_laki": 0, "perempuan": 0}
    )
    assert grafik.jenis_kelamin(kosong).startswith(PNG)
