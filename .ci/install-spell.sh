#!/usr/bin/env bash
# Installs what tests/unit/test_replies_spelling.py needs: hunspell and the dictionaries of the
# reply templates' languages (pt in both variants: the pt templates are neutral between Portugal
# and Brazil). Idempotent: does nothing when all are there.
# Run as root (CI containers are root; elsewhere: sudo .ci/install-spell.sh).
set -euo pipefail

packages=(hunspell hunspell-en-gb hunspell-es hunspell-fr hunspell-pt-pt hunspell-pt-br
          hunspell-de-de hunspell-it hunspell-pl)
bash "$(dirname "$0")/install-packages.sh" install-spell "${packages[@]}"
echo "ok" | hunspell -d en_GB -l >/dev/null 2>&1 || { echo "install-spell: hunspell was installed but does not run" >&2; exit 1; }
