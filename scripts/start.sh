#!/usr/bin/env bash
# Serve seimg: write the Zope instance configuration, start the supervised
# LibreOffice, create the admin user and the site when missing, run Zope in
# the foreground. Ctrl-C (or SIGTERM) stops Zope and LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."

export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}
export SEIMG_HOST=${SEIMG_HOST:-127.0.0.1}
export SEIMG_PORT=${SEIMG_PORT:-8080}
export SEIMG_LIBREOFFICE_HOST=${SEIMG_LIBREOFFICE_HOST:-127.0.0.1}
export SEIMG_LIBREOFFICE_PORT=${SEIMG_LIBREOFFICE_PORT:-2002}
export SEIMG_LIBREOFFICE_DIR=$SEIMG_DATA/libreoffice
bin=$PWD/.venv/bin

fail() { echo "ERRO: $*" >&2; exit 1; }
port_busy() {
  "$bin/python" -c 'import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()
except OSError:
    sys.exit(1)' "$1" "$2"
}

port_busy "$SEIMG_HOST" "$SEIMG_PORT" &&
  fail "a porta $SEIMG_HOST:$SEIMG_PORT já está em uso. Encerre o processo que a ocupa ou escolha outra com SEIMG_PORT."
port_busy "$SEIMG_LIBREOFFICE_HOST" "$SEIMG_LIBREOFFICE_PORT" &&
  fail "a porta $SEIMG_LIBREOFFICE_PORT do LibreOffice já está em uso. Encerre o processo que a ocupa ou escolha outra com SEIMG_LIBREOFFICE_PORT."

mkdir -p "$SEIMG_DATA"
etc=$("$bin/python" -m seimg.deploy.instance)

lo_pid= zope_pid=
stop() {
  trap - EXIT INT TERM
  [ -n "$zope_pid" ] && kill -TERM "$zope_pid" 2>/dev/null
  [ -n "$lo_pid" ] && kill -TERM "$lo_pid" 2>/dev/null
  wait 2>/dev/null
  echo "seimg parado."
}
trap stop EXIT
trap 'exit 0' INT TERM  # a requested stop is a clean stop

"$bin/seimg-libreoffice" --host "$SEIMG_LIBREOFFICE_HOST" --port "$SEIMG_LIBREOFFICE_PORT" \
  --dir "$SEIMG_LIBREOFFICE_DIR" &
lo_pid=$!
for _ in $(seq 1 180); do
  port_busy "$SEIMG_LIBREOFFICE_HOST" "$SEIMG_LIBREOFFICE_PORT" && break
  kill -0 "$lo_pid" 2>/dev/null || { lo_pid=; fail "o LibreOffice não iniciou (veja as mensagens acima)."; }
  sleep 0.5
done
port_busy "$SEIMG_LIBREOFFICE_HOST" "$SEIMG_LIBREOFFICE_PORT" ||
  fail "o LibreOffice não abriu a porta $SEIMG_LIBREOFFICE_PORT em 90 segundos."

echo "Preparando o site (na primeira vez leva cerca de um minuto)…"
"$bin/zconsole" run "$etc/zope.conf" scripts/create-site.py

"$bin/runwsgi" "$etc/zope.ini" &
zope_pid=$!
for _ in $(seq 1 120); do
  port_busy "$SEIMG_HOST" "$SEIMG_PORT" && break
  kill -0 "$zope_pid" 2>/dev/null || { zope_pid=; fail "o Zope não iniciou (veja $SEIMG_DATA/instance/var/log/event.log)."; }
  sleep 0.5
done
echo
echo "seimg no ar: http://$SEIMG_HOST:$SEIMG_PORT/seimg  (usuário: admin; Ctrl-C para parar)"
echo
wait "$zope_pid"
