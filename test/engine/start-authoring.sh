#!/usr/bin/env bash
# Starts a second small private Docker engine for the authoring tests: images are loaded into it
# and copied to it from the main test engine. It runs no published containers, so it has no
# bridge and touches no iptables. Idempotent: a running one is reused. Needs start.sh's packages.
set -euo pipefail

dir="${BERTH_AUTHORING_ENGINE_DIR:-/tmp/berth-engine-authoring}"
sock="$dir/docker.sock"

log() { printf '[authoring-engine] %s\n' "$*" >&2; }
dk() { docker -H "unix://$sock" "$@"; }

if dk version >/dev/null 2>&1; then
  log "already running on unix://$sock"
  echo "unix://$sock"
  exit 0
fi

mkdir -p "$dir"
log "starting dockerd on unix://$sock"
nohup dockerd \
  --data-root "$dir/data" \
  --exec-root "$dir/exec" \
  --pidfile "$dir/dockerd.pid" \
  --host "unix://$sock" \
  --bridge none \
  --iptables=false \
  --ip-masq=false \
  --storage-driver overlay2 \
  >"$dir/dockerd.log" 2>&1 &
for _ in $(seq 1 120); do
  if dk version >/dev/null 2>&1; then
    echo "unix://$sock"
    exit 0
  fi
  sleep 0.5
done
log "dockerd did not answer; last lines of its log:"
tail -n 30 "$dir/dockerd.log" >&2 || true
exit 1
