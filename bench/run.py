"""`make bench`: the benchmark suite at national scale on a throw-away PostgreSQL (see docs/bench.md).

Every timing is printed with a baseline measured in the same run and the ratio between them:
  (a) all unit capaian of one year (rekap) vs one hand-written SQL aggregate over the same rows;
  (b) the pemda dashboard vs a minimal view (the health check) on the same gunicorn, sequentially;
  (c) the LKjIP of the demo unit (Word, PDF) vs rendering the already-built content / converting the same .docx;
  (d) a 10.000-row budget import vs a bare openpyxl read of the same workbook;
  (e) the dimension bomb and a 1.048.576-row workbook sent to every importer: time and peak memory each;
then a load test (32 clients, 60 s: dashboards, realisasi writes through the API, report downloads) with a
reconciliation of every acknowledged write, PostgreSQL restarted under load, and an import killed mid-way.
Also (issue #24): the kept capaian rebuilt after generation and read by the overviews, the national grouped
overview, (g) a realisasi save and its kept-capaian part, and per page kind the throughput at p95 <= 300 ms.
Writes bench/results.json. Scale: SAKIP_BENCH_PEMDA (548), SAKIP_BENCH_UNIT (40), SAKIP_BENCH_INDIKATOR (15);
load: SAKIP_BENCH_KLIEN (32), SAKIP_BENCH_DETIK (60), SAKIP_BENCH_LANGKAH_DETIK (10, capacity steps),
SAKIP_BENCH_KAPASITAS (0: skip them); BENCH_ULANG=3: the measurements three times, the median reported.
"""

from __future__ import annotations

import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: F401  (first: a fresh database; Django set up)

# isort: split
import beban
import data_nasional
import impor_anggaran
import impor_bermusuhan
import rollup
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

TAHUN = 2026
HASIL: dict[str, object] = {}
SANDI = "bench-sandi-2026"


def _env_int(nama: str, bawaan: int) -> int:
    return int(os.environ.get(nama, bawaan))


def judul(teks: str) -> None:
    print(f"\n== {teks} ==", flush=True)


def mesin() -> dict[str, object]:
    cpu = next(
        (
            b.split(":", 1)[1].strip()
            for b in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in b
        ),
        "?",
    )
    mem = next(
        (b.split()[1] for b in Path("/proc/meminfo").read_text().splitlines() if b.startswith("MemTotal")),
        "0",
    )
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0] if connection.vendor == "postgresql" else "-"
    return {
        "cpu": cpu,
        "inti": os.cpu_count(),
        "memori_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg,
        "os": platform.platform(),
    }


def siapkan_data() -> None:
    judul("Persiapan: migrasi, data demo, data nasional")
    mulai = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("muat_demo", verbosity=0)
    r = data_nasional.bangkitkan(
        pemda=_env_int("SAKIP_BENCH_PEMDA", 548),
        unit=_env_int("SAKIP_BENCH_UNIT", 40),
        indikator=_env_int("SAKIP_BENCH_INDIKATOR", 15),
        tahun=TAHUN,
    )
    # The generated rows were bulk-inserted without model signals: the kept capaian of the year are rebuilt, as
    # after any load that bypasses the services (`manage.py hitung_ulang_capaian`).
    from sakip.pengukuran import kini

    t0 = time.perf_counter()
    kini.hitung_ulang(tahun=TAHUN)
    detik_kini = time.perf_counter() - t0
    print(f"capaian tersimpan {TAHUN} dihitung ulang: {detik_kini:.0f} s")
    HASIL["data"] = {
        "detik_hitung_ulang_capaian": round(detik_kini, 1),
        "pemda": r.pemda,
        "unit": r.unit,
        "indikator": r.indikator,
        "realisasi": r.realisasi,
        "anggaran": r.anggaran,
        "detik_bangkitkan": round(r.detik, 1),
    }
    print(f"{r.realisasi:,} realisasi, {r.anggaran:,} baris anggaran; {time.perf_counter() - mulai:.0f} s")


