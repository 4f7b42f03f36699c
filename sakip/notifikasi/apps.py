from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "sakip.notifikasi"
    verbose_name = "Notifikasi"

    def ready(self) -> None:
        from sakip.antrean import jadwal, pekerjaan
        from sakip.notifikasi import kirim, pemicu
        from sakip.pengukuran import sinyal

        sinyal.status_realisasi_berubah.connect(pemicu.status_realisasi_berubah, dispatch_uid="notifikasi")
        pekerjaan.daftarkan("notifikasi.kirim", pekerjaan.Jenis(jalankan=kirim.kirim))
        pekerjaan.daftarkan("notifikasi.harian", pekerjaan.Jenis(jalankan=pemicu._harian))
        pekerjaan.daftarkan("notifikasi.mingguan", pekerjaan.Jenis(jalankan=pemicu._mingguan))
        # Local time (SAKIP_TIME_ZONE): reminders at 07:00 every day, the pimpinan's digest on Monday at 07:00.
        jadwal.daftarkan(jadwal.Jadwal("pengingat-harian", "notifikasi.harian", jadwal.harian(7)))
        jadwal.daftarkan(jadwal.Jadwal("ringkasan-pimpinan", "notifikasi.mingguan", jadwal.mingguan(0, 7)))
