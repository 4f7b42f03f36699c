"""Load and fault benchmarks against a real gunicorn on loopback (issue #8, part 4).

`Server` starts gunicorn (2+ workers) on the bench database; `beban()` runs N concurrent clients for a fixed time on a
mix of dashboard reads, realisasi writes through the REST API and report downloads, and returns latencies per kind;
`rekonsiliasi()` checks that every acknowledged write is in the database exactly once (value, version and one audit
row per write); `restart()` restarts PostgreSQL in the middle of the load and checks the app answers errors only while
the database is down and recovers by itself.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with production settings (DEBUG off) except HTTPS-only cookies: the bench speaks plain HTTP."""

    def __init__(self, workers: int = 2, threads: int = 1) -> None:
        self.port = port_bebas()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers, self.threads = workers, threads
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            SAKIP_DEBUG="0",
            SAKIP_SECRET_KEY="bench-" + "x" * 40,
            SAKIP_SECURE_COOKIES="0",
            SAKIP_HSTS_SECONDS="0",
            SAKIP_ALLOWED_HOSTS="127.0.0.1,localhost",
            SAKIP_API_RATE_USER="1000000/hour",
            SAKIP_API_RATE_ANON="1000000/hour",
            SAKIP_CACHE_DIR=str(
                Path(os.environ.get("SAKIP_MEDIA_ROOT", "/tmp/sakip-bench")).parent / "cache"
            ),
        )
        return env

    def __enter__(self) -> Server:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.env(),
            check=True,
        )
        self.log = open(Path(os.environ.get("SAKIP_MEDIA_ROOT", "/tmp")).parent / "gunicorn.log", "wb")
        self.proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "bench.wsgi_cpu",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # The LKjIP downloads are built by a queue worker beside gunicorn, as deployed (docs/deploy.md).
        self.pekerja = subprocess.Popen(
            [sys.executable, "manage.py", "pekerja", "--worker-id", "bench", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        batas = time.monotonic() + 60
        while time.monotonic() < batas:
            try:
                if httpx.get(self.url + "/sehat/", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn tidak menjawab dalam 60 detik")

    def cpu_pekerja_detik(self) -> float:
        """CPU seconds (user + system) the queue worker process has used so far."""
        bagian = Path(f"/proc/{self.pekerja.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(bagian[11]) + int(bagian[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        if getattr(self, "pekerja", None) is not None:
            self.pekerja.send_signal(signal.SIGTERM)
            try:
                self.pekerja.wait(30)
            except subprocess.TimeoutExpired:
                self.pekerja.kill()
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# gunicorn closes a keep-alive connection after 2 s idle (its --keep-alive). A client that reuses an idle connection
# at that very instant sends its request into a socket being closed and gets "connection reset by peer": 1–2 of
# ~1.700 requests per run, on the browser session left idle while its client wrote through the API. That is a
# property of the client's connection pool, not an error of the application (browsers resend such a request; behind
# nginx, as deployed, the clients' keep-alive is nginx's). The clients here drop idle connections after 1 s, before
# the server would, so every error counted is the application's.
BATAS_KONEKSI = httpx.Limits(keepalive_expiry=1.0)


def masuk(url: str, username: str, password: str) -> httpx.Client:
    """A browser-like session: GET the login form for the CSRF cookie, POST the credentials."""
    c = httpx.Client(base_url=url, timeout=60, follow_redirects=False, limits=BATAS_KONEKSI)
    c.get("/masuk/")
    r = c.post(
        "/masuk/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": c.cookies["csrftoken"]},
        headers={"Referer": url + "/masuk/"},
    )
    if r.status_code != 302:
        raise RuntimeError(f"login {username} gagal: {r.status_code}")
    return c


@dataclass
class Klien:
    """One simulated user: a session for pages, a token for the API, and the realisasi rows it alone writes."""

    sesi: httpx.Client
    token: str
    dasbor: str  # the pemda overview URL
    dasbor_unit: list[str]  # unit dashboard URLs
    unduhan: list[str]  # URLs that start an LKjIP generation (POST)
    baris: dict[int, int]  # realisasi id -> last acknowledged versi
    ikhtisar: str = ""  # the overview grouped by pemda (the client's own scope)
    nasional: httpx.Client | None = None  # a superuser's session: the national overview of every pemda
    url_nasional: str = ""
    nilai_terakhir: dict[int, Decimal] = field(default_factory=dict)
    ditulis: dict[int, int] = field(default_factory=dict)  # realisasi id -> acknowledged writes
    cpu: dict[str, list[float]] = field(
        default_factory=lambda: {"dasbor": [], "dasbor_unit": [], "tulis": [], "ikhtisar": [], "nasional": []}
    )
    cpu_unduh: list[float] = field(
        default_factory=list
    )  # server CPU ms of a whole download (start, polls, file)
    # A write whose answer was lost (the connection failed, or a 5xx): realisasi id -> (versi sent, value sent). It
    # may or may not have landed; the client learns which from the row before it writes the row again (as a real
    # client re-reads after a failed save), or the reconciliation does.
    tak_pasti: dict[int, tuple[int, Decimal]] = field(default_factory=dict)
    tanpa_jawaban: dict[int, int] = field(
        default_factory=dict
    )  # realisasi id -> writes landed without an answer
    tak_terjelaskan: int = 0  # a row whose state matches neither the lost write nor the state before it


def selesaikan(klien: Klien, rid: int, versi_db: int, nilai_db: Decimal | None) -> bool:
    """Settle a write whose answer was lost against the row as the database has it: landed (versi one higher and
    the value sent), not landed (versi unchanged), or unexplained (an error: counted apart, never as landed).
    False when unexplained."""
    versi, nilai = klien.tak_pasti.pop(rid)
    if versi_db == versi + 1 and nilai_db == nilai:
        klien.tanpa_jawaban[rid] = klien.tanpa_jawaban.get(rid, 0) + 1
        klien.baris[rid], klien.nilai_terakhir[rid] = versi_db, nilai
    elif versi_db != versi:
        klien.tak_terjelaskan += 1
        return False
    return True


@dataclass
class Hasil:
    latensi: dict[str, list[float]] = field(default_factory=dict)
    galat: dict[str, int] = field(default_factory=dict)
    peristiwa: list[tuple[float, str, bool]] = field(default_factory=list)  # (t, kind, ok)
    contoh_galat: list[str] = field(default_factory=list)  # the first errors: kind, URL, status or exception
    detik: float = 0.0


CAMPURAN = (("dasbor", 0.45), ("dasbor_unit", 0.24), ("tulis", 0.30), ("unduh", 0.01))


def _cpu_ms(r: httpx.Response) -> float:
    return float(r.headers.get("X-Waktu-CPU-ms", "0"))


def _unduh_lewat_antrean(klien: Klien, rng: random.Random) -> httpx.Response | None:
    """An LKjIP download as the report page does it: start the job, poll its status, download the file. The server
    CPU of all three kinds of request is added to `klien.cpu_unduh`."""
    mulai = klien.sesi.post(
        rng.choice(klien.unduhan),
        data={"format": "docx", "csrfmiddlewaretoken": klien.sesi.cookies["csrftoken"]},
        headers={"Accept": "application/json", "X-CSRFToken": klien.sesi.cookies["csrftoken"]},
    )
    cpu = _cpu_ms(mulai)
    if mulai.status_code != 202:
        return mulai
    status = mulai.json()
    batas = time.monotonic() + 120
    while status["status"] in ("menunggu", "berjalan") and time.monotonic() < batas:
        time.sleep(0.5)
        r = klien.sesi.get(status["url_status"], headers={"Accept": "application/json"})
        cpu += _cpu_ms(r)
        if r.status_code != 200:
            return r
        status = r.json()
    if status["status"] != "selesai":
        return mulai
    r = klien.sesi.get(status["url_unduh"])
    klien.cpu_unduh.append(cpu + _cpu_ms(r))
    return None if r.status_code == 200 and r.content[:2] == b"PK" else r


def _satu(klien: Klien, jenis: str, rng: random.Random, api: httpx.Client) -> httpx.Response | None:
    """One request of the kind; None when it succeeded, else the response that failed."""
    if jenis == "dasbor":
        r = klien.sesi.get(klien.dasbor)
        klien.cpu[jenis].append(_cpu_ms(r))
        return None if r.status_code == 200 else r
    if jenis == "dasbor_unit":
        r = klien.sesi.get(rng.choice(klien.dasbor_unit))
        klien.cpu[jenis].append(_cpu_ms(r))
        return None if r.status_code == 200 else r
    if jenis == "unduh":
        return _unduh_lewat_antrean(klien, rng)
    if jenis in ("ikhtisar", "nasional"):
        sesi = klien.sesi if jenis == "ikhtisar" else klien.nasional
        assert sesi is not None
        r = sesi.get(klien.ikhtisar if jenis == "ikhtisar" else klien.url_nasional)
        klien.cpu[jenis].append(_cpu_ms(r))
        return None if r.status_code == 200 else r
    rid = rng.choice(list(klien.baris))
    nilai = Decimal(rng.randint(1000, 12000)) / 100
    if rid in klien.tak_pasti:
        baca = api.get(f"/api/realisasi/{rid}/")
        if baca.status_code != 200:
            return baca
        data = baca.json()
        if not selesaikan(
            klien, rid, data["versi"], None if data["nilai"] is None else Decimal(data["nilai"])
        ):
            klien.baris[rid] = data["versi"]  # go on writing; the reconciliation reports the error
    versi = klien.baris[rid]
    try:
        r = api.put(f"/api/realisasi/{rid}/", json={"nilai": str(nilai), "versi": versi})
    except httpx.HTTPError:
        klien.tak_pasti[rid] = (versi, nilai)
        raise
    klien.cpu["tulis"].append(_cpu_ms(r))
    if r.status_code >= 500:
        klien.tak_pasti[rid] = (versi, nilai)
    if r.status_code != 200:
        return r
    klien.baris[rid] = r.json()["versi"]
    klien.nilai_terakhir[rid] = nilai
    klien.ditulis[rid] = klien.ditulis.get(rid, 0) + 1
    return None


def beban(
    url: str,
    klien: list[Klien],
    detik: float,
    *,
    jeda: tuple[float, float] = (0.5, 1.5),
    campuran: tuple[tuple[str, float], ...] = CAMPURAN,
    saat: dict[float, object] | None = None,
) -> Hasil:
    """Every client loops for `detik`: pick a request by the mix, send it, think `jeda` seconds (uniform)."""
    hasil = Hasil(latensi={j: [] for j, _ in campuran}, galat={j: 0 for j, _ in campuran})
    kunci = threading.Lock()
    mulai = time.monotonic()
    akhir = mulai + detik

    def jalan(n: int, k: Klien) -> None:
        rng = random.Random(n)
        api = httpx.Client(
            base_url=url, timeout=60, headers={"Authorization": f"Token {k.token}"}, limits=BATAS_KONEKSI
        )
        time.sleep(rng.uniform(0, jeda[1]))  # spread the start
        while time.monotonic() < akhir:
            jenis = rng.choices([j for j, _ in campuran], weights=[w for _, w in campuran])[0]
            t0 = time.monotonic()
            try:
                gagal = _satu(k, jenis, rng, api)
                sebab = "" if gagal is None else f"{jenis} {gagal.request.url.path} HTTP {gagal.status_code}"
            except httpx.HTTPError as exc:
                sebab = f"{jenis} {exc!r}"
            ok = not sebab
            t1 = time.monotonic()
            with kunci:
                hasil.peristiwa.append((t0 - mulai, jenis, ok))
                if ok:
                    hasil.latensi[jenis].append(t1 - t0)
                else:
                    hasil.galat[jenis] += 1
                    if len(hasil.contoh_galat) < 10:
                        hasil.contoh_galat.append(f"{t0 - mulai:.1f} s: {sebab}")
            time.sleep(rng.uniform(*jeda))
        api.close()

    threads = [threading.Thread(target=jalan, args=(n, k), daemon=True) for n, k in enumerate(klien)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    hasil.detik = time.monotonic() - mulai
    return hasil


def persentil(nilai: list[float], p: float) -> float | None:
    if not nilai:
        return None
    if len(nilai) == 1:
        return nilai[0]
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(p) - 1]


def ringkas(hasil: Hasil) -> dict[str, dict[str, float | int | None]]:
    keluaran: dict[str, dict[str, float | int | None]] = {}
    for jenis, lat in hasil.latensi.items():
        keluaran[jenis] = {
            "permintaan": len(lat) + hasil.galat[jenis],
            "per_detik": round((len(lat) + hasil.galat[jenis]) / hasil.detik, 2),
            "galat": hasil.galat[jenis],
            "p50_ms": _ms(persentil(lat, 50)),
            "p95_ms": _ms(persentil(lat, 95)),
            "p99_ms": _ms(persentil(lat, 99)),
        }
    return keluaran


def _ms(x: float | None) -> float | None:
    return None if x is None else round(x * 1000, 1)


def rekonsiliasi(klien: list[Klien], awal_riwayat: dict[int, int]) -> dict[str, int]:
    """Every acknowledged write is in the database: the last acknowledged value and version of each row, and exactly
    one audit row per acknowledged write (none lost, none duplicated). A write whose answer was lost and that the
    database shows landed (versi one higher, the value sent: `selesaikan`) is counted apart as
    `diterapkan_tanpa_jawaban` and expected in the row and its audit trail like an acknowledged one; any other
    state of such a row is an error (`tak_terjelaskan`)."""
    from sakip.pengukuran.models import Realisasi

    hilang = ganda = salah_nilai = 0
    ids = {rid for k in klien for rid in (*k.ditulis, *k.tanpa_jawaban, *k.tak_pasti)}
    baris = Realisasi.objects.in_bulk(list(ids))
    for k in klien:
        for rid in list(k.tak_pasti):
            selesaikan(k, rid, baris[rid].versi, baris[rid].nilai)
    # Per row: its client and the writes that landed (acknowledged + landed without an answer).
    semua = {
        rid: (k, k.ditulis.get(rid, 0) + k.tanpa_jawaban.get(rid, 0))
        for k in klien
        for rid in (*k.ditulis, *k.tanpa_jawaban)
    }
    riwayat: dict[int, int] = {}
    for rid in Realisasi.history.filter(id__in=list(ids)).values_list("id", flat=True):
        riwayat[rid] = riwayat.get(rid, 0) + 1
    for rid in ids - set(semua):  # only writes that did not land: no audit row expected
        ganda += max(0, riwayat.get(rid, 0) - awal_riwayat.get(rid, 0))
    for rid, (k, n) in semua.items():
        r = baris[rid]
        if r.nilai != k.nilai_terakhir[rid] or r.versi != k.baris[rid]:
            salah_nilai += 1
        tambahan = riwayat.get(rid, 0) - awal_riwayat.get(rid, 0)
        if tambahan < n:
            hilang += n - tambahan
        elif tambahan > n:
            ganda += tambahan - n
    return {
        "tulisan_diakui": sum(n for k in klien for n in k.ditulis.values()),
        "diterapkan_tanpa_jawaban": sum(n for k in klien for n in k.tanpa_jawaban.values()),
        "baris_ditulis": len(semua),
        "hilang": hilang,
        "ganda": ganda,
        "nilai_tidak_cocok": salah_nilai,
        "tak_terjelaskan": sum(k.tak_terjelaskan for k in klien),
    }


def restart_postgres() -> tuple[float, float]:
    """Restart the bench cluster (fast shutdown: connections are cut). Returns (monotonic start, end)."""
    data = os.environ["SAKIP_PG_DATA"]
    perintah = [
        f"{os.environ.get('PG_BIN', '/usr/lib/postgresql/15/bin')}/pg_ctl",
        "-D",
        data,
        "-m",
        "fast",
        "-w",
    ]
    runas = os.environ.get("SAKIP_PG_RUNAS", "")
    gid = os.environ.get("SAKIP_PG_RUNAS_GID", "")
    awalan = ["setpriv", f"--reuid={runas}", f"--regid={gid}", "--clear-groups"] if runas else []
    t0 = time.monotonic()
    subprocess.run([*awalan, *perintah, "stop"], check=True, stdout=subprocess.DEVNULL)
    time.sleep(3)  # stay down long enough for the clients to notice
    subprocess.run(
        [
            *awalan,
            *perintah,
            "-l",
            str(Path(data).parent / "server.log"),
            "-o",
            os.environ["SAKIP_PG_OPTS"],
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return t0, time.monotonic()


def cpu_per_jenis(klien: list[Klien]) -> dict[str, dict[str, float | int | None]]:
    """Server CPU milliseconds per request of each kind (mean and p50; for "unduh", all requests of a download)."""
    semua: dict[str, list[float]] = {}
    for k in klien:
        for jenis, nilai in k.cpu.items():
            semua.setdefault(jenis, []).extend(nilai)
        semua.setdefault("unduh", []).extend(k.cpu_unduh)
    return {
        jenis: {
            "n": len(nilai),
            "cpu_ms_rata": round(statistics.fmean(nilai), 2) if nilai else None,
            "cpu_ms_p50": round(statistics.median(nilai), 2) if nilai else None,
        }
        for jenis, nilai in semua.items()
    }


def kapasitas(
    url: str,
    klien: list[Klien],
    jenis: str,
    *,
    langkah: tuple[int, ...] = (1, 2, 4, 8, 16, 32),
    detik: float = 10.0,
    batas_p95_ms: float = 300.0,
) -> dict[str, object]:
    """Throughput of one page kind at p95 <= `batas_p95_ms`: closed-loop load of that kind only, without think time,
    with 1, 2, 4, ... clients for `detik` each; stops at the first step above the limit (or with errors). Returns every
    step (clients, requests per second, p50/p95, errors, server CPU ms per request) and the best throughput of the
    steps within the limit."""
    hasil_langkah = []
    terbaik = None
    for n in langkah:
        if n > len(klien):
            break
        kelompok = klien[:n]
        awal_cpu = {id(k): len(k.cpu.get(jenis, [])) for k in kelompok}
        h = beban(url, kelompok, detik, jeda=(0.0, 0.0), campuran=((jenis, 1.0),))
        r = ringkas(h)[jenis]
        cpu = [c for k in kelompok for c in k.cpu.get(jenis, [])[awal_cpu[id(k)] :]]
        langkah_ini = {
            "klien": n,
            "per_detik": r["per_detik"],
            "p50_ms": r["p50_ms"],
            "p95_ms": r["p95_ms"],
            "galat": r["galat"],
            "cpu_ms_rata": round(statistics.fmean(cpu), 2) if cpu else None,
        }
        hasil_langkah.append(langkah_ini)
        if r["galat"] or r["p95_ms"] is None or r["p95_ms"] > batas_p95_ms:
            break
        if terbaik is None or (r["per_detik"] or 0) > terbaik["per_detik"]:
            terbaik = langkah_ini
    return {
        "jenis": jenis,
        "batas_p95_ms": batas_p95_ms,
        "per_detik_pada_batas": terbaik["per_detik"] if terbaik else None,
        "klien_pada_batas": terbaik["klien"] if terbaik else None,
        "langkah": hasil_langkah,
    }
