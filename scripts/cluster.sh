#!/usr/bin/env bash
# make cluster: the site on PostgreSQL (RelStorage), SEIMG_INSTANCIAS Zope
# instances behind HAProxy, the LibreOffice workers and the mail sink, all on
# 127.0.0.1 (see src/seimg/deploy/cluster.py). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}
exec .venv/bin/python -m seimg.deploy.cluster
