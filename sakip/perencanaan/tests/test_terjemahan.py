"""The project's corrections to Django's Indonesian messages (locale/id/LC_MESSAGES): compiled, loaded, and what
a user sees when a duplicate is refused."""

from __future__ import annotations

import ast
import gettext
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku

KATALOG = settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES"


def _entri_po() -> dict[str, str]:
    teks = (KATALOG / "django.po").read_text(encoding="utf-8")
    pasangan = re.findall(r'^msgid (".*")\nmsgstr (".*")$', teks, flags=re.MULTILINE)
    return {ast.literal_eval(a): ast.literal_eval(b) for a, b in pasangan if a != '""'}


def test_the_compiled_catalogue_says_what_the_po_file_says():
    entri = _entri_po()
    assert entri  # the .po has corrections
    with (KATALOG / "django.mo").open("rb") as berkas:
        mo = gettext.GNUTranslations(berkas)
    assert {msgid: mo.gettext(msgid) for msgid in entri} == entri


def test_a_duplicate_code_is_reported_as_existing_not_missing(org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    ada = renstra.indikator.first()
    kembar = Indikator(renstra=renstra, sasaran=ada.sasaran, kode=ada.kode, nama="Lain", satuan="%")
    with pytest.raises(ValidationError) as exc:
        kembar.full_clean()
    assert exc.value.messages == ["Indikator dengan Renstra dan Kode ini sudah ada."]
