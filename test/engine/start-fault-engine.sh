#!/usr/bin/env bash
# Starts (or reuses) a private Docker engine that the fault tests may stop and start again at
# will: its own data root, exec root, pidfile, socket and bridge, no iptables, and a short
# shutdown so a stop in the middle of a burst is quick. It holds berth-test/web:1.0 only.
# Usage: start-fault-engine.sh [start|stop|restart]; prints the engine's address on start.
# Settings (env): BERTH_FAULT_ENGINE_DIR, BERTH_FAULT_ENGINE_BRIDGE, BERTH_FAULT_ENGINE_CIDR,
# BERTH_FAULT_ENGINE_POOL.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine-lib.sh"

dir="${BERTH_FAULT_ENGINE_DIR:-/tmp/berth-engine-faults}"
bridge="${BERTH_FAULT_ENGINE_BRIDGE:-berth9}"
cidr="${BERTH_FAULT_ENGINE_CIDR:-172.31.254.1/24}"
pool="${BERTH_FAULT_ENGINE_POOL:-10.219.0.0/16}"
log_name="fault-engine"
sock="$dir/docker.sock"

start() {
  if engine_answers "$sock"; then
    log "reusing the engine on unix://$sock"
  else
    ensure_bridge "$bridge" "$cidr"
    start_dockerd "$dir" "$bridge" \
      --shutdown-timeout 1 \
      --cgroup-parent berth-faults \
      --default-address-pool "base=$pool,size=24"
  fi
}

case "${1:-start}" in
  stop)
    stop_dockerd "$dir"
    ;;
  restart)
    stop_dockerd "$dir"
    start
    echo "unix://$sock"
    ;;
  *)
    need_packages
    start
    load_images "$sock" berth-test/web:1.0
    echo "unix://$sock"
    ;;
esac
