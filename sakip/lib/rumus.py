"""Safe evaluator for IKU formulas (*formulasi* / *cara perhitungan*).

An IKU formula is an arithmetic expression over named inputs that operators fill in, e.g.
`kebijakan_difasilitasi / usulan_kebijakan × 100`; the product computes the realisasi from it.

The formula text comes from users, so it is never handed to Python (`eval`, `compile`, `ast`): a small
tokenizer and recursive-descent parser build an AST that only knows numbers, variables, `+ - * / ( )` and
unary signs. Length and nesting are bounded so that no input can exhaust the stack, and every failure,
including arithmetic on absurd values, surfaces as a RumusError with an Indonesian message.

Grammar::

    ekspresi := suku (("+" | "-") suku)*
    suku     := unary (("*" | "/") unary)*
    unary    := ("+" | "-")* primer
    primer   := ANGKA | NAMA | "(" ekspresi ")"

`×` (U+00D7), `÷` (U+00F7) and the typographic minus `−` (U+2212) are accepted as `*`, `/` and `-`; the
letter `x` is a variable name, never multiplication. Numbers take a decimal point or a decimal comma (`0.5`,
`0,5`) and no thousands separators. Positions (`RumusError.posisi`) are 0-based offsets into the text;
messages print them 1-based ("posisi ke-1" is the first character) because that is how users count.
"""

from __future__ import annotations

import dataclasses
import decimal
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple

__all__ = [
    "KEDALAMAN_MAKSIMAL",
    "PANJANG_MAKSIMAL",
    "Rumus",
    "RumusError",
    "hitung",
    "parse",
    "validasi_nama",
    "variabel",
]

PANJANG_MAKSIMAL = 1000
KEDALAMAN_MAKSIMAL = 50

# A fixed context, independent of whatever the caller has set: 34 significant digits (IEEE decimal128), an
# exponent range wide enough for any realistic input, and every arithmetic failure trapped to be reported.
_KONTEKS = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_POLA_NAMA = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_POLA_ANGKA = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_OPERATOR = {
    "+": "+",
    "-": "-",
    "\u2212": "-",
    "*": "*",
    "\u00d7": "*",
    "/": "/",
    "\u00f7": "/",
    "(": "(",
    ")": ")",
}
_SARAN_PERKALIAN = " (untuk perkalian gunakan '*' atau '×', bukan huruf 'x')"


