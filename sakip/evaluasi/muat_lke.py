"""Writing the LKE scheme of the reference JSON to the database: shared by the data migration (historical models)
and the `muat_lke` command (real models), so both create the same rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sakip.evaluasi import lke

BERKAS = Path(__file__).parent / "data" / "lke-88-2021.json"
KODE = "LKE-PD-PERMENPANRB-88-2021"
NAMA = "LKE Perangkat Daerah PermenPANRB 88/2021"
DASAR_HUKUM = (
    "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"
)


def baca_berkas(path: Path = BERKAS) -> lke.Skema:
    return lke.baca(json.loads(path.read_text(encoding="utf-8")))


def tulis(
    *, SkemaEvaluasi: Any, KomponenSkema: Any, KriteriaSkema: Any, BuktiSkema: Any, data: lke.Skema
) -> Any:
    """Create or update the national LKE scheme (by kode) with its components, criteria and evidence items."""
    skema, _ = SkemaEvaluasi.objects.update_or_create(
        pemda=None,
        kode=KODE,
        defaults={
            "nama": NAMA,
            "dasar_hukum": DASAR_HUKUM,
            "keterangan": data.nama,
            "skala_jawaban": {j: [[a, str(v)] for a, v in p] for j, p in data.skala_jawaban.items()},
        },
    )
    urutan = 0
    komponen: dict[str, Any] = {}
    for kode, nama, bobot in data.komponen:
        urutan += 1
        komponen[kode], _ = KomponenSkema.objects.update_or_create(
            skema=skema, kode=kode, defaults={"nama": nama, "bobot": bobot, "urutan": urutan, "induk": None}
        )
        for sub in (s for s in data.sub if s.komponen == kode):
            urutan += 1
            komponen[sub.kode], _ = KomponenSkema.objects.update_or_create(
                skema=skema,
                kode=sub.kode,
                defaults={
                    "nama": f"{nama}: {sub.nama}",
                    "bobot": sub.bobot,
                    "urutan": urutan,
                    "induk": komponen[kode],
                },
            )
    for i, k in enumerate(data.kriteria, start=1):
        kriteria, _ = KriteriaSkema.objects.update_or_create(
            komponen=komponen[k.sub],
            kode=k.kode,
            defaults={
                "uraian": k.uraian,
                "jenis_jawaban": k.jenis_jawaban,
                "dinilai_per": k.dinilai_per,
                "catatan": k.catatan,
                "urutan": i,
            },
        )
        kriteria.bukti.all().delete()
        for j, b in enumerate(k.bukti, start=1):
            BuktiSkema.objects.create(
                kriteria=kriteria,
                nama=b.nama,
                jenis_dokumen=b.jenis_dokumen,
                cek_otomatis=b.cek_otomatis,
                urutan=j,
            )
    return skema
