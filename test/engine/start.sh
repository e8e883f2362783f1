#!/usr/bin/env bash
# Starts a private Docker engine for Berth's tests and builds the test images.
# It never touches an engine the user already runs: its own data root, exec root,
# socket and bridge. Idempotent: a running private engine is reused.
set -euo pipefail

dir="${BERTH_ENGINE_DIR:-/tmp/berth-engine}"
sock="$dir/docker.sock"
bridge="${BERTH_ENGINE_BRIDGE:-berth0}"
bridge_cidr="${BERTH_ENGINE_BRIDGE_CIDR:-172.31.250.1/24}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[engine] %s\n' "$*" >&2; }
dk() { docker -H "unix://$sock" "$@"; }

need_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    if [ "$(id -u)" != 0 ]; then
      log "root is needed to install ${missing[*]}; install them and run this again"
      exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_bridge() {
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "$bridge_cidr" dev "$bridge"
  fi
  ip link set "$bridge" up
}

start_engine() {
  mkdir -p "$dir"
  ensure_bridge
  log "starting dockerd on unix://$sock"
  nohup dockerd \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" \
    --host "unix://$sock" \
    --bridge "$bridge" \
    --storage-driver overlay2 \
    >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    if dk version >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "dockerd did not answer; last lines of its log:"
  tail -n 30 "$dir/dockerd.log" >&2 || true
  exit 1
}

busybox_rootfs() {
  local root="$1" bb
  bb="$(command -v busybox || echo /bin/busybox)"
  mkdir -p "$root/bin" "$root/tmp" "$root/www" "$root/etc"
  cp "$bb" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  echo '<h1>berth test challenge</h1>' >"$root/www/index.html"
  chmod 1777 "$root/tmp"
}

import_image() {
  local root="$1" tag="$2"
  shift 2
  tar -C "$root" -c . | dk import "$@" - "$tag" >/dev/null
}

build_images() {
  if dk image inspect berth-test/multi:1.0 >/dev/null 2>&1 &&
    dk image inspect localhost:5000/ctf/web:1.0 >/dev/null 2>&1; then
    log "test images present"
    return 0
  fi
  local root
  root="$(mktemp -d)"
  busybox_rootfs "$root"
  local label='LABEL berth.test=true'
  # A web challenge: EXPOSEs 8080/tcp, serves /www with busybox httpd.
  import_image "$root" berth-test/web:1.0 -c "$label" -c 'EXPOSE 8080/tcp' \
    -c 'CMD ["/bin/httpd","-f","-p","8080","-h","/www"]'
  # Two ports: http on 8080 and a tcp echo on 9000.
  import_image "$root" berth-test/multi:1.0 -c "$label" -c 'EXPOSE 8080/tcp' -c 'EXPOSE 9000/tcp' \
    -c 'CMD ["/bin/sh","-c","httpd -p 8080 -h /www; exec nc -ll -p 9000 -e /bin/cat"]'
  # No exposed ports at all.
  import_image "$root" berth-test/noports:1.0 -c "$label" -c 'CMD ["/bin/sleep","3600"]'
  # Tagged under a registry-with-port name.
  dk tag berth-test/web:1.0 localhost:5000/ctf/web:1.0
  # An untagged (dangling) image: imported with no reference at all.
  echo dangling >"$root/www/dangling.txt"
  tar -C "$root" -c . | dk import -c "$label" -c 'CMD ["/bin/sleep","3600"]' - >"$dir/dangling.id"
  rm -rf "$root"
  log "test images built"
}

need_packages
if dk version >/dev/null 2>&1; then
  log "private engine already running on unix://$sock"
else
  start_engine
fi
build_images
echo "unix://$sock"
