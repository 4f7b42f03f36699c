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


def test_ten_sub_units_wrap_into_rows_of_four_instead_of_shrinking_to_ten_columns():
    """Issue #16: the Setda's ten Biro squeezed into 16 cm printed at 3 pt."""
    from types import SimpleNamespace

    units = [SimpleNamespace(pk=1, induk_id=None, nama="Setda", urutan=0, eselon="I.b")]
    for b in range(10):
        units.append(SimpleNamespace(pk=10 + b, induk_id=1, nama=f"Biro {b}", urutan=b, eselon="II.a"))
        units.append(
            SimpleNamespace(pk=100 + b, induk_id=10 + b, nama=f"Bagian {b}", urutan=0, eselon="III.a")
        )
    kotak, lebar, tinggi, bus = bagan._tata_letak(bagan.simpul_dari_unit(units))
    assert len(bus) == 3  # rows of 4, 4 and 2
    assert lebar == 4 * (bagan.LEBAR_KOTAK + bagan.JARAK_KOLOM) - bagan.JARAK_KOLOM + 2 * bagan.TEPI
    baris = sorted({kotak[10 + b].y for b in range(10)})
    assert [sum(1 for b in range(10) if kotak[10 + b].y == y) for y in baris] == [4, 4, 2]
    # every Bagian sits under its own Biro, and no two boxes overlap
    for b in range(10):
        assert kotak[100 + b].y > kotak[10 + b].y
        assert kotak[10 + b].kiri <= kotak[100 + b].kiri < kotak[10 + b].kiri + bagan.LEBAR_KOTAK
    semua = list(kotak.values())
    for i, a in enumerate(semua):
        for c in semua[i + 1 :]:
            tumpang = abs(a.x - c.x) < (a.lebar + c.lebar) / 2 and abs(a.y - c.y) < bagan.TINGGI_KOTAK
            assert not tumpang
    assert tinggi > 0
    # printed 16 cm wide, the 7 pt names of the boxes stay above 4,5 pt (ten columns gave under 2 pt)
    assert 7 * (16 / 2.54) / lebar >= 4.5
