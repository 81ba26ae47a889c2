#!/usr/bin/env bash
# Create .venv and install seimg with its test tools, every version from
# constraints.txt (the lock). Run by `make`; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${SEIMG_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "ERRO: seimg precisa do Python 3.11 (python3.11). Instale-o, ou indique-o em SEIMG_PYTHON." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv || {
    echo "ERRO: não foi possível criar .venv; no Debian instale 'python3-venv'." >&2
    exit 1
  }
fi
pip() {
  # This machine's pip.conf lists local indexes that may be absent; their
  # warnings drown the output, so they are filtered out.
  .venv/bin/python -m pip --disable-pip-version-check -q "$@" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
pip install -c constraints.txt pip setuptools wheel
# No build isolation: the package builds with the locked setuptools.
pip install -c constraints.txt --no-build-isolation -e ".[test]"
pip check
