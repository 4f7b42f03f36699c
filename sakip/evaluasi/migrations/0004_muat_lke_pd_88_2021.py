"""The LKE of a perangkat daerah under PermenPANRB 88/2021 (77 criteria with their evidence items and answer
scales) as a national scheme, read from sakip/evaluasi/data/lke-88-2021.json."""

from django.db import migrations


def tambah(apps, schema_editor):
    from sakip.evaluasi import muat_lke

    muat_lke.tulis(
        SkemaEvaluasi=apps.get_model("evaluasi", "SkemaEvaluasi"),
        KomponenSkema=apps.get_model("evaluasi", "KomponenSkema"),
        KriteriaSkema=apps.get_model("evaluasi", "KriteriaSkema"),
        BuktiSkema=apps.get_model("evaluasi", "BuktiSkema"),
        data=muat_lke.baca_berkas(),
    )


def hapus(apps, schema_editor):
    from sakip.evaluasi import muat_lke

    SkemaEvaluasi = apps.get_model("evaluasi", "SkemaEvaluasi")
    KomponenSkema = apps.get_model("evaluasi", "KomponenSkema")
    KomponenSkema.objects.filter(skema__pemda=None, skema__kode=muat_lke.KODE).delete()
    SkemaEvaluasi.objects.filter(pemda=None, kode=muat_lke.KODE).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0003_lke_kriteria_bukti_skema_tahun")]

    operations = [migrations.RunPython(tambah, hapus)]
