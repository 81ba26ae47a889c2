#!/usr/bin/env bash
# Rebuild src/seimg/locales/seimg.pot from the code and templates, then merge
# it into the pt_BR catalog (the primary language). .mo files are compiled by
# Zope at start-up (zope_i18n_compile_mo_files).
set -euo pipefail
cd "$(dirname "$0")/../src/seimg"
i18ndude=../../.venv/bin/i18ndude
../../.venv/bin/python ../../scripts/manual-pot.py
$i18ndude rebuild-pot --pot locales/seimg.pot --merge locales/manual.pot --create seimg .
$i18ndude sync --pot locales/seimg.pot locales/pt_BR/LC_MESSAGES/seimg.po
