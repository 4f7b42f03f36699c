"""The main menu: grouped, the group of the page marked, the admin's settings only for admins."""

import pytest
from django.urls import reverse

from sakip.organisasi.templatetags.peran import grup_menu


@pytest.mark.parametrize(
    ("path", "grup"),
    [
        ("/", "beranda"),
        ("/pengukuran/unit/3/isian/", "ruang_kerja"),
        ("/pengukuran/skala/2/", "pengaturan"),
        ("/pengukuran/kunci/", "pengaturan"),
        ("/perencanaan/satuan/", "pengaturan"),
        ("/perencanaan/nomenklatur/impor/", "pengaturan"),
        ("/perencanaan/renstra/4/", "perencanaan"),
        ("/rpjmd/3/pohon/", "perencanaan"),
        ("/anggaran/", "perencanaan"),
        ("/pengukuran/", "pengukuran"),
        ("/survei/", "pengukuran"),
        ("/laporan/pengaturan/1/", "pengaturan"),
        ("/laporan/", "evaluasi"),
        ("/arsip/", "evaluasi"),
        ("/profil/", "organisasi"),
        ("/akun/keamanan/", ""),
    ],
)
def test_each_page_belongs_to_its_menu_group(path, grup):
    assert grup_menu(path) == grup


def test_the_admin_sees_the_pemda_settings_and_an_operator_does_not(client, admin_pemda, operator_a):
    admin_saja = [
        reverse("pengukuran:kunci"),
        reverse("notifikasi:webhook"),
        reverse("akun:kebijakan"),
        reverse("organisasi:pengguna_list"),
        reverse("pelaporan:pengaturan"),
        reverse("organisasi:pejabat_list"),
    ]
    client.force_login(admin_pemda)
    page = client.get(reverse("perencanaan:renstra_list")).content.decode()
    for url in admin_saja:
        assert f'href="{url}"' in page
    assert '<details class="menu-grup aktif"><summary>Perencanaan</summary>' in page

    client.force_login(operator_a)
    page = client.get(reverse("perencanaan:renstra_list")).content.decode()
    for url in admin_saja:
        assert f'href="{url}"' not in page
    assert f'href="{reverse("pengukuran:pengaturan")}"' in page  # read-only for others
    assert f'href="{reverse("admin:index")}"' not in page
