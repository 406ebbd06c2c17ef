#!/usr/bin/env bash
# Installs the browser the staff web view's browser test drives: Debian's chromium and
# chromium-driver (selenium talks to the driver; nothing is downloaded at test time).
# Idempotent: does nothing when both are there. Run as root (sudo .ci/install-browser.sh).
set -euo pipefail

packages=(chromium chromium-driver)
bash "$(dirname "$0")/install-packages.sh" install-browser "${packages[@]}"
chromedriver --version >/dev/null 2>&1 || { echo "install-browser: chromium-driver was installed but does not run" >&2; exit 1; }
