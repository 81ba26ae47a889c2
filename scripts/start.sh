#!/usr/bin/env bash
# Serve seimg: write the Zope instance configuration, start the supervised
# LibreOffice, create the admin user and the site when missing, run Zope in
# the foreground. Ctrl-C (or SIGTERM) stops Zope and LibreOffice; when any of
# Zope, the LibreOffice supervisor or the mail sink stops, the others are
# stopped and the script says which one stopped. Nothing outlives the script,
# not even when it is killed (seimg.deploy.filho).
set -euo pipefail
cd "$(dirname "$0")/.."

export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}
export SEIMG_HOST=${SEIMG_HOST:-127.0.0.1}
export SEIMG_PORT=${SEIMG_PORT:-8080}
export SEIMG_LIBREOFFICE_HOST=${SEIMG_LIBREOFFICE_HOST:-127.0.0.1}
export SEIMG_LIBREOFFICE_PORT=${SEIMG_LIBREOFFICE_PORT:-2002}
export SEIMG_LIBREOFFICE_WORKERS=${SEIMG_LIBREOFFICE_WORKERS:-2}
export SEIMG_LIBREOFFICE_DIR=$SEIMG_DATA/libreoffice
export SEIMG_SMTP_HOST=${SEIMG_SMTP_HOST:-127.0.0.1}
export SEIMG_SMTP_PORT=${SEIMG_SMTP_PORT:-8025}
# Without a real SMTP server of yours, e-mails go to a local sink ($SEIMG_DATA/mail).
export SEIMG_SMTP_SINK=${SEIMG_SMTP_SINK:-1}
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
lo_ports=$(seq "$SEIMG_LIBREOFFICE_PORT" $((SEIMG_LIBREOFFICE_PORT + SEIMG_LIBREOFFICE_WORKERS - 1)))
for lo_port in $lo_ports; do
  port_busy "$SEIMG_LIBREOFFICE_HOST" "$lo_port" &&
    fail "a porta $lo_port do LibreOffice já está em uso. Encerre o processo que a ocupa ou escolha outra com SEIMG_LIBREOFFICE_PORT."
done
if [ "$SEIMG_SMTP_SINK" = 1 ] && port_busy "$SEIMG_SMTP_HOST" "$SEIMG_SMTP_PORT"; then
  fail "a porta $SEIMG_SMTP_PORT do servidor de e-mail local já está em uso. Escolha outra com SEIMG_SMTP_PORT."
fi

mkdir -p "$SEIMG_DATA"
etc=$("$bin/python" -m seimg.deploy.instance)

lo_pid= zope_pid= smtp_pid=
# Every child dies with this script, even when it is killed (SIGKILL): see
# seimg.deploy.filho. A stale LibreOffice worker of a killed supervisor is
# stopped by the next supervisor (its pid file).
# (for background jobs only: `exec` makes the job's pid the command's own)
filho() { exec "$bin/python" -m seimg.deploy.filho "$@"; }
parar_tudo() {
  for pid in $zope_pid $lo_pid $smtp_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
stop() {
  trap - EXIT INT TERM
  parar_tudo
  echo "seimg parado."
}
trap stop EXIT
trap 'exit 0' INT TERM  # a requested stop is a clean stop

if [ "$SEIMG_SMTP_SINK" = 1 ]; then
  filho "$bin/seimg-smtp-sink" --host "$SEIMG_SMTP_HOST" --port "$SEIMG_SMTP_PORT" --dir "$SEIMG_DATA/mail" &
  smtp_pid=$!
fi

filho "$bin/seimg-libreoffice" --host "$SEIMG_LIBREOFFICE_HOST" --port "$SEIMG_LIBREOFFICE_PORT" \
  --workers "$SEIMG_LIBREOFFICE_WORKERS" --dir "$SEIMG_LIBREOFFICE_DIR" &
lo_pid=$!
for lo_port in $lo_ports; do
  for _ in $(seq 1 180); do
    port_busy "$SEIMG_LIBREOFFICE_HOST" "$lo_port" && break
    kill -0 "$lo_pid" 2>/dev/null || { lo_pid=; fail "o LibreOffice não iniciou (veja as mensagens acima)."; }
    sleep 0.5
  done
  port_busy "$SEIMG_LIBREOFFICE_HOST" "$lo_port" ||
    fail "o LibreOffice não abriu a porta $lo_port em 90 segundos."
done

echo "Preparando o site (na primeira vez leva cerca de um minuto)…"
"$bin/python" -m seimg.deploy.filho "$bin/zconsole" run "$etc/zope.conf" scripts/create-site.py

filho "$bin/runwsgi" "$etc/zope.ini" &
zope_pid=$!
for _ in $(seq 1 120); do
  port_busy "$SEIMG_HOST" "$SEIMG_PORT" && break
  kill -0 "$zope_pid" 2>/dev/null || { zope_pid=; fail "o Zope não iniciou (veja $SEIMG_DATA/instance/var/log/event.log)."; }
  sleep 0.5
done
echo
echo "seimg no ar: http://$SEIMG_HOST:$SEIMG_PORT/seimg  (usuário: admin; Ctrl-C para parar)"
[ "$SEIMG_SMTP_SINK" = 1 ] && echo "E-mails enviados pelo site ficam em $SEIMG_DATA/mail (Maildir)."
echo

# Serve until one of the parts stops: then stop the others, saying which.
set +e
wait -n $zope_pid $lo_pid $smtp_pid
codigo=$?
set -e
if ! kill -0 "$zope_pid" 2>/dev/null; then
  zope_pid=
  fail "o Zope parou (código $codigo). Veja $SEIMG_DATA/instance/var/log/event.log; o LibreOffice e o servidor de e-mail local foram parados. Inicie de novo com make start."
elif ! kill -0 "$lo_pid" 2>/dev/null; then
  lo_pid=
  fail "o supervisor do LibreOffice parou (código $codigo); o Zope foi parado. Inicie de novo com make start."
else
  smtp_pid=
  fail "o servidor de e-mail local parou (código $codigo); o Zope foi parado. Inicie de novo com make start."
fi
