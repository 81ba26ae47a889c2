#!/usr/bin/env bash
# make backup: copy what a seimg instance needs to be rebuilt, online.
#
# On PostgreSQL (the cluster: SEIMG_POSTGRESQL_DSN, or our own server in
# $SEIMG_DATA/postgresql) each run writes $SEIMG_BACKUP/<AAAAmmddTHHMMSSZ>/
# with banco.dump (pg_dump -Fc of the whole database: the ZODB's tables, the
# blobs, seimg's shared tables), banco.dump.sha256, banco.json (the figures the
# restore checks, counted in the dump's own snapshot), certificados/,
# dados-abertos/ (of $SEIMG_COMPARTILHADO), etc/ (each instance's) and the
# MANIFESTO (seimg.deploy.copia). Otherwise (the embedded FileStorage):
#
#   $SEIMG_BACKUP/filestorage/   repozo's repository: full and incremental
#                                copies of Data.fs (COMPLETO=1 forces a full one)
#   $SEIMG_BACKUP/<AAAAmmddTHHMMSSZ>/
#       blobstorage/             the blobs (files unchanged since the previous
#                                copy are hard links to it: they never change)
#       certificados/            the signing certificates ($SEIMG_DATA/certificados)
#       dados-abertos/           the open-data snapshots and their history
#                                (past days cannot be made again)
#       etc/                     the generated instance configuration
#       MANIFESTO                what was copied, when, from where
#   $SEIMG_BACKUP/ultimo         -> the newest copy
#
# Zope may keep running (repozo reads committed transactions only; blobs are
# copied after it, so every blob the copied transactions name is there).
# With SEIMG_BACKUP_SENHA_ARQUIVO (a file holding a passphrase, outside
# $SEIMG_DATA) a self-contained <copy>.tar.gpg (AES256) is written too, for
# off-site storage. The folder is readable by its owner only. A copy that fails
# (a full disk…) leaves nothing half-written: the new files are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
umask 077

export SEIMG_DATA=${SEIMG_DATA:-$PWD/var}
destino=${SEIMG_BACKUP:-$PWD/backups}
var=$SEIMG_DATA/instance/var
datafs=$var/filestorage/Data.fs

fail() { echo "ERRO: $*" >&2; exit 1; }
senha=${SEIMG_BACKUP_SENHA_ARQUIVO:-}
if [ -n "$senha" ]; then
  [ -r "$senha" ] || fail "SEIMG_BACKUP_SENHA_ARQUIVO ($senha) não pode ser lido."
  command -v gpg >/dev/null || fail "falta o gpg (sudo apt-get install gnupg) para cifrar a cópia."
fi
quando=$(date -u +%Y%m%dT%H%M%SZ)
copia=$destino/$quando
temporaria=$destino/.$quando.parcial

cifrar() {  # the copy folder (and the repozo repository) as one .tar.gpg
  echo "Cifrando a cópia para guardar fora daqui…"
  tar -C "$destino" -cf - "$@" |
    gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-file "$senha" \
      --symmetric --cipher-algo AES256 -o "$copia.tar.gpg.parcial"
  mv "$copia.tar.gpg.parcial" "$copia.tar.gpg"
}

