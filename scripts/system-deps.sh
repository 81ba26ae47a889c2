#!/usr/bin/env bash
# Install the Debian packages seimg needs, when missing.
#   system-deps.sh run   LibreOffice headless with python3-uno, poppler-utils,
#                        tesseract-ocr with its Portuguese data (OCR)
#   system-deps.sh cluster  the above, plus PostgreSQL 15 and HAProxy
#                        (make cluster: several Zope instances on RelStorage)
#   system-deps.sh test  all of the above, plus Chromium for the browser tests
#                        and certutil (libnss3-tools) for pdfsig's trust store,
#                        Node.js and npm (axe-core, the front-end build)
# As root it uses apt-get; otherwise sudo without a password; otherwise it
# names the packages to install and fails.
set -euo pipefail
mode=${1:-run}

missing=()
need() {  # need PACKAGE CHECK-COMMAND...
  local package=$1
  shift
  "$@" >/dev/null 2>&1 || missing+=("$package")
}

need libreoffice-writer-nogui command -v soffice
need python3-uno /usr/bin/python3 -c 'import uno'
need poppler-utils command -v pdftotext
# OCR of scanned uploads in Portuguese (seimg.pesquisa.ocr).
need tesseract-ocr command -v tesseract
need tesseract-ocr-por test -f /usr/share/tesseract-ocr/5/tessdata/por.traineddata
need fonts-dejavu-core test -d /usr/share/fonts/truetype/dejavu
need fonts-liberation test -d /usr/share/fonts/truetype/liberation
# Carlito: metric-compatible with Calibri, the font of the document templates.
need fonts-crosextra-carlito test -d /usr/share/fonts/truetype/crosextra
need python3-venv python3 -c 'import ensurepip'
need curl command -v curl
if [ "$mode" = cluster ] || [ "$mode" = test ]; then
  # make cluster and its tests: our own PostgreSQL server (Debian's default
  # cluster is left alone) and HAProxy in front of the instances.
  need postgresql-15 test -x /usr/lib/postgresql/15/bin/initdb
  need haproxy command -v haproxy
fi
if [ "$mode" = test ]; then
  need chromium test -x /usr/bin/chromium
  need libnss3-tools command -v certutil
  # npm installs axe-core for the accessibility checks (make test, make theme).
  need nodejs command -v node
  need npm command -v npm
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt=(sudo -n apt-get)
else
  echo "ERRO: faltam pacotes do sistema: ${missing[*]}" >&2
  echo "Instale-os como root e rode de novo:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "ERRO: faltam ${missing[*]} e este sistema não tem apt-get; instale-os pelo gerenciador de pacotes." >&2
  exit 1
fi
echo "Instalando pacotes do sistema: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}"
