import factory

from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja

PASSWORD = "rahasia-uji-123"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    kode = factory.Sequence(lambda n: f"9{n:02d}")
    nama = factory.Sequence(lambda n: f"Provinsi Uji {n}")
    jenis = Pemda.Jenis.PROVINSI


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    pemda = factory.SubFactory(PemdaFactory)
    kode = factory.Sequence(lambda n: f"UNIT{n}")
    nama = factory.Sequence(lambda n: f"Unit Kerja {n}")
    jenis = UnitKerja.Jenis.BIRO


class PenggunaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengguna

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password(PASSWORD)


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    pengguna = factory.SubFactory(PenggunaFactory)
    peran = Penugasan.Peran.OPERATOR
    pemda = factory.SelfAttribute("unit_kerja.pemda")
    unit_kerja = factory.SubFactory(UnitKerjaFactory)