def ukur_rollup() -> dict[str, object]:
    judul("(a) Rekap capaian semua unit satu tahun vs SQL tulisan tangan; capaian tersimpan")
    h = rollup.ukur(TAHUN)
    h.update(rollup.ukur_tersimpan(TAHUN))
    print(
        f"{h['renstra']:,} Renstra: rekap acuan {h['produk_s']:.2f} s, SQL dasar {h['sql_dasar_s']:.2f} s, "
        f"rasio {h['rasio']:.2f}; dari capaian tersimpan {h['tersimpan_s']:.2f} s; ikhtisar nasional (halaman "
        f"pertama + agregat) {h['ikhtisar_nasional_ms']:.0f} ms"
    )
    return h


def ukur_laporan() -> None:
    judul("(c) LKjIP unit demo 2024: Word dan PDF")
    from sakip.organisasi.models import Pengguna
    from sakip.pelaporan import lkjip
    from sakip.pelaporan.render import docx as render_docx
    from sakip.pelaporan.render import pdf as render_pdf
    from sakip.perencanaan.models import RencanaStrategis

    renstra = RencanaStrategis.objects.select_related("unit_kerja__pemda").get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai__lte=2024, tahun_selesai__gte=2024
    )
    user = Pengguna.objects.get(username="admin.kaltim")
    lkjip.bangun_lkjip(renstra, 2024, user)  # warm-up (imports, fonts)
    t0 = time.perf_counter()
    isi = lkjip.bangun_lkjip(renstra, 2024, user)
    t1 = time.perf_counter()
    berkas = render_docx.tulis(isi)
    t2 = time.perf_counter()
    h: dict[str, object] = {
        "isi_s": round(t1 - t0, 2),
        "docx_s": round(t2 - t0, 2),
        "docx_render_saja_s": round(t2 - t1, 2),
        "rasio_docx": round((t2 - t0) / (t2 - t1), 2),
        "docx_kb": len(berkas) // 1024,
    }
    if render_pdf.tersedia():
        t3 = time.perf_counter()
        render_pdf.dari_docx(berkas)
        t4 = time.perf_counter()
        h.update(pdf_s=round(t2 - t0 + t4 - t3, 2), pdf_konversi_saja_s=round(t4 - t3, 2))
        h["rasio_pdf"] = round(float(h["pdf_s"]) / (t4 - t3), 2)
    HASIL["c_lkjip"] = h
    print(
        f"Word {h['docx_s']} s (isi {h['isi_s']} s, render {h['docx_render_saja_s']} s; sasaran < 5 s); "
        f"PDF {h.get('pdf_s', '-')} s (konversi LibreOffice {h.get('pdf_konversi_saja_s', '-')} s; sasaran < 15 s)"
    )


def ukur_impor() -> tuple[Path, int]:
    judul("(d) Impor 10.000 baris anggaran vs baca openpyxl saja; impor yang dibunuh di tengah jalan")
    user = impor_anggaran.siapkan()
    pertama, kedua = impor_anggaran.buku(0), impor_anggaran.buku(500)
    t_impor = impor_anggaran.impor(user, pertama, "Impor pertama")
    t_baca = min(impor_anggaran.baca_saja(pertama) for _ in range(2))
    HASIL["d_impor"] = {
        "baris": impor_anggaran.JUMLAH,
        "impor_s": round(t_impor, 2),
        "baca_openpyxl_s": round(t_baca, 2),
    }
    HASIL["d_impor"]["rasio"] = round(t_impor / t_baca, 2)
    print(f"openpyxl saja {t_baca:.2f} s; rasio {t_impor / t_baca:.2f}")
    berkas = Path(tempfile.mkdtemp(prefix="sakip-bench-")) / "kedua.xlsx"
    berkas.write_bytes(kedua)
    return berkas, t_impor


