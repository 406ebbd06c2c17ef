#!/usr/bin/env bash
# Installs the browser the staff web view's browser test drives: Debian's chromium and
# chromium-driver (selenium talks to the driver; nothing is downloaded at test time).
# Idempotent: does nothing when both are there. Run as root (sudo .ci/install-browser.sh).
set -euo pipefail

packages=(chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-browser: chromium and chromium-driver are already installed"
    exit 0
fi

fail() {
    echo "install-browser: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; run this script as root (sudo $0)"
command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and apt-get is not available; install them with your package manager"

echo "install-browser: missing ${missing[*]}; installing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || fail "apt-get update failed; check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install of ${missing[*]} failed (see above)"
chromedriver --version >/dev/null 2>&1 || fail "chromium-driver was installed but does not run"
