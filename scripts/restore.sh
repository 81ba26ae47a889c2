#!/usr/bin/env bash
# make restore DE=<backup folder or <copy>.tar.gpg> [COPIA=AAAAmmddTHHMMSSZ]
#
# Rebuilds an instance from `make backup` into an EMPTY $SEIMG_DATA: the
# database (repozo, as it was at that copy), the blobs, the certificates and a
# fresh configuration. Then verifies it: ZODB's fstest, and an inventory of
# every process, document, file (each blob read) and user, written to
# $SEIMG_DATA/inventario-restaurado.json. An encrypted copy (.tar.gpg) needs
# SEIMG_BACKUP_SENHA_ARQUIVO. Restoring into a folder that holds anything is
# refused, and a failed restore removes what it wrote.
#
# A copy of the cluster (banco.dump: PostgreSQL) is restored into the EMPTY
# database of SEIMG_POSTGRESQL_DSN, or else into a new server of our own in
# $SEIMG_DATA/postgresql (SEIMG_PG_PORT), with pg_restore in one transaction;
# then verified (seimg.deploy.copia: the copy's figures, every object read and
# every blob loaded through RelStorage); a database that holds anything is
# refused. The certificates and open data go to $SEIMG_DATA; serve it with
# make cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
umask 077

fail() { echo "ERRO: $*" >&2; exit 1; }
export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}
de=${1:-${DE:-}}
[ -n "$de" ] || fail "informe a cópia: make restore DE=pasta-das-copias (ou DE=copia.tar.gpg)."
[ -e "$de" ] || fail "a cópia $de não existe."
if [ -d "$SEIMG_DATA" ] && [ -n "$(ls -A "$SEIMG_DATA" 2>/dev/null)" ]; then
  fail "$SEIMG_DATA não está vazia. A restauração só escreve numa pasta vazia (nada foi alterado); escolha outra com SEIMG_DATA=… ou mova a atual."
fi

trabalho=$(mktemp -d)
concluido=
criada=
limpar() {
  rm -rf "$trabalho"
  if [ -z "$concluido" ] && [ -n "$criada" ]; then
    find "$SEIMG_DATA" -mindepth 1 -delete 2>/dev/null || true
    echo "ERRO: a restauração falhou; $SEIMG_DATA foi esvaziada de novo (veja as mensagens acima)." >&2
  fi
}
trap limpar EXIT

if [ -f "$de" ]; then
  senha=${SEIMG_BACKUP_SENHA_ARQUIVO:-}
  [ -n "$senha" ] || fail "a cópia $de é cifrada: informe SEIMG_BACKUP_SENHA_ARQUIVO."
  echo "Decifrando $de…"
  gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$senha" \
    --decrypt "$de" | tar -C "$trabalho" -xf - ||
    fail "não foi possível decifrar $de (senha errada ou arquivo danificado)."
  de=$trabalho
fi
if [ ! -d "$de/filestorage" ] && ! ls "$de"/2*Z/banco.dump >/dev/null 2>&1; then
  fail "$de não é uma pasta de cópias do make backup (falta filestorage/ ou banco.dump)."
fi
copia=${COPIA:-}
if [ -z "$copia" ]; then
  if [ -L "$de/ultimo" ]; then
    copia=$(basename "$(readlink -f "$de/ultimo")")
  else  # an encrypted archive holds one copy
    copia=$(cd "$de" && ls -1d 2*Z 2>/dev/null | tail -1)
  fi
fi
[ -n "$copia" ] || fail "não há cópia em $de."
[ -d "$de/$copia" ] || fail "a cópia $copia não existe em $de."

if [ -f "$de/$copia/banco.dump" ]; then
  # PostgreSQL: the files first, the database last (its restore verifies
  # itself and leaves the database empty when it fails).
  if [ ! -d "$SEIMG_DATA" ] && [ -z "${SEIMG_POSTGRESQL_DSN:-}" ]; then
    mkdir -p "$SEIMG_DATA"
    chmod 711 "$SEIMG_DATA"  # our server runs as the postgres user: it passes through
  fi
  mkdir -p "$SEIMG_DATA"
  criada=1
  echo "Restaurando os certificados e os dados abertos da cópia $copia…"
  for pasta in certificados dados-abertos; do
    if [ -d "$de/$copia/$pasta" ]; then
      cp -a "$de/$copia/$pasta" "$SEIMG_DATA/$pasta"
    fi
  done
  "$bin/python" -m seimg.deploy.copia restaurar "$de/$copia"
  concluido=1
  echo "Restauração concluída. Sirva-a com make cluster (mesmo SEIMG_DATA e SEIMG_POSTGRESQL_DSN)."
  exit 0
fi
[ -d "$de/filestorage" ] || fail "$de não é uma pasta de cópias do make backup (falta filestorage/)."
# repozo: the newest database copy made up to this copy's time.
quando=$(echo "$copia" | sed -E 's/^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z$/\1-\2-\3-\4-\5-\6/')

mkdir -p "$SEIMG_DATA"
criada=1
etc=$("$bin/python" -m seimg.deploy.instance)
var=$SEIMG_DATA/instance/var
echo "Restaurando o banco de dados da cópia $copia…"
"$bin/repozo" -R -r "$de/filestorage" -D "$quando" -o "$var/filestorage/Data.fs"
echo "Restaurando os arquivos (blobs) e os certificados…"
rmdir "$var/blobstorage" 2>/dev/null || true
cp -a "$de/$copia/blobstorage" "$var/blobstorage"
chmod 700 "$var/blobstorage"
if [ -d "$de/$copia/certificados" ]; then
  cp -a "$de/$copia/certificados" "$SEIMG_DATA/certificados"
fi
if [ -d "$de/$copia/dados-abertos" ]; then
  cp -a "$de/$copia/dados-abertos" "$SEIMG_DATA/dados-abertos"
fi

echo "Conferindo o banco (fstest)…"
"$bin/python" -m ZODB.scripts.fstest "$var/filestorage/Data.fs" ||
  fail "o banco restaurado não passou no fstest."
echo "Conferindo processos, documentos, arquivos e usuários…"
"$bin/zconsole" run "$etc/zope.conf" scripts/inventario.py "$SEIMG_DATA/inventario-restaurado.json" ||
  fail "o inventário da cópia restaurada encontrou problemas."
"$bin/python" - "$SEIMG_DATA/inventario-restaurado.json" <<'PY'
import json, sys
dados = json.load(open(sys.argv[1]))
for nome, site in dados["sites"].items():
    processos = site["processos"]
    documentos = sum(len(p["documentos"]) for p in processos.values())
    andamentos = sum(len(p["andamentos"]) for p in processos.values())
    arquivos = sum(len(d["arquivos"]) for p in processos.values() for d in p["documentos"].values())
    print(f"site {nome}: {len(processos)} processos, {documentos} documentos, "
          f"{arquivos} arquivos, {andamentos} andamentos, {len(site['usuarios'])} usuários")
PY
concluido=1
echo "Restauração concluída em $SEIMG_DATA. Sirva-a com make start (mesmo SEIMG_DATA)."
