"""Demo surveys (sakip/demo/data/survei_*.json): individual responses rebuilt from published figures.

A report gives, per unsur, only the average score of n respondents; the file holds the sum of the scores per unsur
(average × n) and how many respondents answered "2". The responses are then laid out without randomness: unsur i
has `m` twos, `Σ − 3n + m` fours and threes for the rest, rotated by a fixed offset per unsur so that no
respondent answers 4 to everything. The profile counts are laid out the same way; what the report does not give
stays empty ("tidak diisi").
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.db import transaction

from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import Indikator
from sakip.survei import services
from sakip.survei.models import Respons, Survei, unsur_bawaan

ZONA = zoneinfo.ZoneInfo("Asia/Jakarta")


class DemoError(ValueError):
    """Parameters that cannot be laid out as responses."""


def nilai_unsur(*, jumlah_nilai: int, responden: int, nilai_dua: int) -> list[int]:
    """The scores of one unsur, sorted: `nilai_dua` twos, then fours, then threes, summing to `jumlah_nilai`."""
    empat = jumlah_nilai - 3 * responden + nilai_dua
    tiga = responden - nilai_dua - empat
    if nilai_dua < 0 or empat < 0 or tiga < 0:
        raise DemoError(
            f"Jumlah nilai {jumlah_nilai} tidak dapat disusun dari {responden} responden dengan {nilai_dua} nilai 2."
        )
    return [2] * nilai_dua + [4] * empat + [3] * tiga


def _putar(daftar: list[Any], geser: int) -> list[Any]:
    geser %= len(daftar)
    return daftar[geser:] + daftar[:geser]


def _profil(jumlah: dict[str, int], responden: int, geser: int) -> list[str]:
    daftar = [kode for kode, n in jumlah.items() for _ in range(n)]
    if len(daftar) > responden:
        raise DemoError("Jumlah profil responden melebihi jumlah responden.")
    daftar += [""] * (responden - len(daftar))
    return _putar(daftar, geser)


def bangun_respons(parameter: dict[str, Any]) -> list[services.DataRespons]:
    """The individual responses of a demo survey, always the same for the same parameters."""
    n = int(parameter["responden"])
    kolom = [
        _putar(nilai_unsur(jumlah_nilai=total, responden=n, nilai_dua=dua), 7 * i)
        for i, (total, dua) in enumerate(zip(parameter["jumlah_nilai"], parameter["nilai_dua"], strict=True))
    ]
    profil = parameter.get("profil", {})
    jk = _profil(profil.get("jenis_kelamin", {}), n, 0)
    pendidikan = _profil(profil.get("pendidikan", {}), n, 3)
    pekerjaan = _profil(profil.get("pekerjaan", {}), n, 5)
    umur = _profil(profil.get("umur", {}), n, 2)
    mulai = datetime.date.fromisoformat(parameter["tanggal"][0])
    selesai = datetime.date.fromisoformat(parameter["tanggal"][1])
    hari = (selesai - mulai).days
    return [
        services.DataRespons(
            nilai=tuple(k[j] for k in kolom),
            jenis_kelamin=jk[j],
            pendidikan=pendidikan[j],
            pekerjaan=pekerjaan[j],
            umur=int(umur[j]) if umur[j] else None,
            nomor=str(j + 1),
            diisi_pada=datetime.datetime.combine(
                mulai + datetime.timedelta(days=hari * j // max(n - 1, 1)), datetime.time(9, 0), tzinfo=ZONA
            ),
        )
        for j in range(n)
    ]


def _unsur(parameter: dict[str, Any], metode: str) -> list[dict[str, Any]]:
    bawaan = unsur_bawaan(metode)
    if "unsur" not in parameter:
        return bawaan
    return [{**bawaan[u["bawaan"] - 1], "label": u["label"]} for u in parameter["unsur"]]


def _tanda(nilai: tuple[int | None, ...], *profil: object) -> tuple[object, ...]:
    return (tuple(nilai), *profil)


def _sudah_sama(survei: Survei, data: list[services.DataRespons]) -> bool:
    """Whether the survey's demo responses are exactly `data` (answers from real respondents are left alone)."""
    kolom = [*survei.kolom_unsur, "jenis_kelamin", "umur", "pendidikan", "pekerjaan"]
    ada = sorted(
        (
            _tanda(tuple(b[: survei.jumlah_unsur]), *b[survei.jumlah_unsur :])
            for b in Respons.objects.filter(survei=survei, sumber=Respons.Sumber.DEMO).values_list(*kolom)
        ),
        key=repr,
    )
    baru = sorted(
        (_tanda(d.nilai, d.jenis_kelamin, d.umur, d.pendidikan, d.pekerjaan) for d in data), key=repr
    )
    return ada == baru


@transaction.atomic
def muat(*, data: dict[str, Any], by: Pengguna) -> list[Survei]:
    """Create or update the surveys of one demo file and their responses; loading twice changes nothing."""
    pemda = Pemda.objects.get(kode=data["pemda"])
    hasil = []
    for p in data["survei"]:
        unit = UnitKerja.objects.get(pemda=pemda, kode=p["unit"])
        isian = {
            "nama": p["nama"],
            "tahun": p["tahun"],
            "periode": p["periode"],
            "metode": p["metode"],
            "bobot": p["bobot"],
            "unsur": _unsur(p, p["metode"]),
            "layanan": "\n".join(p.get("layanan", [])),
            "keterangan": p.get("keterangan", ""),
            "aktif": p.get("aktif", False),
            "maks_respons": p.get("maks_respons", 2000),
        }
        survei = Survei.objects.filter(unit_kerja=unit, tahun=p["tahun"], periode=p["periode"]).first()
        if survei is None:
            survei = services.create_survei(unit_kerja=unit, by=by, **isian)
        elif any(getattr(survei, k) != v for k, v in isian.items()):
            survei = services.update_survei(survei=survei, by=by, **isian)
        respons = bangun_respons(p)
        if not _sudah_sama(survei, respons):
            Respons.objects.filter(survei=survei, sumber=Respons.Sumber.DEMO).delete()
            services.impor_respons(survei=survei, data=respons, by=by, sumber=Respons.Sumber.DEMO)
        if tautan := p.get("tautan_indikator"):
            indikator = Indikator.objects.get(
                renstra__unit_kerja__pemda=pemda,
                renstra__unit_kerja__kode=tautan["renstra_unit"],
                renstra__tahun_mulai=tautan["renstra_tahun_mulai"],
                kode=tautan["kode"],
            )
            if survei.indikator_id != indikator.pk:
                survei = services.tautkan_indikator(survei=survei, indikator=indikator, by=by)
            # The demo shows the state after the operator accepted the survey's proposal (a draft realisasi).
            usulan = services.usulan_realisasi(survei)
            if usulan is not None and usulan.nilai is not None and not usulan.galat and not usulan.sudah_sama:
                services.terima_usulan(
                    survei=survei,
                    nilai=usulan.nilai,
                    versi=usulan.realisasi.versi if usulan.realisasi else 0,
                    by=by,
                )
        hasil.append(survei)
    return hasil
