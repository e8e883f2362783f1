#!/usr/bin/env bash
# Generates the TLS material of Berth's remote-engine tests with openssl alone:
#   ca.pem / ca-key.pem           the CA the engines trust
#   server-cert.pem / -key.pem    the engines' certificate (SAN localhost and 127.0.0.1)
#   client/{ca,cert,key}.pem      a client folder laid out like DOCKER_CERT_PATH
#   client-key-locked.pem         the client key encrypted with the passphrase in passphrase.txt
#   other-ca.pem, stranger-*.pem  a second CA and a client certificate it signs
#   expired-cert.pem / -key.pem   a server certificate whose validity ended in the past
# Idempotent and safe to run concurrently: a complete set is kept until it nears its end.
# Usage: make-certs.sh [dir]   (default /tmp/berth-engine-tls/certs)
set -euo pipefail

dir="${1:-${BERTH_TLS_CERTS:-/tmp/berth-engine-tls/certs}}"
mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9

log() { printf '[certs] %s\n' "$*" >&2; }
ossl() { openssl "$@" 2>/dev/null; }

complete() {
  [ -f "$dir/generation" ] && [ -f "$dir/client-key-locked.pem" ] &&
    openssl x509 -checkend 172800 -noout -in "$dir/ca.pem" >/dev/null 2>&1 &&
    openssl x509 -checkend 172800 -noout -in "$dir/server-cert.pem" >/dev/null 2>&1
}

# A key and a certificate for `name`, signed by `ca`, with the given extensions.
signed() {
  local ca="$1" name="$2" ext="$3"
  printf '%b' "$ext" >"$work/$name.ext"
  ossl req -new -newkey rsa:2048 -nodes -keyout "$work/$name-key.pem" -out "$work/$name.csr" \
    -subj "/CN=$name"
  ossl x509 -req -in "$work/$name.csr" -CA "$work/$ca.pem" -CAkey "$work/$ca-key.pem" \
    -CAcreateserial -out "$work/$name-cert.pem" -days 825 -extfile "$work/$name.ext"
}

self_signed_ca() {
  ossl req -x509 -newkey rsa:2048 -nodes -keyout "$work/$1-key.pem" -out "$work/$1.pem" \
    -days 3650 -subj "/CN=$2"
}

# OpenSSL 3.0's x509 cannot set a start date; `openssl ca` can, with a throwaway database.
expired_server_cert() {
  local db="$work/ca-db"
  mkdir -p "$db/new"
  : >"$db/index.txt"
  echo 1000 >"$db/serial"
  cat >"$db/ca.cnf" <<EOF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $db
database = $db/index.txt
new_certs_dir = $db/new
serial = $db/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
[ server ]
subjectAltName = DNS:localhost,IP:127.0.0.1
extendedKeyUsage = serverAuth
EOF
  ossl req -new -newkey rsa:2048 -nodes -keyout "$work/expired-key.pem" \
    -out "$work/expired.csr" -subj "/CN=expired"
  ossl ca -batch -config "$db/ca.cnf" -cert "$work/ca.pem" -keyfile "$work/ca-key.pem" \
    -in "$work/expired.csr" -out "$work/expired-cert.pem" -extensions server \
    -startdate 20200101000000Z -enddate 20200201000000Z -notext
}

if complete; then
  exit 0
fi

log "generating test certificates in $dir"
work="$(mktemp -d "$dir.work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

self_signed_ca ca 'Berth test CA'
self_signed_ca other-ca 'Another CA'
signed ca server 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
signed ca client 'extendedKeyUsage=clientAuth\n'
signed other-ca stranger 'extendedKeyUsage=clientAuth\n'
expired_server_cert

echo 'berth-test-passphrase' >"$work/passphrase.txt"
mkdir -p "$work/client"
cp "$work/ca.pem" "$work/client/ca.pem"
cp "$work/client-cert.pem" "$work/client/cert.pem"
cp "$work/client-key.pem" "$work/client/key.pem"
ossl pkey -in "$work/client-key.pem" -aes256 -passout "file:$work/passphrase.txt" \
  -out "$work/client-key-locked.pem"
date +%s%N >"$work/generation"
rm -rf "$work/ca-db" "$work"/*.csr "$work"/*.ext "$work"/*.srl

chmod -R go-rwx "$work"
rm -rf "$dir"
mv "$work" "$dir"
trap - EXIT
