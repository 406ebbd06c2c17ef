#!/usr/bin/env bash
# Installs what tests/unit/test_replies_spelling.py needs: hunspell and the dictionaries of the
# reply templates' languages (pt in both variants: the pt templates are neutral between Portugal
# and Brazil). Idempotent: does nothing when all are there.
# Run as root (CI containers are root; elsewhere: sudo .ci/install-spell.sh).
set -euo pipefail

packages=(hunspell hunspell-en-gb hunspell-es hunspell-fr hunspell-pt-pt hunspell-pt-br
          hunspell-de-de hunspell-it hunspell-pl)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-spell: ${packages[*]} are already installed"
    exit 0
fi

fail() {
    echo "install-spell: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; run this script as root (sudo $0)"
command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and apt-get is not available; install them with your package manager"

echo "install-spell: missing ${missing[*]}; installing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || fail "apt-get update failed; check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install of ${missing[*]} failed (see above)"
echo "ok" | hunspell -d en_US -l >/dev/null 2>&1 || fail "hunspell was installed but does not run"
