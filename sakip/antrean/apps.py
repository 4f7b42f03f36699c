from django.apps import AppConfig


class AntreanConfig(AppConfig):
    name = "sakip.antrean"
    verbose_name = "Antrean pekerjaan"

    def ready(self) -> None:
        from sakip.antrean import impor, jadwal, pekerjaan

        def bersihkan(konteks: pekerjaan.Konteks) -> dict[str, int]:
            return {"pekerjaan": pekerjaan.bersihkan(), "jadwal": jadwal.bersihkan_catatan()}

        pekerjaan.daftarkan("antrean.bersihkan", pekerjaan.Jenis(jalankan=bersihkan))
        jadwal.daftarkan(jadwal.Jadwal("bersihkan-antrean", "antrean.bersihkan", jadwal.harian(2)))
        impor.daftarkan_pekerjaan()