if "$bin/python" -m seimg.deploy.postgresql dsn >/dev/null; then
  # PostgreSQL: the database (blobs included), then the shared files.
  compartilhado=${SEIMG_COMPARTILHADO:-$SEIMG_DATA}
  concluido=
  limpar_pg() {
    if [ -z "$concluido" ]; then
      rm -rf "$temporaria" "$copia.tar.gpg.parcial"
      rmdir "$destino" 2>/dev/null || true
      echo "ERRO: a cópia de segurança falhou e foi desfeita (veja as mensagens acima)." >&2
    fi
  }
  trap limpar_pg EXIT
  mkdir -p "$destino"
  chmod 700 "$destino"
  mkdir -p "$temporaria"
  echo "Copiando o banco PostgreSQL (pg_dump)…"
  banco=$("$bin/python" -m seimg.deploy.copia copiar "$temporaria")
  echo "Copiando os certificados e os dados abertos…"
  [ -d "$compartilhado/certificados" ] && cp -a "$compartilhado/certificados" "$temporaria/certificados"
  [ -d "$compartilhado/dados-abertos" ] && cp -a "$compartilhado/dados-abertos" "$temporaria/dados-abertos"
  for etc in "$SEIMG_DATA"/instancias/*/instance/etc "$SEIMG_DATA/instance/etc"; do
    [ -d "$etc" ] || continue
    nome=$(basename "$(dirname "$(dirname "$etc")")")
    [ "$etc" = "$SEIMG_DATA/instance/etc" ] && nome=instance
    mkdir -p "$temporaria/etc"
    cp -a "$etc" "$temporaria/etc/$nome"
  done
  {
    echo "seimg: cópia de segurança (PostgreSQL)"
    echo "data (UTC): $quando"
    echo "origem: $SEIMG_DATA"
    echo "$banco"
    echo "certificados: $(find "$temporaria/certificados" -type f 2>/dev/null | wc -l) arquivos"
    echo "dados abertos: $(find "$temporaria/dados-abertos" -type f 2>/dev/null | wc -l) arquivos"
  } > "$temporaria/MANIFESTO"
  mv "$temporaria" "$copia"
  ln -sfn "$quando" "$destino/ultimo"
  [ -n "$senha" ] && cifrar "$quando"
  concluido=1
  echo "Cópia pronta: $copia"
  [ -n "$senha" ] && echo "Cópia cifrada: $copia.tar.gpg"
  exit 0
fi

[ -f "$datafs" ] || fail "não há banco de dados em $datafs (SEIMG_DATA=$SEIMG_DATA)."
mkdir -p "$destino/filestorage"
chmod 700 "$destino" "$destino/filestorage"

marca=$(mktemp "$destino/.inicio.XXXXXX")
concluido=
limpar() {
  if [ -z "$concluido" ]; then
    # Nothing half-written: the repository loses what this run added.
    find "$destino/filestorage" -newer "$marca" -type f -delete 2>/dev/null || true
    rm -rf "$temporaria" "$copia.tar.gpg.parcial"
    echo "ERRO: a cópia de segurança falhou e foi desfeita (disco cheio? veja as mensagens acima)." >&2
  fi
  rm -f "$marca"
}
trap limpar EXIT

modo=(-B)
[ "${COMPLETO:-}" = 1 ] && modo=(-B -F)
echo "Copiando o banco de dados (repozo ${modo[*]})…"
"$bin/repozo" "${modo[@]}" -z -r "$destino/filestorage" -f "$datafs"

mkdir -p "$temporaria"
anterior=
[ -L "$destino/ultimo" ] && anterior=$(readlink -f "$destino/ultimo")
echo "Copiando os arquivos (blobs)…"
if [ -n "$anterior" ] && [ -d "$anterior/blobstorage" ]; then
  cp -al "$anterior/blobstorage" "$temporaria/blobstorage"
else
  mkdir -p "$temporaria/blobstorage"
fi
cp -a -n "$var/blobstorage/." "$temporaria/blobstorage/"
if [ -d "$SEIMG_DATA/certificados" ]; then
  cp -a "$SEIMG_DATA/certificados" "$temporaria/certificados"
fi
if [ -d "$SEIMG_DATA/dados-abertos" ]; then
  cp -a "$SEIMG_DATA/dados-abertos" "$temporaria/dados-abertos"
fi
[ -d "$SEIMG_DATA/instance/etc" ] && cp -a "$SEIMG_DATA/instance/etc" "$temporaria/etc"
{
  echo "seimg: cópia de segurança"
  echo "data (UTC): $quando"
  echo "origem: $SEIMG_DATA"
  echo "modo: repozo ${modo[*]}"
  echo "banco (repositório repozo):"
  ls -1 "$destino/filestorage"
  echo "blobs: $(find "$temporaria/blobstorage" -type f -name '*.blob' | wc -l) arquivos"
  echo "certificados: $(find "$temporaria/certificados" -type f 2>/dev/null | wc -l) arquivos"
  echo "dados abertos: $(find "$temporaria/dados-abertos" -type f 2>/dev/null | wc -l) arquivos"
} > "$temporaria/MANIFESTO"
mv "$temporaria" "$copia"
ln -sfn "$quando" "$destino/ultimo"

[ -n "$senha" ] && cifrar filestorage "$quando"
concluido=1
echo "Cópia pronta: $copia"
[ -n "$senha" ] && echo "Cópia cifrada: $copia.tar.gpg"
exit 0
