#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, PostgreSQL 15 for the second database run,
# fonts for rendered charts, nginx for the reverse-proxy test, LibreOffice Writer (headless) to turn generated reports into PDF. Installed with apt-get when missing (root, as on CI and the developers' machines).
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)  # .docx → .pdf of the reports
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)  # PDF text for the report tests (table of contents)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)  # the reverse-proxy test (client addresses behind nginx)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
echo "Memasang paket Debian yang dibutuhkan tes: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Paket ${missing[*]} belum terpasang dan pemasangan membutuhkan root (apt-get install ${missing[*]})." >&2
    exit 1
  fi
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
