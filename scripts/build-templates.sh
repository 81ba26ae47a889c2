#!/usr/bin/env bash
# Build the document templates seimg installs in /modelos:
# scripts/gen-modelos.py writes the flat-XML sources (.fodt, reviewable in
# diffs), then one LibreOffice run converts every .fodt into the .odt that
# collective.documentgenerator loads.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/gen-modelos.py
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shopt -s nullglob
sources=(src/seimg/geracao/modelos/*.fodt)
if [ ${#sources[@]} -eq 0 ]; then
  echo "build-templates: no .fodt in src/seimg/geracao/modelos" >&2
  exit 1
fi
timeout 300 soffice "-env:UserInstallation=file://$profile" --headless \
  --convert-to odt --outdir src/seimg/geracao/modelos "${sources[@]}"
for source in "${sources[@]}"; do
  test -s "${source%.fodt}.odt" || { echo "build-templates: ${source%.fodt}.odt missing" >&2; exit 1; }
done
