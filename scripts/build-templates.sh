#!/usr/bin/env bash
# Convert the document templates' flat-XML sources (.fodt, reviewable in
# diffs) into the .odt files collective.documentgenerator loads.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for source in src/seimg/geracao/modelos/*.fodt; do
  timeout 120 soffice "-env:UserInstallation=file://$profile" --headless \
    --convert-to odt --outdir "$(dirname "$source")" "$source"
done
