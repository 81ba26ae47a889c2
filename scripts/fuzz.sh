#!/usr/bin/env bash
# make fuzz: schemathesis over docs/openapi.yaml against a throw-away seimg.
#
# Starts `make start`'s instance in a temporary $SEIMG_DATA on its own ports,
# creates fixtures over REST (a process with a signed ofício, a sigiloso
# process, a bloco, a service account), runs schemathesis as a demo user acting
# for a unit and as admin (SEIMG_FUZZ_EXEMPLOS examples per operation, default
# 100), prints the failures and a status histogram per operation, and stops
# everything. Exit status: 1 when any 5xx was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
dados=$(mktemp -d /tmp/seimg-fuzz.XXXXXX)
export SEIMG_DATA=$dados SEIMG_PORT=${SEIMG_FUZZ_PORT:-8097}
export SEIMG_LIBREOFFICE_PORT=${SEIMG_FUZZ_LIBREOFFICE_PORT:-2032}
export SEIMG_SMTP_PORT=${SEIMG_FUZZ_SMTP_PORT:-8035}
exemplos=${SEIMG_FUZZ_EXEMPLOS:-100}
# The fuzzer re-enters wrong passwords by design (signing, credenciais): the
# throw-away instance does not throttle them, or the user would soon be
# refused everything (401) and the run would test little.
export SEIMG_ACESSO_TENTATIVAS_LIVRES=1000000000 SEIMG_ACESSO_MAX_POR_ENDERECO=1000000000
export SEIMG_ACESSO_MAX_POR_LOGIN=1000000000 SEIMG_ACESSO_MAX_RESETS_POR_ENDERECO=1000000000
export SEIMG_ACESSO_MAX_SERVICO_POR_ENDERECO=1000000000
base=http://127.0.0.1:$SEIMG_PORT/seimg

scripts/start.sh > "$dados/start.log" 2>&1 &
inicio=$!
parar() {
  kill -TERM "$inicio" 2>/dev/null || true
  wait "$inicio" 2>/dev/null || true
  rm -rf "$dados"
}
trap parar EXIT

for _ in $(seq 1 300); do
  curl -s -o /dev/null "$base" && break
  kill -0 "$inicio" 2>/dev/null || { cat "$dados/start.log"; exit 2; }
  sleep 1
done

config=$("$bin/python" scripts/fuzz_fixtures.py "$base" "$dados")
status=0
for quem in "carlos.mendes:Demo@2026" "admin:$(cat "$dados/admin-password")"; do
  echo "== schemathesis como ${quem%%:*} ($exemplos exemplos por operação) =="
  arquivo=$config
  # The acting unit is fixed for the whole run (the config file's value only
  # reaches the explicit examples): a generated one is a 403 everywhere.
  unidade=CMVS/PRESIDENCIA/SECRETARIA
  if [ "${quem%%:*}" = admin ]; then
    arquivo=$dados/schemathesis-admin.toml
    unidade=
  fi
  "$bin/schemathesis" --config-file "$arquivo" run "$dados/openapi.yaml" -u "$base" \
    -a "$quem" -H "Accept: application/json" -H "X-Unidade: $unidade" \
    -c not_a_server_error -n "$exemplos" --seed 2026 -w 1 \
    --report ndjson --report-ndjson-path "$dados/${quem%%:*}.ndjson" || status=1
  "$bin/python" scripts/fuzz_fixtures.py --histograma "$dados/${quem%%:*}.ndjson"
done
exit $status
