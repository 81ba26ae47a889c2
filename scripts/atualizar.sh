#!/usr/bin/env bash
# make atualizar: run seimg's pending upgrade steps (GenericSetup, profile
# seimg:default) once, then exit.
#
# On PostgreSQL (the cluster: SEIMG_POSTGRESQL_DSN, or our own server in
# $SEIMG_DATA/postgresql, which must be running) it opens the cluster's
# database with a configuration and blob cache of its own
# ($SEIMG_DATA/atualizacao), under a PostgreSQL advisory lock: instances that
# start meanwhile wait for it ("aguardando a atualização do banco…"), and a
# second make atualizar waits and then finds nothing to do. The embedded
# FileStorage needs Zope stopped. Procedure: docs/operacao.md, "Atualizar com
# várias instâncias".
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}

fail() { echo "ERRO: $*" >&2; exit 1; }
if dsn=$("$bin/python" -m seimg.deploy.postgresql dsn); then
  export SEIMG_POSTGRESQL_DSN=$dsn
  export SEIMG_COMPARTILHADO=${SEIMG_COMPARTILHADO:-$SEIMG_DATA}
  # not pg_isready -d "$dsn": ps would show a password the DSN may hold
  "$bin/python" -c 'import sys; from seimg.base import postgresql; sys.exit(not postgresql.disponivel())' 2>/dev/null ||
    fail "o PostgreSQL do cluster não responde. Inicie-o (make cluster) ou confira SEIMG_POSTGRESQL_DSN."
  etc=$(SEIMG_DATA="$SEIMG_DATA/atualizacao" "$bin/python" -m seimg.deploy.instance)
else
  datafs=$SEIMG_DATA/instance/var/filestorage/Data.fs
  [ -f "$datafs" ] || fail "não há banco de dados em $datafs (SEIMG_DATA=$SEIMG_DATA)."
  "$bin/python" -c 'import sys, zc.lockfile; zc.lockfile.LockFile(sys.argv[1]).close()' \
    "$datafs.lock" 2>/dev/null ||
    fail "o Zope está em execução sobre $datafs. Pare-o (Ctrl-C no make start) e rode make atualizar de novo."
  etc=$("$bin/python" -m seimg.deploy.instance)
fi
echo "Aplicando as atualizações pendentes do seimg…"
"$bin/zconsole" run "$etc/zope.conf" scripts/atualizar.py
