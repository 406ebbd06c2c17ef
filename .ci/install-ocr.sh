#!/usr/bin/env bash
# Installs what reading scans and legacy files needs, and what the tests that make scans need:
# Tesseract with the language data of the call's languages, catdoc (legacy Word .doc) and the
# DejaVu fonts the tests draw letters with. Idempotent: does nothing when all are there.
# Run as root (CI containers are root; elsewhere: sudo .ci/install-ocr.sh).
set -euo pipefail

languages=(spa por fra deu ita pol nld cat)  # eng comes with tesseract-ocr
packages=(tesseract-ocr catdoc fonts-dejavu-core)
for code in "${languages[@]}"; do packages+=("tesseract-ocr-$code"); done

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-ocr: tesseract-ocr (+ ${languages[*]}), catdoc and fonts-dejavu-core are already installed"
    exit 0
fi

fail() {
    echo "install-ocr: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; run this script as root (sudo $0)"
command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and apt-get is not available; install them with your package manager"

echo "install-ocr: missing ${missing[*]}; installing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || fail "apt-get update failed; check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "apt-get install of ${missing[*]} failed (see above)"
tesseract --version >/dev/null 2>&1 || fail "tesseract was installed but does not run"