class RumusError(ValueError):
    """The only exception this module raises: `pesan` is the Indonesian message, `posisi` a 0-based offset."""

    def __init__(self, pesan: str, posisi: int | None = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.posisi = posisi

    def __str__(self) -> str:
        return self.pesan

    def __reduce__(self) -> tuple[type[RumusError], tuple[str, int | None]]:
        return (RumusError, (self.pesan, self.posisi))


# --- tokens ------------------------------------------------------------------------------------------------


class _Token(NamedTuple):
    jenis: Literal["angka", "nama", "operator", "akhir"]
    teks: str  # as written
    simbol: str  # the operator normalised to + - * / ( ); the text itself for numbers and names
    posisi: int


def _adalah_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _awal_nama(c: str) -> bool:
    return c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z")


def _isi_nama(c: str) -> bool:
    return _awal_nama(c) or _adalah_digit(c)


def _tampilkan(c: str) -> str:
    return c if c.isprintable() else f"U+{ord(c):04X}"


def _tokenisasi(teks: str) -> list[_Token]:
    token: list[_Token] = []
    i, n = 0, len(teks)
    while i < n:
        c = teks[i]
        if c.isspace():
            i += 1
        elif c in _OPERATOR:
            token.append(_Token("operator", c, _OPERATOR[c], i))
            i += 1
        elif _adalah_digit(c):
            j = i
            while j < n and (_adalah_digit(teks[j]) or teks[j] in ".,"):
                j += 1
            if j < n and _awal_nama(teks[j]):
                while j < n and _isi_nama(teks[j]):
                    j += 1
                raise RumusError(
                    f"Nama variabel tidak boleh diawali angka: '{teks[i:j]}' pada posisi ke-{i + 1}", i
                )
            angka = teks[i:j]
            if not _POLA_ANGKA.fullmatch(angka):
                raise RumusError(
                    f"Angka '{angka}' pada posisi ke-{i + 1} tidak valid "
                    "(tulis desimal dengan satu titik atau koma, tanpa pemisah ribuan)",
                    i,
                )
            token.append(_Token("angka", angka, angka, i))
            i = j
        elif _awal_nama(c):
            j = i + 1
            while j < n and _isi_nama(teks[j]):
                j += 1
            token.append(_Token("nama", teks[i:j], teks[i:j], i))
            i = j
        else:
            saran = " (tanda % tidak dipakai dalam rumus; kalikan dengan 100)" if c == "%" else ""
            raise RumusError(f"Karakter '{_tampilkan(c)}' tidak dikenal pada posisi ke-{i + 1}{saran}", i)
    token.append(_Token("akhir", "", "", n))
    return token


# --- syntax tree -------------------------------------------------------------------------------------------
# Every node keeps its span [awal, akhir) in the source so errors can quote the expression they are about.
# Chains of + - and of * / are flat (n-ary) nodes, so the tree is only as deep as the parentheses.


@dataclass(frozen=True, slots=True)
class _Angka:
    nilai: Decimal
    awal: int
    akhir: int


@dataclass(frozen=True, slots=True)
class _Variabel:
    nama: str
    awal: int
    akhir: int


@dataclass(frozen=True, slots=True)
class _Negasi:
    operan: _Node
    awal: int
    akhir: int


@dataclass(frozen=True, slots=True)
class _Rantai:
    pertama: _Node
    sisa: tuple[tuple[str, _Node], ...]  # (operator, operand) pairs, operator one of + - * /
    awal: int
    akhir: int


_Node = _Angka | _Variabel | _Negasi | _Rantai


class _Parser:
    def __init__(self, token: list[_Token]) -> None:
        self._token = token
        self._i = 0
        self._kedalaman = 0

    def _lihat(self) -> _Token:
        return self._token[self._i]

    def _sebelumnya(self) -> _Token | None:
        return self._token[self._i - 1] if self._i > 0 else None

    def _maju(self) -> _Token:
        tok = self._token[self._i]
        self._i += 1
        return tok

    def _operator_berikut(self, simbol: str) -> bool:
        tok = self._lihat()
        return tok.jenis == "operator" and tok.simbol in simbol

    def parse(self) -> _Node:
        akar = self._ekspresi()
        tok = self._lihat()
        if tok.jenis == "akhir":
            return akar
        if tok.simbol == ")":
            raise RumusError(
                f"Kurung tutup ')' pada posisi ke-{tok.posisi + 1} tidak memiliki pasangan kurung buka",
                tok.posisi,
            )
        raise self._operator_hilang(tok)

    @staticmethod
    def _operator_hilang(tok: _Token) -> RumusError:
        saran = _SARAN_PERKALIAN if tok.teks in ("x", "X") else ""
        return RumusError(
            f"Operator hilang sebelum '{tok.teks}' pada posisi ke-{tok.posisi + 1}{saran}", tok.posisi
        )

    def _rantai(self, operator: str, operan: Callable[[], _Node]) -> _Node:
        pertama = operan()
        sisa: list[tuple[str, _Node]] = []
        while self._operator_berikut(operator):
            op = self._maju()
            sisa.append((op.simbol, operan()))
        if not sisa:
            return pertama
        return _Rantai(pertama, tuple(sisa), pertama.awal, sisa[-1][1].akhir)

    def _ekspresi(self) -> _Node:
        return self._rantai("+-", self._suku)

    def _suku(self) -> _Node:
        return self._rantai("*/", self._unary)

    def _unary(self) -> _Node:
        # A loop, not recursion: "- - - ... a" must not deepen the stack.
        awal: int | None = None
        negatif = False
        while self._operator_berikut("+-"):
            tok = self._maju()
            awal = tok.posisi if awal is None else awal
            negatif ^= tok.simbol == "-"
        operan = self._primer()
        if awal is None:
            return operan
        if negatif:
            return _Negasi(operan, awal, operan.akhir)
        return operan

    def _primer(self) -> _Node:
        tok = self._lihat()
        if tok.jenis == "angka":
            self._maju()
            return _Angka(Decimal(tok.teks.replace(",", ".")), tok.posisi, tok.posisi + len(tok.teks))
        if tok.jenis == "nama":
            self._maju()
            return _Variabel(tok.teks, tok.posisi, tok.posisi + len(tok.teks))
        if tok.simbol == "(":
            return self._kurung()
        raise self._operan_hilang(tok)

    def _kurung(self) -> _Node:
        buka = self._maju()
        self._kedalaman += 1
        if self._kedalaman > KEDALAMAN_MAKSIMAL:
            raise RumusError(
                f"Rumus terlalu dalam: lebih dari {KEDALAMAN_MAKSIMAL} tingkat kurung bersarang "
                f"(posisi ke-{buka.posisi + 1})",
                buka.posisi,
            )
        isi = self._ekspresi()
        tutup = self._lihat()
        if tutup.jenis == "akhir":
            raise RumusError(f"Kurung buka '(' pada posisi ke-{buka.posisi + 1} tidak ditutup", buka.posisi)
        if tutup.simbol != ")":
            raise self._operator_hilang(tutup)
        self._maju()
        self._kedalaman -= 1
        return dataclasses.replace(isi, awal=buka.posisi, akhir=tutup.posisi + 1)

    def _operan_hilang(self, tok: _Token) -> RumusError:
        sebelumnya = self._sebelumnya()
        if sebelumnya is not None and sebelumnya.simbol == "(":
            if tok.simbol == ")":
                return RumusError(
                    f"Kurung kosong '()' pada posisi ke-{sebelumnya.posisi + 1}", sebelumnya.posisi
                )
            if tok.jenis == "akhir":
                return RumusError(
                    f"Kurung buka '(' pada posisi ke-{sebelumnya.posisi + 1} tidak ditutup", sebelumnya.posisi
                )
        if sebelumnya is not None and (tok.jenis == "akhir" or tok.simbol == ")"):
            return RumusError(
                f"Operan hilang setelah '{sebelumnya.teks}' pada posisi ke-{sebelumnya.posisi + 1}",
                sebelumnya.posisi,
            )
        return RumusError(f"Operan hilang sebelum '{tok.teks}' pada posisi ke-{tok.posisi + 1}", tok.posisi)


# --- evaluation --------------------------------------------------------------------------------------------


def _evaluasi(node: _Node, nilai: Mapping[str, Decimal], teks: str) -> Decimal:
    if isinstance(node, _Angka):
        return node.nilai
    if isinstance(node, _Variabel):
        return nilai[node.nama]
    if isinstance(node, _Negasi):
        return -_evaluasi(node.operan, nilai, teks)
    hasil = _evaluasi(node.pertama, nilai, teks)
    for operator, kanan in node.sisa:
        b = _evaluasi(kanan, nilai, teks)
        if operator == "+":
            hasil += b
        elif operator == "-":
            hasil -= b
        elif operator == "*":
            hasil *= b
        else:
            if b.is_zero():
                raise _pembagian_nol(kanan, teks)
            hasil /= b
    return hasil


def _pembagian_nol(penyebut: _Node, teks: str) -> RumusError:
    if isinstance(penyebut, _Variabel):
        return RumusError(f"Pembagian dengan nol: nilai '{penyebut.nama}' bernilai 0", penyebut.awal)
    return RumusError(
        f"Pembagian dengan nol: penyebut '{teks[penyebut.awal : penyebut.akhir]}' bernilai 0", penyebut.awal
    )


# --- public API --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rumus:
    """A parsed formula. Construct it with `parse(teks)` (or `Rumus(teks)`); both raise RumusError."""

    teks: str
    variabel: tuple[str, ...] = field(init=False)
    _akar: _Node = field(init=False, repr=False, compare=False)
    _posisi_variabel: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        akar, posisi = _parse(self.teks)
        object.__setattr__(self, "_akar", akar)
        object.__setattr__(self, "_posisi_variabel", posisi)
        object.__setattr__(self, "variabel", tuple(posisi))

    def hitung(self, nilai: Mapping[str, Decimal | None]) -> Decimal:
        """Evaluate with full precision. Entries for names not in the formula are ignored."""
        angka = self._nilai_variabel(nilai)
        try:
            with decimal.localcontext(_KONTEKS):
                hasil = _evaluasi(self._akar, angka, self.teks)
        except ArithmeticError as exc:  # decimal's Overflow/InvalidOperation, ZeroDivisionError
            raise RumusError("Perhitungan gagal: hasil atau nilai terlalu besar untuk dihitung") from exc
        # -0 is a decimal artefact ("-0 * 5"); a realisasi of zero is just 0.
        return hasil.copy_abs() if hasil.is_zero() else hasil

    def _nilai_variabel(self, nilai: Mapping[str, Decimal | None]) -> dict[str, Decimal]:
        # Checked in order of first appearance, so the message names the first gap the user sees in the text.
        if not isinstance(nilai, Mapping):
            raise RumusError("Nilai variabel harus berupa pemetaan nama variabel ke angka")
        hasil: dict[str, Decimal] = {}
        for nama, posisi in self._posisi_variabel.items():
            if nama not in nilai:
                raise RumusError(f"Variabel '{nama}' tidak dikenal / belum diisi", posisi)
            isi: object = nilai[nama]
            if isi is None:
                raise RumusError(f"Nilai '{nama}' belum diisi", posisi)
            if isinstance(isi, bool) or not isinstance(isi, Decimal | int):
                raise RumusError(
                    f"Nilai '{nama}' harus berupa angka Decimal, bukan {type(isi).__name__}", posisi
                )
            angka = Decimal(isi)
            if not angka.is_finite():
                raise RumusError(f"Nilai '{nama}' bukan angka yang valid", posisi)
            hasil[nama] = angka
        return hasil


def _parse(teks: object) -> tuple[_Node, dict[str, int]]:
    if not isinstance(teks, str):
        raise RumusError(f"Rumus harus berupa teks, bukan {type(teks).__name__}")
    if len(teks) > PANJANG_MAKSIMAL:
        raise RumusError(f"Rumus terlalu panjang: {len(teks)} karakter (maksimal {PANJANG_MAKSIMAL})")
    if not teks.strip():
        raise RumusError("Rumus kosong")
    token = _tokenisasi(teks)
    akar = _Parser(token).parse()
    posisi: dict[str, int] = {}
    for tok in token:
        if tok.jenis == "nama":
            posisi.setdefault(tok.teks, tok.posisi)
    return akar, posisi


def parse(teks: str) -> Rumus:
    """Parse a formula; raises RumusError on any syntax error."""
    return Rumus(teks)


@functools.lru_cache(maxsize=4096)
def _parse_tersimpan(teks: str) -> Rumus:
    # Rumus is immutable, so one parsed formula serves every evaluation of the same text; errors are not cached.
    return Rumus(teks)


def hitung(teks: str, nilai: Mapping[str, Decimal | None]) -> Decimal:
    """Parse (once per distinct text) and evaluate."""
    return (_parse_tersimpan(teks) if isinstance(teks, str) else parse(teks)).hitung(nilai)


def variabel(teks: str) -> tuple[str, ...]:
    """The distinct variable names of a formula in order of first appearance."""
    return parse(teks).variabel


def validasi_nama(nama: str) -> None:
    """Raise RumusError unless `nama` can be used as a formula variable (`[A-Za-z_][A-Za-z0-9_]*`)."""
    if not isinstance(nama, str):
        raise RumusError(f"Nama variabel harus berupa teks, bukan {type(nama).__name__}")
    if not nama:
        raise RumusError("Nama variabel kosong")
    if _POLA_NAMA.fullmatch(nama):
        return
    if _adalah_digit(nama[0]):
        raise RumusError(f"Nama variabel '{nama}' tidak boleh diawali angka", 0)
    salah = next(i for i, c in enumerate(nama) if not _isi_nama(c))
    raise RumusError(
        f"Nama variabel '{nama}' tidak valid: karakter '{_tampilkan(nama[salah])}' "
        f"pada posisi ke-{salah + 1}; "
        "gunakan hanya huruf, angka, dan garis bawah (_), tanpa spasi",
        salah,
    )
