# Shared pieces of the scripts that start Berth's extra test engines (sourced, not run).
# Every extra engine has its own data root, exec root, pidfile, socket and bridge, and leaves
# iptables alone, so it can never disturb the shared engine of test/engine/start.sh.

engine_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[%s] %s\n' "${log_name:-engine}" "$*" >&2; }

need_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v flock >/dev/null 2>&1 || missing+=(util-linux)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      log "root is needed to install ${missing[*]}; install them and run this again"
      exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# ensure_bridge NAME CIDR: a Linux bridge only this engine uses.
ensure_bridge() {
  if ! ip link show "$1" >/dev/null 2>&1; then
    ip link add "$1" type bridge
    ip addr add "$2" dev "$1"
  fi
  ip link set "$1" up
}

# engine_answers SOCKET: true when a dockerd answers there.
engine_answers() {
  docker -H "unix://$1" version >/dev/null 2>&1
}

# pid_alive PIDFILE: true when the pidfile names a running process.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# start_dockerd DIR BRIDGE [extra dockerd flags...]: starts a private engine and waits for it.
start_dockerd() {
  local dir="$1" bridge="$2"
  shift 2
  mkdir -p "$dir"
  if pid_alive "$dir/dockerd.pid"; then
    log "an engine is still shutting down in $dir; waiting for it"
    for _ in $(seq 1 60); do pid_alive "$dir/dockerd.pid" || break; sleep 0.5; done
  fi
  log "starting dockerd in $dir"
  nohup dockerd \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" \
    --host "unix://$dir/docker.sock" \
    --bridge "$bridge" \
    --iptables=false \
    --ip6tables=false \
    --ip 127.0.0.1 \
    --storage-driver overlay2 \
    "$@" \
    >>"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    if engine_answers "$dir/docker.sock"; then return 0; fi
    sleep 0.5
  done
  log "dockerd did not answer; last lines of its log:"
  tail -n 30 "$dir/dockerd.log" >&2 || true
  exit 1
}

# stop_dockerd DIR: stops a private engine started by start_dockerd and waits until it is gone.
stop_dockerd() {
  local pidfile="$1/dockerd.pid"
  pid_alive "$pidfile" || return 0
  kill -TERM "$(cat "$pidfile")"
  for _ in $(seq 1 120); do pid_alive "$pidfile" || return 0; sleep 0.25; done
  log "dockerd in $1 did not stop"
  exit 1
}

# source_engine: the shared test engine's address (started when it is not running).
source_engine() {
  if [ -n "${BERTH_TEST_DOCKER_HOST:-}" ]; then
    echo "$BERTH_TEST_DOCKER_HOST"
  else
    bash "$engine_here/start.sh" | tail -n 1
  fi
}

# load_images SOCKET IMAGE...: copies images the engine lacks from the shared test engine.
load_images() {
  local sock="$1" missing=() image
  shift
  for image in "$@"; do
    docker -H "unix://$sock" image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "loading ${missing[*]}"
  docker -H "$(source_engine)" save "${missing[@]}" | docker -H "unix://$sock" load -q >/dev/null
}
