#!/usr/bin/env bash
# Starts (or reuses) a private Docker engine that listens on tcp://127.0.0.1:<port> with
# --tlsverify, trusting the CA of make-certs.sh, plus a private unix socket for test checks.
# It runs with --live-restore, so stopping it leaves its containers running, as a lab machine
# whose engine restarts would. It holds berth-test/web:1.0 and berth-test/multi:1.0 only.
# Usage: start-tls.sh [start|stop]; prints the engine's address on start.
# Settings (env): BERTH_TLS_ENGINE_DIR, BERTH_TLS_ENGINE_PORT, BERTH_TLS_ENGINE_BRIDGE,
# BERTH_TLS_ENGINE_CIDR, BERTH_TLS_ENGINE_POOL, BERTH_TLS_CERTS.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine-lib.sh"

dir="${BERTH_TLS_ENGINE_DIR:-/tmp/berth-engine-tls}"
port="${BERTH_TLS_ENGINE_PORT:-43990}"
bridge="${BERTH_TLS_ENGINE_BRIDGE:-berth1}"
cidr="${BERTH_TLS_ENGINE_CIDR:-172.31.251.1/24}"
pool="${BERTH_TLS_ENGINE_POOL:-10.211.0.0/16}"
certs="${BERTH_TLS_CERTS:-/tmp/berth-engine-tls/certs}"
log_name="tls-engine:$port"
sock="$dir/docker.sock"

if [ "${1:-start}" = stop ]; then
  stop_dockerd "$dir"
  exit 0
fi

need_packages
bash "$engine_here/make-certs.sh" "$certs"
generation="$(cat "$certs/generation")"

if engine_answers "$sock" && [ "$(cat "$dir/certs.generation" 2>/dev/null)" = "$generation" ]; then
  log "reusing the engine on tcp://127.0.0.1:$port"
else
  if engine_answers "$sock"; then
    log "the certificates changed; restarting"
    stop_dockerd "$dir"
  fi
  ensure_bridge "$bridge" "$cidr"
  start_dockerd "$dir" "$bridge" \
    --host "tcp://127.0.0.1:$port" \
    --tlsverify \
    --tlscacert "$certs/ca.pem" \
    --tlscert "$certs/server-cert.pem" \
    --tlskey "$certs/server-key.pem" \
    --live-restore \
    --default-address-pool "base=$pool,size=24"
  echo "$generation" >"$dir/certs.generation"
fi

load_images "$sock" berth-test/web:1.0 berth-test/multi:1.0
echo "tcp://127.0.0.1:$port"
