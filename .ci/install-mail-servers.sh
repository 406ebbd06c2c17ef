#!/usr/bin/env bash
# Installs the real mail servers the integration tests start on loopback: Dovecot (IMAP + LMTP),
# Postfix, swaks and mutt. Idempotent: does nothing when every binary is already there.
# Run as root (CI containers are root; elsewhere: sudo .ci/install-mail-servers.sh).
set -euo pipefail

fail() {
    echo "install-mail-servers: $*" >&2
    exit 1
}

missing=()
for binary in dovecot postfix postmap swaks mutt; do
    # The daemons live in /usr/sbin, which is not on every user's PATH.
    if ! command -v "$binary" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$binary" ]; then
        missing+=("$binary")
    fi
done
if [ -x /usr/sbin/dovecot ] && [ ! -e /usr/lib/dovecot/lmtp ]; then
    missing+=("dovecot-lmtpd")
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-mail-servers: dovecot, postfix, swaks and mutt are already installed"
    exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; run this script as root (sudo $0)"
command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and apt-get is not available; install dovecot-imapd, dovecot-lmtpd, postfix, swaks and mutt with your package manager"

echo "install-mail-servers: missing ${missing[*]}; installing"
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure the system's mailer; the tests write their own configuration.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections \
    || fail "debconf-set-selections failed (is debconf-utils installed?)"
apt-get update -qq || fail "apt-get update failed; check the network and /etc/apt/sources.list"
apt-get install -y -qq --no-install-recommends dovecot-imapd dovecot-lmtpd postfix swaks mutt \
    || fail "apt-get install of dovecot-imapd dovecot-lmtpd postfix swaks mutt failed (see above)"

for binary in dovecot postfix postmap swaks; do
    command -v "$binary" >/dev/null 2>&1 || [ -x "/usr/sbin/$binary" ] \
        || fail "$binary is still missing after apt-get install"
done
# The packages may start system-wide daemons on the standard ports; the tests use their own
# instances on free high ports, so the system ones are harmless but not needed.
echo "install-mail-servers: installed dovecot $(dovecot --version 2>/dev/null | cut -d' ' -f1), postfix, swaks, mutt"
