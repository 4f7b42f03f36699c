"""The national evaluation schemes: PermenPANRB 88/2021 (with its sub-components) and 12/2015.

Weights are points: a sub-component's weight is its share of the component (Pemenuhan 20 %, Kualitas 30 %,
Pemanfaatan 50 %), so Perencanaan Kinerja 30 splits into 6 + 9 + 15. Frozen here as data; the app's tests check
that the weights add up with sakip.evaluasi.nilai.validasi_bobot.
"""

from decimal import Decimal

from django.db import migrations

SUB_88 = (
    ("PEMENUHAN", "Pemenuhan", Decimal("0.2")),
    ("KUALITAS", "Kualitas", Decimal("0.3")),
    ("PEMANFAATAN", "Pemanfaatan", Decimal("0.5")),
)

SKEMA = [
    {
        "kode": "PERMENPANRB-88-2021",
        "nama": "Evaluasi AKIP PermenPANRB 88/2021",
        "dasar_hukum": "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
        "komponen": [
            ("PERENCANAAN", "Perencanaan Kinerja", Decimal(30)),
            ("PENGUKURAN", "Pengukuran Kinerja", Decimal(30)),
            ("PELAPORAN", "Pelaporan Kinerja", Decimal(15)),
            ("EVALUASI", "Evaluasi Akuntabilitas Kinerja Internal", Decimal(25)),
        ],
        "sub": SUB_88,
    },
    {
        "kode": "PERMENPANRB-12-2015",
        "nama": "Evaluasi AKIP PermenPANRB 12/2015",
        "dasar_hukum": "Peraturan Menteri PANRB Nomor 12 Tahun 2015 tentang Pedoman Evaluasi atas Implementasi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        "komponen": [
            ("PERENCANAAN", "Perencanaan Kinerja", Decimal(30)),
            ("PENGUKURAN", "Pengukuran Kinerja", Decimal(25)),
            ("PELAPORAN", "Pelaporan Kinerja", Decimal(15)),
            ("EVALUASI", "Evaluasi Internal", Decimal(10)),
            ("CAPAIAN", "Capaian Kinerja", Decimal(20)),
        ],
        "sub": (),
    },
]


def tambah(apps, schema_editor):
    SkemaEvaluasi = apps.get_model("evaluasi", "SkemaEvaluasi")
    KomponenSkema = apps.get_model("evaluasi", "KomponenSkema")
    for data in SKEMA:
        skema, _ = SkemaEvaluasi.objects.update_or_create(
            pemda=None, kode=data["kode"], defaults={"nama": data["nama"], "dasar_hukum": data["dasar_hukum"]}
        )
        urutan = 0
        for kode, nama, bobot in data["komponen"]:
            urutan += 1
            induk, _ = KomponenSkema.objects.update_or_create(
                skema=skema,
                kode=kode,
                defaults={"nama": nama, "bobot": bobot, "urutan": urutan, "induk": None},
            )
            for sub_kode, sub_nama, porsi in data["sub"]:
                urutan += 1
                KomponenSkema.objects.update_or_create(
                    skema=skema,
                    kode=f"{kode}.{sub_kode}",
                    defaults={
                        "nama": f"{nama}: {sub_nama}",
                        "bobot": bobot * porsi,
                        "urutan": urutan,
                        "induk": induk,
                    },
                )


def hapus(apps, schema_editor):
    SkemaEvaluasi = apps.get_model("evaluasi", "SkemaEvaluasi")
    KomponenSkema = apps.get_model("evaluasi", "KomponenSkema")
    kode = [data["kode"] for data in SKEMA]
    KomponenSkema.objects.filter(skema__pemda=None, skema__kode__in=kode).delete()
    SkemaEvaluasi.objects.filter(pemda=None, kode__in=kode).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(tambah, hapus)]