def impor_dibunuh(berkas: Path) -> None:
    """The second workbook (10.000 changed lines) is imported by a child process, killed while it writes."""
    from sakip.anggaran.models import AnggaranSubKegiatan

    def potret() -> tuple[int, int, str]:
        qs = AnggaranSubKegiatan.objects.filter(sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode="99")
        jumlah = sum((a.pagu + a.realisasi for a in qs.only("pagu", "realisasi")), Decimal(0))
        return qs.count(), AnggaranSubKegiatan.history.count(), str(jumlah)

    sebelum = potret()
    env = dict(os.environ, SAKIP_BENCH_DB=connection.settings_dict["NAME"])
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "impor_dibunuh.py"), str(berkas)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    baris = proc.stdout.readline().strip() if proc.stdout else ""
    time.sleep(1.0)  # well inside the write phase (about 3–4 s for 10.000 rows)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)  # let PostgreSQL notice the broken connection and roll back
    sesudah = potret()
    utuh = sebelum == sesudah
    HASIL["impor_dibunuh"] = {
        "dibunuh_saat": baris,
        "sebelum": list(sebelum),
        "sesudah": list(sesudah),
        "basis_data_utuh": utuh,
    }
    print(
        f"Impor dibunuh setelah '{baris}': basis data {'utuh' if utuh else 'BERUBAH'} ({sebelum} → {sesudah})"
    )


def siapkan_klien(url: str, jumlah: int) -> list[beban.Klien]:
    """One admin per national pemda (N0001…): a session, an API token, 20 quarterly realisasi of its own to write."""
    from rest_framework.authtoken.models import Token

    from sakip.akun import services as akun_services
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pemda, Pengguna
    from sakip.pengukuran.models import Realisasi
    from sakip.perencanaan.models import RencanaStrategis

    demo_renstra = RencanaStrategis.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )
    klien = []
    siapkan_super()
    for n in range(1, jumlah + 1):
        pemda = Pemda.objects.get(kode=f"N{n:04d}")
        user = Pengguna.objects.create_user(f"bench.admin{n:02d}", password=SANDI)
        org_services.assign_role(pengguna=user, peran="admin_pemda", pemda=pemda)
        # The load clients log in with a password only: their pemda requires no second factor (a pemda without a
        # saved policy requires it of admin pemda, and the dashboard would answer with the enrolment page).
        akun_services.simpan_kebijakan(pemda=pemda, peran_wajib=set(), by=None)
        token = Token.objects.create(user=user).key
        renstra = list(RencanaStrategis.objects.filter(unit_kerja__pemda=pemda).order_by("pk"))
        rows = Realisasi.objects.filter(
            unit_kerja__pemda=pemda, tahun=TAHUN, periode="TW1", indikator__formulasi=""
        ).order_by("pk")[:20]
        ids = [r.pk for r in rows]
        Realisasi.objects.filter(pk__in=ids).update(status="draft")
        klien.append(
            beban.Klien(
                sesi=beban.masuk(url, user.username, SANDI),
                token=token,
                dasbor=f"{reverse('pengukuran:dasbor')}?tahun={TAHUN}",
                dasbor_unit=[
                    f"{reverse('pengukuran:dasbor_renstra', args=[r.pk])}?tahun={TAHUN}" for r in renstra
                ],
                unduhan=[reverse("pelaporan:lkjip_buat", args=[random.Random(n).choice(renstra).pk, TAHUN])],
                baris={r.pk: r.versi for r in Realisasi.objects.filter(pk__in=ids)},
                ikhtisar=f"{reverse('pengukuran:ikhtisar')}?tahun={TAHUN}",
                nasional=beban.masuk(url, SUPER, SANDI),
                url_nasional=f"{reverse('pengukuran:ikhtisar')}?tahun={TAHUN}",
            )
        )
    del demo_renstra
    return klien


SUPER = "bench.nasional"


def siapkan_super() -> None:
    """A superuser (a ministry's reader of every pemda) for the national overview."""
    from sakip.organisasi.models import Pengguna

    if not Pengguna.objects.filter(username=SUPER).exists():
        Pengguna.objects.create_superuser(SUPER, password=SANDI)


