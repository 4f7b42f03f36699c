from django.core.management import call_command
from django.urls import reverse

from sakip.demo import loader
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja


def counts():
    return (
        Pemda.objects.count(),
        UnitKerja.objects.count(),
        Pengguna.objects.count(),
        Penugasan.objects.count(),
    )


def test_demo_loads_setda_kaltim_and_its_nine_biro(db):
    call_command("muat_demo")
    setda = UnitKerja.objects.get(pemda__kode="64", kode="SETDA")
    assert setda.nama == "Sekretariat Daerah Provinsi Kalimantan Timur"
    biro = set(setda.anak.values_list("singkatan", flat=True))
    assert biro == {
        "Biro POD",
        "Biro Kesra",
        "Biro Hukum",
        "Biro Ekonomi",
        "Biro Adbang",
        "Biro PBJ",
        "Biro Organisasi",
        "Biro Umum",
        "Biro Adpim",
    }


def test_running_the_demo_twice_changes_nothing(db):
    call_command("muat_demo")
    first = counts()
    call_command("muat_demo")
    assert counts() == first


def test_demo_admin_can_log_in_with_the_readme_password(client, db):
    call_command("muat_demo")
    response = client.post(
        reverse("login"), {"username": "admin", "password": loader.DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("beranda")
    assert "superuser" in response.content.decode()


def test_readme_states_the_demo_credentials():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert loader.DEMO_PASSWORD in readme
    assert "`admin`" in readme
