#!/bin/bash
# The demo mail image's entry point: runs one server in the foreground, or checks one is answering.
#
#   mail-demo dovecot              Dovecot: IMAP on 143, LMTP on 24
#   mail-demo postfix              Postfix: SMTP on 25, delivering to Dovecot over LMTP
#   mail-demo check PORT PREFIX    exit 0 when 127.0.0.1:PORT greets with a line starting PREFIX
set -euo pipefail

check() {
    local port=$1 prefix=$2 greeting
    # bash's /dev/tcp: the slim image has no nc or curl, and a greeting proves more than an open port.
    exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
    IFS= read -r -t 5 greeting <&3 || { echo "no greeting on port ${port}" >&2; exit 1; }
    # Say goodbye in the server's protocol, so its log shows a clean disconnect every interval
    # rather than a lost connection.
    case "${greeting}" in
        "* OK"*) printf 'h LOGOUT\r\n' >&3 ;;
        220*) printf 'QUIT\r\n' >&3 ;;
    esac
    exec 3<&-
    if [[ ${greeting} != "${prefix}"* ]]; then
        echo "port ${port} greeted with: ${greeting}" >&2
        exit 1
    fi
}

case "${1:-}" in
    dovecot)
        # An empty password in Dovecot's static passdb would open every demo mailbox.
        if [ -z "${RRR_DEMO_MAIL_PASSWORD:-}" ]; then
            echo "mail-demo: RRR_DEMO_MAIL_PASSWORD is empty: set it in docker/.env (see docker/.env.example)" >&2
            exit 2
        fi
        exec dovecot -F
        ;;
    postfix)
        exec postfix start-fg
        ;;
    check)
        [ $# -eq 3 ] || { echo "usage: mail-demo check PORT PREFIX" >&2; exit 2; }
        check "$2" "$3"
        ;;
    *)
        echo "usage: mail-demo dovecot|postfix|check PORT PREFIX" >&2
        exit 2
        ;;
esac
