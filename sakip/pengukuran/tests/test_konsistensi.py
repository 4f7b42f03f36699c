"""The planning models mirror the pure enums of capaian.py (planning sits below measurement and cannot import it)."""

from sakip.pengukuran import capaian
from sakip.perencanaan.models import Agregasi, Polaritas


def test_polaritas_choices_equal_the_capaian_enum():
    assert set(Polaritas.values) == {p.value for p in capaian.Polaritas}


def test_agregasi_choices_equal_the_capaian_enum():
    assert set(Agregasi.values) == {a.value for a in capaian.Agregasi}
