#!/usr/bin/env bash
# Debian packages SAKIP needs, installed with apt-get when missing (root, as on CI and the developers' machines).
#   scripts/ensure-system-packages.sh        everything the test suite needs (make test, make bench)
#   scripts/ensure-system-packages.sh run    what the running app needs for PDF downloads (make run); without root it
#                                            only warns: the app runs, and its PDF downloads say LibreOffice is missing
# The documents are set in Arial; LibreOffice renders them with Liberation Sans, Arial's metric-compatible twin
# (fonts-liberation2), so a PDF wraps its lines where Word does. Without it LibreOffice falls back to DejaVu Sans.
# The test profile also installs nginx for the reverse-proxy test (client addresses behind nginx).
set -euo pipefail

profil=${1:-test}
missing=()
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)        # charts (matplotlib)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing+=(fonts-liberation2)        # Arial, Courier New in Word/PDF
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)         # .docx → .pdf of the reports
if [[ $profil == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)                               # browser tests
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)         # the second database run
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)               # PDF text and fonts in the tests
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)                             # the reverse-proxy test
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
echo "Memasang paket Debian yang dibutuhkan: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "Paket ${missing[*]} belum terpasang dan pemasangan membutuhkan root: sudo apt-get install ${missing[*]}" >&2
    [[ $profil == run ]] && { echo "Aplikasi tetap dijalankan; unduhan PDF belum tersedia." >&2; exit 0; }
    exit 1
  fi
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# a font installed after fontconfig last scanned must be in its cache before LibreOffice starts
command -v fc-cache >/dev/null 2>&1 && fc-cache -s >/dev/null 2>&1 || true
