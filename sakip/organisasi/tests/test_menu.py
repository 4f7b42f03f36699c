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


def test_the_menu_kept_per_kind_of_user_follows_a_role_given_and_the_page(
    client, operator_a, django_user_model
):
    """The menu is rendered once per kind of user and page group (`menu_utama`): a role given later, a superuser
    and another page group each get their own menu, and nothing of one user shows in another's."""
    from sakip.organisasi import services

    client.force_login(operator_a)
    page = client.get(reverse("perencanaan:renstra_list")).content.decode()
    assert f'href="{reverse("organisasi:pengguna_list")}"' not in page
    page = client.get(reverse("pengukuran:dasbor")).content.decode()
    assert '<details class="menu-grup aktif"><summary>Pengukuran</summary>' in page
    assert '<details class="menu-grup aktif"><summary>Perencanaan</summary>' not in page

    services.assign_role(pengguna=operator_a, peran="admin_pemda", pemda=operator_a.penugasan.first().pemda)
    page = client.get(reverse("perencanaan:renstra_list")).content.decode()
    assert f'href="{reverse("organisasi:pengguna_list")}"' in page
    assert f'href="{reverse("admin:index")}"' not in page

    root = django_user_model.objects.create_superuser("akar.menu", password="x-Sandi-Panjang-2026")
    client.force_login(root)
    page = client.get(reverse("perencanaan:renstra_list")).content.decode()
    menu = page[page.index('<nav class="mainnav"') : page.index("</nav>")]
    assert f'href="{reverse("admin:index")}"' in menu
    assert "akar.menu" not in menu
    assert operator_a.username not in menu