def _p50(sesi: Any, path: str, n: int = 60, cpu: list[float] | None = None) -> float:
    """p50 wall time of `n` sequential GETs; the server CPU ms of each (`X-Waktu-CPU-ms`) added to `cpu`."""
    waktu = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = sesi.get(path)
        waktu.append(time.perf_counter() - t0)
        assert r.status_code == 200, (path, r.status_code)
        if cpu is not None:
            cpu.append(float(r.headers.get("X-Waktu-CPU-ms", "0")))
    return sorted(waktu)[len(waktu) // 2]


def ukur_halaman(klien: list[beban.Klien]) -> dict[str, object]:
    """(b) the pemda dashboard and the overviews alone vs the minimal view, sequentially; (g) a realisasi save."""
    judul("(b) Dasbor pemda (40 unit) dan ikhtisar vs tampilan minimal, berurutan")
    sesi, nasional = klien[0].sesi, klien[0].nasional
    _p50(sesi, "/sehat/", 10)
    _p50(sesi, klien[0].dasbor, 5)
    _p50(nasional, klien[0].url_nasional, 3)
    cpu_minimal: list[float] = []
    cpu_dasbor: list[float] = []
    minimal = _p50(sesi, "/sehat/", cpu=cpu_minimal)
    dasbor = _p50(sesi, klien[0].dasbor, cpu=cpu_dasbor)
    ikhtisar = _p50(sesi, klien[0].ikhtisar)
    nasional_p50 = _p50(nasional, klien[0].url_nasional, 20)
    b = {
        "dasbor_p50_ms": round(dasbor * 1000, 1),
        "minimal_p50_ms": round(minimal * 1000, 1),
        "rasio": round(dasbor / minimal, 2),
        # The server thread's CPU (p50): steadier than wall time on a shared machine; the wall-time ratio above
        # also counts the client and the connection, which both requests share.
        "dasbor_cpu_p50_ms": round(statistics.median(cpu_dasbor), 2),
        "minimal_cpu_p50_ms": round(statistics.median(cpu_minimal), 2),
        "ikhtisar_pemda_p50_ms": round(ikhtisar * 1000, 1),
        "ikhtisar_nasional_p50_ms": round(nasional_p50 * 1000, 1),
    }
    print(
        f"dasbor p50 {dasbor * 1000:.1f} ms, minimal p50 {minimal * 1000:.1f} ms, rasio {dasbor / minimal:.2f} "
        f"(CPU server p50 {b['dasbor_cpu_p50_ms']} / {b['minimal_cpu_p50_ms']} ms); "
        f"ikhtisar pemda {ikhtisar * 1000:.1f} ms; ikhtisar nasional (halaman pertama + agregat) "
        f"{nasional_p50 * 1000:.1f} ms"
    )
    judul("(g) Simpan realisasi lewat API, berurutan; tambahan untuk capaian tersimpan")
    g = rollup.ukur_simpan(klien[0], TAHUN)
    print(
        f"simpan p50 {g['simpan_p50_ms']} ms; di dalamnya capaian tersimpan (tandai + hitung ulang satu Renstra) "
        f"p50 {g['tambahan_p50_ms']} ms"
    )
    return {"b_dasbor": b, "g_simpan": g}


def ukur_beban(server: beban.Server, klien: list[beban.Klien], awal: dict[int, int]) -> dict[str, object]:
    from django.utils import timezone

    from sakip.pelaporan.models import PembuatanLaporan

    n_klien, detik = len(klien), _env_int("SAKIP_BENCH_DETIK", 60)
    judul(f"Beban: {n_klien} klien, {detik} s (jeda 0,5–1,5 s), gunicorn {server.workers} worker")
    for k in klien:  # CPU per request of this run only
        for nilai in k.cpu.values():
            nilai.clear()
        k.cpu_unduh.clear()
    cpu_pekerja_awal, beban_mulai = server.cpu_pekerja_detik(), timezone.now()
    hasil = beban.beban(server.url, klien, detik)
    ringkas = beban.ringkas(hasil)
    rek = beban.rekonsiliasi(klien, awal)
    cpu = beban.cpu_per_jenis(klien)
    dibangun = PembuatanLaporan.objects.filter(status="selesai", dibuat_pada__gte=beban_mulai).count()
    cpu_pekerja = server.cpu_pekerja_detik() - cpu_pekerja_awal
    print(
        f"{'jenis':<12}{'permintaan':>11}{'/s':>8}{'galat':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'CPU ms':>9}"
    )
    for jenis, r in ringkas.items():
        print(
            f"{jenis:<12}{r['permintaan']:>11}{r['per_detik']:>8}{r['galat']:>7}"
            f"{r['p50_ms'] or '-':>9}{r['p95_ms'] or '-':>9}{r['p99_ms'] or '-':>9}"
            f"{cpu.get(jenis, {}).get('cpu_ms_rata') or '-':>9}"
        )
    print(
        "CPU ms = rata-rata CPU server (utas gunicorn) per permintaan; unduh = mulai + tanya status + berkas. "
        f"Pekerja antrean: {dibangun} LKjIP, {cpu_pekerja:.1f} s CPU"
        + (f" ({cpu_pekerja * 1000 / dibangun:.0f} ms per laporan)" if dibangun else "")
    )
    print(f"Rekonsiliasi: {rek}")
    for sebab in hasil.contoh_galat:
        print(f"  galat: {sebab}")
    return {
        "klien": n_klien,
        "detik": detik,
        "per_jenis": ringkas,
        "cpu_server_ms": cpu,
        "pekerja_antrean": {
            "laporan_dibangun": dibangun,
            "cpu_s": round(cpu_pekerja, 2),
            "cpu_ms_per_laporan": round(cpu_pekerja * 1000 / dibangun, 1) if dibangun else None,
        },
        "rekonsiliasi": rek,
        "contoh_galat": hasil.contoh_galat,
    }


JENIS_KAPASITAS = ("dasbor", "dasbor_unit", "tulis", "ikhtisar", "nasional")


def ukur_kapasitas(server: beban.Server, klien: list[beban.Klien]) -> dict[str, object]:
    """Per page kind: the throughput it sustains alone with p95 <= 300 ms (clients doubled until p95 passes it)."""
    detik = float(os.environ.get("SAKIP_BENCH_LANGKAH_DETIK", "10"))
    judul(
        f"Kapasitas per jenis halaman: permintaan/detik pada p95 <= 300 ms (tanpa jeda, {detik:.0f} s per langkah)"
    )
    hasil: dict[str, object] = {}
    print(f"{'jenis':<12}{'/s pada batas':>15}{'klien':>7}   langkah (klien: /s, p95 ms, CPU ms)")
    for jenis in JENIS_KAPASITAS:
        h = beban.kapasitas(server.url, klien, jenis, detik=detik)
        hasil[jenis] = h
        langkah = "; ".join(
            f"{x['klien']}: {x['per_detik']}, {x['p95_ms']}, {x['cpu_ms_rata']}" for x in h["langkah"]
        )
        print(
            f"{jenis:<12}{h['per_detik_pada_batas'] or '-':>15}{h['klien_pada_batas'] or '-':>7}   {langkah}"
        )
    return hasil


def ukur_restart(server: beban.Server, klien: list[beban.Klien], awal: dict[int, int]) -> None:
    n_klien = len(klien)
    judul("PostgreSQL dimulai ulang di tengah beban")
    n_restart = max(4, n_klien // 2)
    hasil_r: dict[str, object] = {}

    def mulai_ulang() -> None:
        time.sleep(8)
        turun, naik = beban.restart_postgres()
        hasil_r["jendela"] = (turun, naik)

    import threading

    t = threading.Thread(target=mulai_ulang)
    t0 = time.monotonic()
    t.start()
    h = beban.beban(
        server.url,
        klien[:n_restart],
        25,
        jeda=(0.2, 0.6),
        campuran=(("dasbor_unit", 0.7), ("tulis", 0.3)),
    )
    t.join()
    connection.close()
    turun, naik = hasil_r["jendela"]
    turun, naik = turun - t0, naik - t0
    tenggang = 3.0  # a request in flight when the database went down, or the first after it is back
    galat_luar = [p for p in h.peristiwa if not p[2] and not (turun - 1 <= p[0] <= naik + tenggang)]
    galat_dalam = [p for p in h.peristiwa if not p[2] and turun - 1 <= p[0] <= naik + tenggang]
    sesudah = [p for p in h.peristiwa if p[0] > naik + tenggang]
    pulih = bool(sesudah) and all(p[2] for p in sesudah)
    HASIL["restart"] = {
        "turun_s": round(turun, 1),
        "naik_s": round(naik, 1),
        "galat_saat_turun": len(galat_dalam),
        "galat_di_luar_jendela": len(galat_luar),
        "permintaan_sesudah": len(sesudah),
        "pulih_sendiri": pulih,
    }
    print(
        f"turun {turun:.1f}–{naik:.1f} s: {len(galat_dalam)} galat selama jendela, {len(galat_luar)} di luar; "
        f"{len(sesudah)} permintaan sesudahnya, {'semua berhasil' if pulih else 'ADA YANG GAGAL'}"
    )
    rek2 = beban.rekonsiliasi(klien, awal)
    HASIL["restart"]["rekonsiliasi"] = rek2
    print(f"Rekonsiliasi setelah restart: {rek2}")


def median_putaran(putaran: list[dict[str, Any]]) -> dict[str, Any]:
    """Every numeric figure of the runs replaced by its median (lists and texts: the last run's)."""

    def gabung(nilai: list[Any]) -> Any:
        if all(isinstance(v, dict) for v in nilai):
            kunci = list(dict.fromkeys(k for v in nilai for k in v))
            return {k: gabung([v[k] for v in nilai if k in v]) for k in kunci}
        angka = [v for v in nilai if isinstance(v, int | float) and not isinstance(v, bool)]
        if angka and len(angka) == len(nilai):
            m = statistics.median(angka)
            if all(isinstance(v, int) for v in angka) and float(m).is_integer():
                return int(m)
            return round(m, 2) if isinstance(m, float) else m
        return nilai[-1]

    return gabung(putaran)


def ukur_server() -> None:
    from sakip.pengukuran.models import Realisasi

    n_klien = _env_int("SAKIP_BENCH_KLIEN", 32)
    ulang = max(1, _env_int("BENCH_ULANG", 1))
    with beban.Server(
        workers=_env_int("SAKIP_BENCH_WORKERS", 2), threads=_env_int("SAKIP_BENCH_THREADS", 4)
    ) as server:
        klien = siapkan_klien(server.url, n_klien)
        ids = [rid for k in klien for rid in k.baris]
        awal: dict[int, int] = {}
        for rid in Realisasi.history.filter(id__in=ids).values_list("id", flat=True):
            awal[rid] = awal.get(rid, 0) + 1
        putaran: list[dict[str, Any]] = []
        for n in range(ulang):
            if ulang > 1:
                judul(f"Putaran pengukuran {n + 1} dari {ulang}")
            satu: dict[str, Any] = {"a_rollup": ukur_rollup()}
            satu.update(ukur_halaman(klien))
            satu["beban"] = ukur_beban(server, klien, awal)
            if os.environ.get("SAKIP_BENCH_KAPASITAS", "1") != "0":
                satu["kapasitas"] = ukur_kapasitas(server, klien)
            putaran.append(satu)
        HASIL.update(median_putaran(putaran))
        if ulang > 1:
            HASIL["putaran"] = putaran
            judul(f"Median {ulang} putaran")
            for kunci in ("a_rollup", "b_dasbor", "g_simpan"):
                print(f"{kunci}: {json.dumps(HASIL[kunci], ensure_ascii=False, default=str)}")
            for jenis, r in HASIL["beban"]["per_jenis"].items():
                print(
                    f"beban {jenis}: p95 {r['p95_ms']} ms, {r['per_detik']}/s, CPU {HASIL['beban']['cpu_server_ms'].get(jenis, {}).get('cpu_ms_rata')} ms"
                )
            for jenis, r in HASIL.get("kapasitas", {}).items():
                print(f"kapasitas {jenis}: {r['per_detik_pada_batas']}/s pada p95 <= 300 ms")

        if connection.vendor == "postgresql" and os.environ.get("SAKIP_PG_DATA"):
            ukur_restart(server, klien, awal)


def tabel_akhir() -> None:
    judul("Ringkasan")
    a, b, c, d = (HASIL.get(k, {}) for k in ("a_rollup", "b_dasbor", "c_lkjip", "d_impor"))
    beban_d = HASIL.get("beban", {})
    das = beban_d.get("per_jenis", {}).get("dasbor", {}) if beban_d else {}
    rek_restart = HASIL.get("restart", {}).get("rekonsiliasi", {})
    baris = [
        (
            "(a) rekap / SQL dasar",
            f"{a.get('produk_s', 0):.2f} s / {a.get('sql_dasar_s', 0):.2f} s",
            f"{a.get('rasio', 0):.2f}",
            "≤ 2,0",
        ),
        ("(a) dari capaian tersimpan", f"{a.get('tersimpan_s', 0):.2f} s", "", "-"),
        (
            "(a) ikhtisar nasional (fungsi)",
            f"{a.get('ikhtisar_nasional_ms', 0):.0f} ms",
            "",
            "≤ 300 ms",
        ),
        (
            "(b) dasbor / minimal (p50)",
            f"{b.get('dasbor_p50_ms')} / {b.get('minimal_p50_ms')} ms",
            f"{b.get('rasio')}",
            "≤ 2,0",
        ),
        ("(b) ikhtisar nasional (HTTP p50)", f"{b.get('ikhtisar_nasional_p50_ms')} ms", "", "≤ 300 ms"),
        (
            "(g) simpan; tambahan tersimpan",
            f"{HASIL.get('g_simpan', {}).get('simpan_p50_ms')} ms; {HASIL.get('g_simpan', {}).get('tambahan_p50_ms')} ms",
            "",
            "tambahan ≤ 50 ms",
        ),
        ("(c) LKjIP Word", f"{c.get('docx_s')} s", f"{c.get('rasio_docx')}", "< 5 s"),
        ("(c) LKjIP PDF", f"{c.get('pdf_s')} s", f"{c.get('rasio_pdf')}", "< 15 s"),
        (
            "(d) impor 10.000 / openpyxl",
            f"{d.get('impor_s')} s / {d.get('baca_openpyxl_s')} s",
            f"{d.get('rasio')}",
            "-",
        ),
        ("beban: dasbor p95", f"{das.get('p95_ms')} ms, galat {das.get('galat')}", "", "≤ 150 ms, 0 galat"),
        *(
            (f"kapasitas {jenis} (p95 ≤ 300 ms)", f"{r.get('per_detik_pada_batas')} /s", "", "-")
            for jenis, r in HASIL.get("kapasitas", {}).items()
        ),
        (
            "beban: tulisan hilang/ganda",
            f"{beban_d.get('rekonsiliasi', {}).get('hilang')}/{beban_d.get('rekonsiliasi', {}).get('ganda')}",
            "",
            "0/0",
        ),
        ("restart PostgreSQL", f"pulih sendiri: {HASIL.get('restart', {}).get('pulih_sendiri')}", "", "ya"),
        (
            "restart: hilang/ganda/tidak cocok/tak terjelaskan",
            "/".join(
                str(rek_restart.get(k)) for k in ("hilang", "ganda", "nilai_tidak_cocok", "tak_terjelaskan")
            )
            + f"; diterapkan tanpa jawaban {rek_restart.get('diterapkan_tanpa_jawaban')}",
            "",
            "0/0/0/0",
        ),
        (
            "impor dibunuh",
            f"basis data utuh: {HASIL.get('impor_dibunuh', {}).get('basis_data_utuh')}",
            "",
            "ya",
        ),
    ]
    for nama, nilai, rasio, sasaran in baris:
        print(f"{nama:<38}{nilai:<34}{rasio:>8}   {sasaran}")


def ukur_impor_bermusuhan() -> None:
    judul(
        "(e) Workbook bermusuhan: bom dimensi dan 1.048.576 baris ke setiap importir (waktu, memori puncak)"
    )
    HASIL["e_impor_bermusuhan"] = impor_bermusuhan.ukur()


def main() -> None:
    mulai = time.perf_counter()
    HASIL["mesin"] = mesin()
    HASIL["basis_data"] = connection.vendor
    print(json.dumps(HASIL["mesin"], ensure_ascii=False))
    siapkan_data()
    ukur_laporan()
    berkas, _ = ukur_impor()
    ukur_impor_bermusuhan()
    if connection.vendor == "postgresql":
        impor_dibunuh(berkas)
    ukur_server()
    HASIL["total_detik"] = round(time.perf_counter() - mulai, 1)
    tabel_akhir()
    keluar = Path(__file__).parent / "results.json"
    keluar.write_text(json.dumps(HASIL, ensure_ascii=False, indent=2, default=str) + "\n")
    print(f"\nTotal {HASIL['total_detik']} s; hasil ditulis ke {keluar}")


if __name__ == "__main__":
    main()
