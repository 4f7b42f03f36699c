"""Foreign (English) terms that Indonesian official writing sets in italics (Pedoman Umum Ejaan Bahasa Indonesia:
"huruf miring ... menuliskan kata atau ungkapan dalam bahasa daerah atau bahasa asing"), as seed 004 does
("*good governance*", "*output*", "*refocusing*"). The generated texts are split into runs on these terms."""

from __future__ import annotations

import re

ISTILAH_ASING = (
    "continuous improvement",
    "good governance",
    "performance based budgeting",
    "money follow program",
    "cascading",
    "cascade",
    "refocusing",
    "outcome",
    "output",
    "input",
    "reward",
    "punishment",
    "tools",
    "baseline",
    "stakeholder",
)
_POLA = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(t) for t in sorted(ISTILAH_ASING, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def potong(teks: str) -> list[tuple[str, bool]]:
    """The text as (piece, italic) runs, the foreign terms italic; a text without any is one run."""
    hasil: list[tuple[str, bool]] = []
    awal = 0
    for m in _POLA.finditer(teks):
        if m.start() > awal:
            hasil.append((teks[awal : m.start()], False))
        hasil.append((m.group(0), True))
        awal = m.end()
    if awal < len(teks) or not hasil:
        hasil.append((teks[awal:], False))
    return hasil
