"""Issue #20 item 2: tujuan, sasaran (with strategi and kebijakan) and indicators are edited and deleted in the app,
with guards; the PK of a past period lists that period's programs only. On the demo of Setda Kaltim."""

import pytest
from django.test import Client
from django.urls import reverse

from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.perencanaan import services
from sakip.perencanaan.models import Indikator, PerjanjianKinerja, Program, RencanaStrategis, Sasaran, Tujuan


def _klien(username):
    c = Client()
    c.force_login(Pengguna.objects.get(username=username))
    return c


def _renstra():
    return RencanaStrategis.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )


def _indikator_baru(renstra, sasaran, kode="IKU99"):
    return services.save_indikator(
        indikator=Indikator(
            renstra=renstra, sasaran=sasaran, kode=kode, nama="Indikator percobaan", satuan="Persen"
        ),
        target={2025: services.NilaiTarget(nilai=90)},
    )


def test_the_admin_edits_a_sasaran_text_strategi_and_kebijakan_and_the_renstra_page_shows_them(demo):
    renstra = _renstra()
    sasaran = renstra.sasaran.order_by("urutan").first()
    admin = Pengguna.objects.get(username="admin.kaltim")
    r = _klien("admin.kaltim").post(
        reverse("perencanaan:sasaran_update", args=[sasaran.pk]),
        {
            "tujuan": sasaran.tujuan_id or "",
            "kode": sasaran.kode,
            "uraian": "Meningkatnya kualitas tata kelola pemerintahan",
            "strategi": "Memperkuat koordinasi antar biro\nDigitalisasi layanan",
            "kebijakan": "Penerapan SPBE",
        },
    )
    assert r.status_code == 302
    sasaran.refresh_from_db()
    assert sasaran.uraian == "Meningkatnya kualitas tata kelola pemerintahan"
    terakhir = sasaran.history.order_by("-history_date").first()
    assert (terakhir.history_type, terakhir.history_user, terakhir.kebijakan) == (
        "~",
        admin,
        "Penerapan SPBE",
    )
    halaman = _klien("pimpinan.setda").get(reverse("perencanaan:renstra_detail", args=[renstra.pk]))
    teks = halaman.content.decode()
    assert "<li>Digitalisasi layanan</li>" in teks
    assert "<li>Penerapan SPBE</li>" in teks
    assert reverse("perencanaan:sasaran_update", args=[sasaran.pk]) not in teks  # read-only: no edit link


def test_an_unused_indicator_is_deleted_with_its_targets_and_the_audit_names_who(demo):
    renstra = _renstra()
    ind = _indikator_baru(renstra, renstra.sasaran.first())
    r = _klien("admin.kaltim").post(reverse("perencanaan:indikator_delete", args=[ind.pk]))
    assert r.status_code == 302
    assert not Indikator.objects.filter(pk=ind.pk).exists()
    [hapus] = Indikator.history.filter(id=ind.pk, history_type="-")
    assert hapus.history_user.username == "admin.kaltim"


def test_deleting_a_measured_indicator_is_refused_with_a_message_and_nothing_changes(demo):
    ind = _renstra().indikator.get(kode="IKU01")
    assert ind.realisasi.exists()
    c = _klien("admin.kaltim")
    r = c.post(reverse("perencanaan:indikator_delete", args=[ind.pk]), follow=True)
    assert "tidak dapat dihapus: sudah memiliki realisasi" in r.content.decode()
    assert r.redirect_chain[-1][0] == reverse("perencanaan:indikator_detail", args=[ind.pk])
    assert Indikator.objects.filter(pk=ind.pk).exists()
    assert ind.target.count() > 0


def test_an_indicator_on_a_final_pk_is_not_deleted(demo):
    pk = PerjanjianKinerja.objects.get(unit_kerja__kode="SETDA", unit_kerja__pemda__kode="64", tahun=2024)
    renstra = _renstra()
    ind = _indikator_baru(renstra, renstra.sasaran.first())
    pk.indikator.create(indikator=ind, urutan=99)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=PerjanjianKinerja.Status.FINAL)
    with pytest.raises(services.ValidationError, match="Perjanjian Kinerja final tahun 2024"):
        services.delete_indikator(indikator=ind, by=Pengguna.objects.get(username="admin.kaltim"))
    assert Indikator.objects.filter(pk=ind.pk).exists()


