#!/usr/bin/env bash
# Resolve seimg's requirements (setup.py, with extras [test]) in a fresh
# virtualenv and write every installed distribution, pinned, to constraints.txt.
# Run the suite after it (`make test`) before committing the new lock.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${SEIMG_PYTHON:-python3.11}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
pip() {
  "$tmp/venv/bin/python" -m pip --disable-pip-version-check -q "$@" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
pip install -U pip "setuptools<81" wheel
# Existing pins are kept (new requirements resolve against them);
# SEIMG_LOCK_FRESH=1 resolves everything afresh.
keep=()
if [ "${SEIMG_LOCK_FRESH:-}" != 1 ] && [ -f constraints.txt ]; then
  grep -v '^#' constraints.txt > "$tmp/keep.txt"
  keep=(-c "$tmp/keep.txt")
fi
pip install --no-build-isolation "${keep[@]}" -e ".[test]"
{
  echo "# The lock: every distribution seimg installs, pinned. Written by \`make lock\`"
  echo "# ($(date -u +%Y-%m-%d), $("$tmp/venv/bin/python" --version)); do not edit by hand."
  "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | LC_ALL=C sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) distributions pinned"
