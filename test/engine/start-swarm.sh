#!/usr/bin/env bash
# Starts (or reuses) a private Docker engine that is a single-node Swarm manager, reachable on a
# unix socket only. Swarm listens on 127.0.0.1 alone; host-mode published ports bind 127.0.0.1
# (dockerd --ip). It holds berth-test/web:1.0 and berth-test/multi:1.0.
# Usage: start-swarm.sh; prints the engine's address.
# Settings (env): BERTH_SWARM_ENGINE_DIR, BERTH_SWARM_ENGINE_BRIDGE, BERTH_SWARM_ENGINE_CIDR,
# BERTH_SWARM_PORT (cluster port; the data path port is the next one).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine-lib.sh"

dir="${BERTH_SWARM_ENGINE_DIR:-/tmp/berth-engine-swarm}"
bridge="${BERTH_SWARM_ENGINE_BRIDGE:-berth2}"
cidr="${BERTH_SWARM_ENGINE_CIDR:-172.31.252.1/24}"
swarm_port="${BERTH_SWARM_PORT:-43992}"
log_name="swarm-engine"
sock="$dir/docker.sock"
dk() { docker -H "unix://$sock" "$@"; }

need_packages
if engine_answers "$sock"; then
  log "reusing the engine on unix://$sock"
else
  ensure_bridge "$bridge" "$cidr"
  start_dockerd "$dir" "$bridge" --default-address-pool base=10.213.0.0/16,size=24
fi

if [ "$(dk info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  log "initialising a single-node swarm"
  # Swarm's gateway bridge gets a name of its own, so it can never meet another engine's.
  if ! dk network inspect docker_gwbridge >/dev/null 2>&1; then
    dk network create --driver bridge --subnet 10.214.0.0/24 \
      --opt com.docker.network.bridge.name=berthgw2 \
      --opt com.docker.network.bridge.enable_icc=false \
      --opt com.docker.network.bridge.enable_ip_masquerade=false \
      --opt com.docker.network.bridge.host_binding_ipv4=127.0.0.1 \
      docker_gwbridge >/dev/null
  fi
  dk swarm init \
    --advertise-addr "127.0.0.1:$swarm_port" \
    --listen-addr "127.0.0.1:$swarm_port" \
    --data-path-addr 127.0.0.1 \
    --data-path-port "$((swarm_port + 1))" \
    --default-addr-pool 10.215.0.0/16 \
    --task-history-limit 1 >/dev/null
fi

load_images "$sock" berth-test/web:1.0 berth-test/multi:1.0
echo "unix://$sock"
