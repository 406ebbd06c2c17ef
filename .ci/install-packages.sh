#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not installed yet (the first
# argument names the caller in messages). Idempotent; the .ci/install-*.sh scripts call it.
# Run as root (CI containers are root; elsewhere: sudo).
set -euo pipefail

[ "$#" -ge 2 ] || { echo "usage: $0 WHO PACKAGE..." >&2; exit 2; }
who=$1
shift
fail() {
    echo "$who: $*" >&2
    exit 1
}

missing=()
for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "$who: $* already installed"
    exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; run this script as root (sudo)"
command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and apt-get is not available; install them with your package manager"

echo "$who: missing ${missing[*]}; installing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || fail "apt-get update failed; check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install of ${missing[*]} failed (see above)"