def test_a_sasaran_or_tujuan_with_contents_is_refused_and_an_empty_one_is_deleted(demo):
    renstra = _renstra()
    c = _klien("admin.kaltim")
    penuh = renstra.sasaran.filter(indikator__isnull=False).first()
    r = c.post(reverse("perencanaan:sasaran_delete", args=[penuh.pk]), follow=True)
    assert "masih memiliki indikator" in r.content.decode()
    assert Sasaran.objects.filter(pk=penuh.pk).exists()
    tujuan = renstra.tujuan.first()
    r = c.post(reverse("perencanaan:tujuan_delete", args=[tujuan.pk]), follow=True)
    assert "masih memiliki" in r.content.decode()
    assert Tujuan.objects.filter(pk=tujuan.pk).exists()

    kosong_t = services.add_tujuan(renstra=renstra, kode="T9", uraian="Tujuan percobaan")
    kosong_s = services.add_sasaran(renstra=renstra, tujuan=kosong_t, kode="S9", uraian="Sasaran percobaan")
    assert c.post(reverse("perencanaan:sasaran_delete", args=[kosong_s.pk])).status_code == 302
    assert c.post(reverse("perencanaan:tujuan_delete", args=[kosong_t.pk])).status_code == 302
    assert not Sasaran.objects.filter(pk=kosong_s.pk).exists()
    assert not Tujuan.objects.filter(pk=kosong_t.pk).exists()
    assert (
        Tujuan.history.filter(id=kosong_t.pk, history_type="-").get().history_user.username == "admin.kaltim"
    )


def test_a_tujuan_is_renamed_and_a_duplicate_code_is_refused_on_the_form(demo):
    renstra = _renstra()
    pertama, *lain = list(renstra.tujuan.all())
    c = _klien("admin.kaltim")
    r = c.post(
        reverse("perencanaan:tujuan_update", args=[pertama.pk]), {"kode": pertama.kode, "uraian": "Baru"}
    )
    assert r.status_code == 302
    pertama.refresh_from_db()
    assert pertama.uraian == "Baru"
    if lain:
        r = c.post(
            reverse("perencanaan:tujuan_update", args=[pertama.pk]), {"kode": lain[0].kode, "uraian": "X"}
        )
        assert r.status_code == 200
        pertama.refresh_from_db()
        assert pertama.uraian == "Baru"


def _url_baru(renstra):
    sasaran = renstra.sasaran.first()
    tujuan = renstra.tujuan.first()
    ind = renstra.indikator.get(kode="IKU01")
    return [
        ("get", reverse("perencanaan:tujuan_update", args=[tujuan.pk])),
        ("post", reverse("perencanaan:tujuan_delete", args=[tujuan.pk])),
        ("get", reverse("perencanaan:sasaran_update", args=[sasaran.pk])),
        ("post", reverse("perencanaan:sasaran_delete", args=[sasaran.pk])),
        ("post", reverse("perencanaan:indikator_delete", args=[ind.pk])),
    ]


@pytest.mark.parametrize(("username", "status"), [("pimpinan.setda", 403), ("inspektorat", 403)])
def test_read_only_roles_get_403_on_every_edit_and_delete(demo, username, status):
    for metode, url in _url_baru(_renstra()):
        assert getattr(_klien(username), metode)(url).status_code == status, url


@pytest.mark.parametrize("username", ["operator.organisasi", "pimpinan.adpim"])
def test_users_outside_the_setda_get_404_on_every_edit_and_delete(demo, username):
    for metode, url in _url_baru(_renstra()):
        assert getattr(_klien(username), metode)(url).status_code == 404, url


