"""Category scales as data: copy a template, edit bands (validated at the field), choose per year for the category
and the traffic light; admin pemda writes, others read; every change in the audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from sakip.lib import skala
from sakip.organisasi import services as org_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.pengukuran import queries, services
from sakip.pengukuran.models import SkalaKategori
from sakip.pengukuran.tests.test_aturan_pengaturan import renstra  # noqa: F401  (fixture)

D = Decimal
API = "/api/skala-kategori/"


@pytest.fixture
def luar(org):
    user = PenggunaFactory(username="admin_lain")
    org_services.assign_role(pengguna=user, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    return user


def _tiga_pita(bawah_tengah="60", atas_tengah="90"):
    return [
        {"label": "Tinggi", "warna": "#00aa00", "kode": "T", "bawah": atas_tengah, "bawah_inklusif": True},
        {
            "label": "Sedang",
            "warna": "#aaaa00",
            "kode": "S",
            "bawah": bawah_tengah,
            "bawah_inklusif": True,
            "atas": atas_tengah,
        },
        {"label": "Rendah", "warna": "#aa0000", "kode": "R", "atas": "60"},
    ]


def test_the_engine_says_which_band_and_bound_leaves_a_gap():
    with pytest.raises(skala.SkalaError) as exc:
        skala.Skala(
            kode="x",
            nama="X",
            pita=(
                skala.Pita("A", "#000000", D(90), True, None, False),
                skala.Pita("B", "#000000", None, False, D(80), False),
            ),
        )
    assert (exc.value.indeks, exc.value.isian) == (0, "bawah")
    assert "celah" in str(exc.value)


def test_a_copy_of_a_shipped_template_classifies_like_it(org, admin_pemda):
    obj = services.salin_skala(
        pemda=org.pemda, by=admin_pemda, sumber="lkjip_lima_pita", kode="lima", nama=""
    )
    assert obj.nama == "Salinan Skala lima pita LKjIP"
    salinan = obj.sebagai_skala()
    for nilai in ("91", "90.99", "76", "66", "50.01", "50"):
        assert salinan.klasifikasi(D(nilai)).label == skala.LKJIP_LIMA_PITA.klasifikasi(D(nilai)).label


@pytest.mark.parametrize(
    ("pita", "kunci", "kata"),
    [
        (_tiga_pita(bawah_tengah="65"), "pita-1-bawah", "ada celah"),  # 60 – 65 in no band
        (_tiga_pita(bawah_tengah="55"), "pita-1-bawah", "tumpang tindih"),  # 55 – 60 in two bands
        (
            [{**p, "warna": "hijau"} if p["kode"] == "T" else p for p in _tiga_pita()],
            "pita-0-warna",
            "#rrggbb",
        ),
        ([{**p, "label": ""} if p["kode"] == "R" else p for p in _tiga_pita()], "pita-2-label", "wajib"),
    ],
)
def test_bad_bands_are_refused_at_the_band_field(org, admin_pemda, pita, kunci, kata):
    with pytest.raises(ValidationError) as exc:
        services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=pita)
    assert list(exc.value.message_dict) == [kunci]
    assert kata in exc.value.message_dict[kunci][0]
    assert not SkalaKategori.objects.exists()


def test_a_shipped_kode_cannot_be_taken(org, admin_pemda):
    with pytest.raises(ValidationError) as exc:
        services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="lampu", nama="L", pita=_tiga_pita())
    assert "kode" in exc.value.message_dict


def test_scales_chosen_per_year_give_the_category_and_the_traffic_light(renstra, org, admin_pemda):  # noqa: F811
    services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga pita", pita=_tiga_pita())
    services.simpan_pengaturan(
        pemda=org.pemda,
        tahun=2025,
        by=admin_pemda,
        metode_rollup="rata_rata_sasaran",
        kebijakan_kosong="hitung_nol",
        batas_capaian=None,
        skala_kategori="tiga",
        skala_lampu="tiga",
        hari_tenggat=15,
    )
    tahun_2025 = queries.tabel_capaian(renstra, 2025)
    assert tahun_2025.unit.nilai == D(60)  # (120 + 0) / 2
    assert tahun_2025.kategori_unit.label == "Sedang"  # 60 – < 90 in the pemda's own scale
    lampu = {b.indikator.kode: b.lampu.label for b in tahun_2025.baris if b.lampu}
    assert lampu == {"IKU01": "Tinggi"}  # 120 ≥ 90; IKU02 has no capaian, hence no light
    tahun_2024 = queries.tabel_capaian(renstra, 2024)
    assert tahun_2024.kategori_unit.label == "Memuaskan"  # 120 on the shipped Kaltim scale
    assert [b.lampu.label for b in tahun_2024.baris if b.lampu] == ["Hijau"]


def test_a_scale_used_by_a_locked_year_cannot_change_its_bands(org, admin_pemda):
    obj = services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=_tiga_pita())
    services.simpan_pengaturan(
        pemda=org.pemda,
        tahun=2024,
        by=admin_pemda,
        metode_rollup="rata_rata_sasaran",
        kebijakan_kosong="kecualikan",
        batas_capaian=None,
        skala_kategori="tiga",
        hari_tenggat=15,
    )
    services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
    with pytest.raises(ValidationError) as exc:
        services.ubah_skala(
            skala_obj=obj,
            by=admin_pemda,
            nama="Tiga",
            pita=_tiga_pita(atas_tengah="95"),
            desimal_klasifikasi=2,
        )
    assert "2024 yang terkunci" in exc.value.message_dict["pita"][0]


def test_only_the_admin_pemda_writes_scales(org, operator_a, luar):
    for user in (operator_a, luar):
        with pytest.raises(PermissionDenied):
            services.salin_skala(pemda=org.pemda, by=user, sumber="lampu", kode="x", nama="")


# --- pages -------------------------------------------------------------------------------------------------------------


def _pita_post(pita, extra=0):
    data = {"pita-TOTAL_FORMS": len(pita) + extra, "pita-INITIAL_FORMS": len(pita), "nama": "Tiga pita"}
    data["desimal_klasifikasi"] = "2"
    for i, p in enumerate(pita):
        for k, v in p.items():
            if isinstance(v, bool):
                if v:
                    data[f"pita-{i}-{k}"] = "on"
            else:
                data[f"pita-{i}-{k}"] = v
    return data


def test_admin_copies_a_template_and_edits_its_bands_on_the_page(client, org, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(
        "/pengukuran/skala/",
        {"pemda": org.pemda.pk, "sumber": "lampu", "kode": "lampu-saya", "nama": "Lampu saya"},
    )
    obj = SkalaKategori.objects.get(kode="lampu-saya")
    assert response.url == f"/pengukuran/skala/{obj.pk}/"
    pita = _tiga_pita()
    assert client.post(f"/pengukuran/skala/{obj.pk}/", _pita_post(pita)).status_code == 302
    obj.refresh_from_db()
    assert [p["label"] for p in obj.pita] == ["Tinggi", "Sedang", "Rendah"]
    halaman = client.get(f"/pengukuran/skala/{obj.pk}/").content.decode()
    assert "60 – &lt; 90" in halaman  # the band as people read it
    assert "admin_pemda" in halaman  # the audit trail


def test_a_gap_is_shown_at_the_band_field_on_the_page_and_nothing_is_saved(client, org, admin_pemda):
    obj = services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=_tiga_pita())
    client.force_login(admin_pemda)
    response = client.post(f"/pengukuran/skala/{obj.pk}/", _pita_post(_tiga_pita(bawah_tengah="65"), extra=1))
    assert response.status_code == 200
    galat = response.context["formset"].forms[1].errors["bawah"][0]
    assert galat.startswith("Skala 'Tiga pita': ada celah antara pita")
    obj.refresh_from_db()
    assert obj.pita[1]["bawah"] == "60"
    assert obj.history.count() == 1


def test_read_only_roles_see_the_bands_but_cannot_change_them(client, org, admin_pemda, pimpinan_a):
    obj = services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=_tiga_pita())
    client.force_login(pimpinan_a)
    response = client.get(f"/pengukuran/skala/{obj.pk}/")
    assert response.status_code == 200
    assert b"Simpan skala" not in response.content
    assert b"Sedang" in response.content
    assert client.post(f"/pengukuran/skala/{obj.pk}/", _pita_post(_tiga_pita())).status_code == 403
    assert client.post("/pengukuran/skala/", {"sumber": "lampu", "kode": "x"}).status_code == 403


def test_outsider_gets_404_for_another_pemdas_scale(client, org, admin_pemda, luar):
    obj = services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=_tiga_pita())
    client.force_login(luar)
    assert client.get(f"/pengukuran/skala/{obj.pk}/").status_code == 404
    assert client.post(f"/pengukuran/skala/{obj.pk}/", _pita_post(_tiga_pita())).status_code == 404
    assert b"Tiga" not in client.get("/pengukuran/skala/").content


# --- API ---------------------------------------------------------------------------------------------------------------


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_api_copies_edits_and_refuses_overlap_at_the_band_field(org, admin_pemda, pimpinan_a):
    api = _api(admin_pemda)
    baru = api.post(
        API, {"pemda": org.pemda.pk, "kode": "lima", "salin_dari": "lkjip_lima_pita"}, format="json"
    )
    assert baru.status_code == 201, baru.json()
    assert baru.json()["pita"][0]["label"] == "Sangat Tinggi"
    url = f"{API}{baru.json()['id']}/"
    salah = api.put(url, {"nama": "Tiga", "pita": _tiga_pita(bawah_tengah="55")}, format="json")
    assert salah.status_code == 400
    assert list(salah.json()) == ["pita-1-bawah"]
    assert "tumpang tindih" in salah.json()["pita-1-bawah"][0]
    benar = api.put(url, {"nama": "Tiga", "pita": _tiga_pita()}, format="json")
    assert benar.status_code == 200
    assert _api(pimpinan_a).get(url).json()["nama"] == "Tiga"
    assert len(_api(pimpinan_a).get(f"{API}bawaan/").json()) == len(skala.SKALA_BAWAAN)


def test_api_read_only_gets_403_and_outsider_404(org, admin_pemda, pimpinan_a, operator_a, luar):
    obj = services.buat_skala(pemda=org.pemda, by=admin_pemda, kode="tiga", nama="Tiga", pita=_tiga_pita())
    url = f"{API}{obj.pk}/"
    isian = {"nama": "X", "pita": _tiga_pita()}
    assert _api(pimpinan_a).put(url, isian, format="json").status_code == 403
    assert _api(operator_a).put(url, isian, format="json").status_code == 403
    assert _api(luar).put(url, isian, format="json").status_code == 404
    assert _api(luar).get(url).status_code == 404
    assert _api(luar).get(API).json()["count"] == 0
    buat = {"pemda": org.pemda.pk, "kode": "y", "salin_dari": "lampu"}
    assert _api(operator_a).post(API, buat, format="json").status_code == 403
    assert _api(luar).post(API, buat, format="json").status_code == 404
    obj.refresh_from_db()
    assert obj.nama == "Tiga"
