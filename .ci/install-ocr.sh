#!/usr/bin/env bash
# Installs what reading scans and legacy files needs, and what the tests that make scans need:
# Tesseract with the language data of the call's languages, catdoc (legacy Word .doc) and the
# DejaVu fonts the tests draw letters with. Idempotent: does nothing when all are there.
# Run as root (CI containers are root; elsewhere: sudo .ci/install-ocr.sh).
set -euo pipefail

languages=(spa por fra deu ita pol nld cat)  # eng comes with tesseract-ocr
packages=(tesseract-ocr catdoc fonts-dejavu-core)
for code in "${languages[@]}"; do packages+=("tesseract-ocr-$code"); done
bash "$(dirname "$0")/install-packages.sh" install-ocr "${packages[@]}"
tesseract --version >/dev/null 2>&1 || { echo "install-ocr: tesseract was installed but does not run" >&2; exit 1; }
