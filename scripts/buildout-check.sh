#!/usr/bin/env bash
# Prove that buildout.cfg works: in a clean folder (.buildout-check), install
# zc.buildout from the lock, run buildout with versions.cfg generated from
# constraints.txt, create the site, start the instance on a free port, request
# /seimg/++api++/@site and /seimg, and stop it. Nothing is written into the
# repository. Run by `make buildout-check`.
set -euo pipefail
cd "$(dirname "$0")/.."

repo=$PWD
dir=$repo/.buildout-check
log=$dir/instance.log
python=${SEIMG_PYTHON:-python3.11}
start=$SECONDS
pid=

fail() { echo "buildout-check FAILED: $*" >&2; exit 1; }
quiet() {
  # This machine's pip.conf lists local indexes that may be absent.
  "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
stop() {
  if [ -n "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
}
trap stop EXIT

echo "== Clean folder $dir"
rm -rf "$dir"
mkdir -p "$dir"
"$python" -m venv "$dir"
quiet "$dir/bin/pip" install -q --disable-pip-version-check \
  -c constraints.txt zc.buildout setuptools wheel

# The repository's buildout.cfg, next to a versions.cfg made from the lock.
cp buildout.cfg "$dir/buildout.cfg"
"$dir/bin/python" scripts/lock-to-versions.py constraints.txt "$dir/versions.cfg" >/dev/null
port=$("$dir/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "== bin/buildout (port $port)"
buildout_start=$SECONDS
(cd "$dir" && quiet bin/buildout -c buildout.cfg "buildout:develop=$repo" \
  "settings:http-port=$port") || fail "bin/buildout did not finish (see above)."
buildout_time=$((SECONDS - buildout_start))
echo "bin/buildout took ${buildout_time}s"

echo "== Create the site"
SEIMG_DATA=$dir/var SEIMG_DEMO=${SEIMG_DEMO:-0} \
  "$dir/bin/instance" run scripts/create-site.py || fail "creating the site failed."

echo "== Start the instance on 127.0.0.1:$port"
setsid "$dir/bin/instance" console >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$pid" 2>/dev/null || { pid=; cat "$log" >&2; fail "the instance exited."; }
  sleep 0.5
done

get() {  # get PATH ACCEPT EXPECTED-CONTENT-TYPE
  local out=$dir/response code type
  read -r code type < <(curl -s -o "$out" -w '%{http_code} %{content_type}\n' \
    -H "Accept: $2" "http://127.0.0.1:$port$1") || true
  [ "$code" = 200 ] && [[ $type == $3* ]] ||
    { tail -n 30 "$log" >&2; fail "GET $1 gave HTTP ${code:-none} ($type), expected 200 $3."; }
  echo "GET $1: $code $type"
}
get /seimg/++api++/@site application/json application/json
"$dir/bin/python" -c 'import json, sys; json.load(open(sys.argv[1]))' "$dir/response" ||
  fail "/seimg/++api++/@site did not return JSON."
get /seimg text/html text/html

stop
echo "buildout-check passed in $((SECONDS - start))s (bin/buildout ${buildout_time}s)."
