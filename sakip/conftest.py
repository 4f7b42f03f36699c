"""Personas shared by every app's tests.

Organisation used by the personas:
    pemda P (provinsi)                      pemda Q (another provinsi)
      Setda P  (perangkat daerah)             Setda Q
        Biro A  ── Bagian A1
        Biro B
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connections, transaction

from sakip.organisasi import services
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja
from sakip.organisasi.tests.factories import PemdaFactory, PenggunaFactory, UnitKerjaFactory


@dataclass
class Organisasi:
    pemda: Pemda
    pemda_lain: Pemda
    setda: UnitKerja
    biro_a: UnitKerja
    bagian_a1: UnitKerja
    biro_b: UnitKerja
    setda_lain: UnitKerja


@pytest.fixture
def org(db: None) -> Organisasi:
    pemda = PemdaFactory(kode="64", nama="Provinsi Uji P")
    pemda_lain = PemdaFactory(kode="61", nama="Provinsi Uji Q")
    setda = UnitKerjaFactory(pemda=pemda, kode="SETDA", nama="Sekretariat Daerah P", jenis="perangkat_daerah")
    biro_a = UnitKerjaFactory(pemda=pemda, kode="SETDA.A", nama="Biro A", induk=setda)
    bagian_a1 = UnitKerjaFactory(
        pemda=pemda, kode="SETDA.A.1", nama="Bagian A1", induk=biro_a, jenis="bagian"
    )
    biro_b = UnitKerjaFactory(pemda=pemda, kode="SETDA.B", nama="Biro B", induk=setda)
    setda_lain = UnitKerjaFactory(
        pemda=pemda_lain, kode="SETDA", nama="Sekretariat Daerah Q", jenis="perangkat_daerah"
    )
    return Organisasi(pemda, pemda_lain, setda, biro_a, bagian_a1, biro_b, setda_lain)


def _persona(username: str, org: Organisasi, peran: str | None, unit: UnitKerja | None) -> Pengguna:
    user = PenggunaFactory(username=username)
    if peran:
        services.assign_role(pengguna=user, peran=peran, pemda=org.pemda, unit_kerja=unit)
    return user


@pytest.fixture
def admin_user(org: Organisasi) -> Pengguna:
    return PenggunaFactory(username="superadmin", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_pemda(org: Organisasi) -> Pengguna:
    return _persona("admin_pemda", org, Penugasan.Peran.ADMIN_PEMDA, None)


@pytest.fixture
def operator_a(org: Organisasi) -> Pengguna:
    return _persona("operator_a", org, Penugasan.Peran.OPERATOR, org.biro_a)


@pytest.fixture
def pimpinan_a(org: Organisasi) -> Pengguna:
    return _persona("pimpinan_a", org, Penugasan.Peran.PIMPINAN, org.biro_a)


@pytest.fixture
def operator_b(org: Organisasi) -> Pengguna:
    return _persona("operator_b", org, Penugasan.Peran.OPERATOR, org.biro_b)


@pytest.fixture
def evaluator(org: Organisasi) -> Pengguna:
    return _persona("evaluator", org, Penugasan.Peran.EVALUATOR, None)


@pytest.fixture
def tanpa_peran(org: Organisasi) -> Pengguna:
    return _persona("tanpa_peran", org, None, None)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings) -> None:
    # PBKDF2's deliberate slowness is for attackers, not for the test suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def bersamaan(pertama: Callable[[], object], kedua: Callable[[], object]) -> list[BaseException]:
    """Two saves on two database connections at the same moment (needs `django_db(transaction=True)`):
    `pertama` runs in a transaction kept open until `kedua` has started and, still running after a second, is taken
    to wait on a lock; then both finish. Returns their errors (none when the two queue properly); fails the test if
    `kedua` finishes while `pertama` still holds its transaction, i.e. did not wait for it."""
    di_dalam, lanjut = threading.Event(), threading.Event()
    galat: list[BaseException] = []

    def dalam_transaksi() -> None:
        with transaction.atomic():
            pertama()
            di_dalam.set()
            lanjut.wait(10)

    def jalankan(fungsi: Callable[[], object]) -> None:
        try:
            fungsi()
        except BaseException as exc:  # reported to the test
            galat.append(exc)
        finally:
            di_dalam.set()
            connections.close_all()

    satu = threading.Thread(target=jalankan, args=(dalam_transaksi,))
    satu.start()
    assert di_dalam.wait(10)
    dua = threading.Thread(target=jalankan, args=(kedua,))
    dua.start()
    dua.join(1)
    menunggu = dua.is_alive()
    lanjut.set()
    satu.join(10)
    dua.join(10)
    assert menunggu, f"the second save did not wait for the first: {galat}"
    return galat


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium (headless), pointed at the live test server.

    Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test itself are
    still synchronous, hence DJANGO_ALLOW_ASYNC_UNSAFE for the duration of the test.
    """
    import os

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            browser.close()
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def login(page, username: str, password: str) -> None:
    page.goto("/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def buka_menu(page, grup: str, tautan: str) -> None:
    """Open a page from the main menu as a person does: the "Menu" button on a phone, the group, then the link."""
    tombol = page.get_by_role("button", name="Menu")
    if tombol.is_visible() and tombol.get_attribute("aria-expanded") != "true":
        tombol.click()
    menu = page.locator("#menu-utama")
    menu.locator("summary", has_text=grup).click()
    menu.get_by_role("link", name=tautan, exact=True).click()


def buka_akun(page, tautan: str) -> None:
    """Use the account menu at the right of the bar (the user's name): "Keamanan akun", "Ganti sandi" or "Keluar"."""
    tombol = page.get_by_role("button", name="Menu")
    if tombol.is_visible() and tombol.get_attribute("aria-expanded") != "true":
        tombol.click()
    akun = page.locator("details.menu-akun")
    akun.locator("summary").click()
    if tautan == "Keluar":
        akun.get_by_role("button", name="Keluar").click()
    else:
        akun.get_by_role("link", name=tautan, exact=True).click()


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    """The whole demo (all seeds) loaded once per test module inside a transaction rolled back afterwards;
    each test still runs in its own savepoint, so tests cannot see each other's changes."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("muat_demo")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_module, db):
    """The demo data (see `_demo_module`)."""
    return None