def test_the_pk_of_a_past_period_lists_only_that_period_s_programs(demo):
    setda = UnitKerja.objects.get(pemda__kode="64", kode="SETDA")
    lama = RencanaStrategis.objects.get(unit_kerja=setda, tahun_mulai=2013)
    kini_program = set(Program.objects.filter(sasaran__renstra=_renstra()).values_list("pk", flat=True))
    assert kini_program
    pk = services.create_pk(unit_kerja=setda, renstra=lama, tahun=2016)
    assert not set(pk.program.values_list("program_id", flat=True)) & kini_program
    teks = _klien("admin.kaltim").get(reverse("perencanaan:pk_detail", args=[pk.pk])).content.decode()
    assert teks.count('name="pagu_') == pk.program.count()  # the page lists the PK's own lines only
    # The current period's PK keeps its own programs.
    kini = PerjanjianKinerja.objects.get(unit_kerja=setda, tahun=2024)
    assert kini.program.filter(program__sasaran__renstra=_renstra()).count() == kini.program.count() > 0


# --- Renstra Perubahan ---------------------------------------------------------------------------------------------


def test_a_renstra_perubahan_keeps_the_old_version_with_its_reason_and_shows_both(demo):
    renstra = _renstra()
    sasaran = renstra.sasaran.order_by("urutan").first()
    lama_teks = sasaran.uraian
    c = _klien("admin.kaltim")
    r = c.post(
        reverse("perencanaan:renstra_perubahan", args=[renstra.pk]),
        {"alasan": "Penyesuaian dengan RPJMD Perubahan 2025"},
    )
    assert r.status_code == 302
    renstra.refresh_from_db()
    assert renstra.versi == 2
    [versi] = renstra.versi_lama.all()
    assert (versi.nomor, versi.alasan, versi.dibuat_oleh.username) == (
        1,
        "Penyesuaian dengan RPJMD Perubahan 2025",
        "admin.kaltim",
    )
    services.update_sasaran(
        sasaran=sasaran,
        tujuan=sasaran.tujuan,
        kode=sasaran.kode,
        uraian="Sasaran versi perubahan",
        by=Pengguna.objects.get(username="admin.kaltim"),
    )
    # The old version as it was, read by a read-only user; the Renstra page lists it with its reason.
    pembaca = _klien("pimpinan.setda")
    lama = pembaca.get(reverse("perencanaan:renstra_versi", args=[versi.pk])).content.decode()
    assert lama_teks in lama
    assert "Sasaran versi perubahan" not in lama
    assert "Penyesuaian dengan RPJMD Perubahan 2025" in lama
    assert "IKU01" in lama
    kini = pembaca.get(reverse("perencanaan:renstra_detail", args=[renstra.pk])).content.decode()
    assert "Sasaran versi perubahan" in kini
    assert reverse("perencanaan:renstra_versi", args=[versi.pk]) in kini
    assert "2 (Renstra Perubahan)" in kini


def test_a_renstra_perubahan_without_a_reason_is_refused_and_read_only_and_outsiders_cannot_start_one(demo):
    renstra = _renstra()
    r = _klien("admin.kaltim").post(
        reverse("perencanaan:renstra_perubahan", args=[renstra.pk]), {"alasan": " "}, follow=True
    )
    assert "alasan perubahan" in r.content.decode()
    url = reverse("perencanaan:renstra_perubahan", args=[renstra.pk])
    assert _klien("pimpinan.setda").post(url, {"alasan": "Alasan yang cukup panjang"}).status_code == 403
    assert _klien("operator.organisasi").post(url, {"alasan": "Alasan yang cukup panjang"}).status_code == 404
    renstra.refresh_from_db()
    assert (renstra.versi, renstra.versi_lama.count()) == (1, 0)


def test_an_old_version_is_hidden_from_users_outside_the_unit(demo):
    from sakip.perencanaan import perubahan

    versi = perubahan.mulai_perubahan(
        renstra=_renstra(), alasan="Penyesuaian nomenklatur", by=Pengguna.objects.get(username="admin.kaltim")
    )
    url = reverse("perencanaan:renstra_versi", args=[versi.pk])
    assert _klien("operator.organisasi").get(url).status_code == 404
    assert _klien("inspektorat").get(url).status_code == 200
