"""Real Dovecot and Postfix on loopback, started and stopped by the integration tests.

One ``MailServers`` object owns a private Dovecot (IMAP, IMAPS, LMTP, SASL for Postfix, OAuth2
through a small token-info HTTP server) and a private Postfix (SMTP, submission with STARTTLS,
implicit-TLS SMTPS) that delivers the test domains to Dovecot over LMTP. Everything listens on free
high ports picked at run time, keeps its configuration, state and logs in one folder, and is started
by the daemons' own binaries (no systemd), so a developer machine's real mail system is untouched.

Dovecot also listens on ``NO_MOVE_HOST`` (127.0.0.2, still loopback), where a ``local`` block
advertises a trimmed CAPABILITY without MOVE and UIDPLUS: clients fall back to COPY + EXPUNGE
there, which is how the tests reach code paths that real-world servers without MOVE take.
On ``UNNAMED_HOST`` (127.0.0.3) it is the same server under an address its certificate does not
name, for host-name verification tests.

Needs root (Postfix will not start otherwise) and the Debian packages dovecot-imapd,
dovecot-lmtpd, postfix and swaks; ``missing_requirements()`` says what is missing.
"""

from __future__ import annotations

import contextlib
import grp
import http.server
import imaplib
import itertools
import json
import logging
import os
import pty
import pwd
import secrets
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import trustme
from imapclient import IMAPClient

from rrr_mailbot.config import ImapSettings
from tests.support.tools import require

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
NO_MOVE_HOST = "127.0.0.2"  # same Dovecot, CAPABILITY without MOVE/UIDPLUS (see module docstring)
UNNAMED_HOST = "127.0.0.3"  # same Dovecot, an address its certificate does not name
DEFAULT_DOMAINS = ("rrr.test", "city.test", "town.test")
INSTALL_HINT = "install them with `sudo .ci/install-mail-servers.sh`"
REQUIRED_BINARIES = ("dovecot", "postfix", "postmap", "swaks")
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 15.0

# What the no-MOVE listener advertises after login: IMAP4rev1 plus the harmless basics, so a client
# must use COPY + \Deleted + EXPUNGE (no UIDPLUS, hence no UID EXPUNGE either).
_NO_MOVE_CAPABILITY = "IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE NAMESPACE CHILDREN"

Security = Literal["tls", "starttls", "none"]


class ServerError(RuntimeError):
    """A test mail server failed to start, stop or reconfigure; the message carries its log tail."""


def find_binary(name: str) -> str | None:
    """Path of a program, also looking in the sbin folders a non-root PATH often lacks."""
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def missing_requirements(binaries: Sequence[str] = REQUIRED_BINARIES) -> str | None:
    """Why the real servers cannot run here, or None when they can."""
    missing = [name for name in binaries if find_binary(name) is None]
    if find_binary("dovecot") and not Path("/usr/lib/dovecot/lmtp").exists():
        missing.append("dovecot-lmtpd")
    if missing:
        return f"mail servers not installed (missing: {', '.join(missing)}); {INSTALL_HINT}"
    if os.geteuid() != 0:
        return (
            "the test mail servers must be started as root (Postfix refuses otherwise); "
            "run the integration tests as root, e.g. in the CI container"
        )
    return None


def require_or_skip(reason: str | None) -> None:
    """Skip a test for a missing server, except under CI where it fails instead."""
    require(reason)


def ensure_system_accounts() -> None:
    """Create the users and groups the daemons run as when a minimal image lacks them."""
    for group in ("postfix", "postdrop", "dovecot", "dovenull"):
        try:
            grp.getgrnam(group)
        except KeyError:
            subprocess.run(["groupadd", "--system", group], check=True, capture_output=True)
    for user, group in (("postfix", "postfix"), ("dovecot", "dovecot"), ("dovenull", "dovenull")):
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(
                [
                    "useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", "--gid", group, user,
                ],
                check=True,
                capture_output=True,
            )  # fmt: skip


def pick_free_ports(count: int, host: str = HOST) -> list[int]:
    """Distinct free TCP ports; all are held open until every one is chosen so none repeats."""
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((host, 0))
            held.append(sock)
        return [sock.getsockname()[1] for sock in held]
    finally:
        for sock in held:
            sock.close()


def port_accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on the port any more (a daemon's children may hold it a while)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _wait_until(what: str, check: Any, timeout_s: float, log_files: Sequence[Path] = ()) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise ServerError(
                f"timed out after {timeout_s:.0f} s waiting for {what}" + _tails(log_files)
            )
        time.sleep(0.02)


def _tails(log_files: Sequence[Path], lines: int = 25) -> str:
    parts = []
    for path in log_files:
        try:
            text = path.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            continue
        parts.append(f"\n--- last lines of {path} ---\n" + "\n".join(text))
    return "".join(parts)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0); it is gone for our purposes.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _write_aged(path: Path, text: str) -> None:
    """Write a config file and date it back: Postfix ignores a main.cf younger than about 2 s."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    aged = time.time() - 10
    os.utime(path, (aged, aged))


def _run_with_tty(argv: Sequence[str]) -> str:
    """Run a short command with a terminal as stderr: Postfix prints fatal errors only to a tty."""
    master, slave = pty.openpty()
    try:
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, timeout=30)
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO once the terminal's other side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)


@dataclass(frozen=True)
class MailUser:
    """A mailbox on the test Dovecot."""

    address: str
    password: str
    maildir: Path

    @property
    def local_part(self) -> str:
        return self.address.partition("@")[0]

    @property
    def domain(self) -> str:
        return self.address.partition("@")[2]


@dataclass(frozen=True)
class SwaksResult:
    """What swaks did: its exit status (0 = accepted) and the SMTP transcript."""

    returncode: int
    transcript: str

    def reply_lines(self) -> list[str]:
        """The server's replies as swaks shows them ('<-' accepted, '<**' rejected)."""
        return [line for line in self.transcript.splitlines() if line.startswith(("<-", "<**"))]


class _TokenInfoHandler(http.server.BaseHTTPRequestHandler):
    """Answers Dovecot's OAuth2 passdb: GET /tokeninfo?access_token=... -> {"email": user}."""

    server: _TokenInfoServer

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        token = query.get("access_token", [""])[0]
        address = self.server.tokens.get(token)
        body: dict[str, object]
        if address is None:
            status, body = 401, {"error": "invalid_token"}
        else:
            status, body = 200, {"email": address, "active": True}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        with self.server.log_path.open("a") as log:
            log.write(f"{self.address_string()} {format % args}\n")


class _TokenInfoServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, log_path: Path) -> None:
        super().__init__((HOST, 0), _TokenInfoHandler)
        self.tokens: dict[str, str] = {}
        self.log_path = log_path
        self.thread = threading.Thread(target=self.serve_forever, name="tokeninfo", daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)


class MailServers:
    """A private Dovecot + Postfix pair on loopback, with helpers for tests.

    Ports: ``imap_port`` (plain, STARTTLS offered), ``imap_starttls_port`` (a second plain listener
    for STARTTLS tests), ``imaps_port`` (implicit TLS), ``lmtp_port``; Postfix ``smtp_port`` (port
    25 style: no auth needed from loopback, STARTTLS offered), ``submission_port`` (STARTTLS and
    AUTH required) and ``smtps_port`` (implicit TLS, AUTH required). SMTP AUTH uses the Dovecot
    users. ``ca_file`` is the PEM of the test CA that signed the servers' certificate for
    localhost / 127.0.0.1 / 127.0.0.2.
    """

    imap_host = HOST
    smtp_host = HOST
    no_move_host = NO_MOVE_HOST

    def __init__(self, root: Path, domains: Sequence[str] = DEFAULT_DOMAINS) -> None:
        self.root = root
        self.domains = tuple(domains)
        (
            self.imap_port,
            self.imap_starttls_port,
            self.imaps_port,
            self.lmtp_port,
            self.auth_port,
            self.smtp_port,
            self.submission_port,
            self.smtps_port,
        ) = pick_free_ports(8)
        self.dovecot_dir = root / "dovecot"
        self.postfix_dir = root / "postfix"
        self.mail_root = root / "mail"
        self.passwd_dir = self.dovecot_dir / "users"
        self.dovecot_conf = self.dovecot_dir / "dovecot.conf"
        self.dovecot_log = root / "dovecot.log"
        self.postfix_etc = self.postfix_dir / "etc"
        self.postfix_log = root / "postfix.log"
        self.postfix_command_log = root / "postfix-command.log"
        self.recipient_access = self.postfix_etc / "recipient_access"
        self.ca_file = root / "tls" / "ca.pem"
        self.cert_file = root / "tls" / "server.pem"
        self.key_file = root / "tls" / "server.key"
        self.startup_s: float | None = None
        self._rejects: dict[str, str] = {}
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self._tokeninfo = _TokenInfoServer(root / "tokeninfo.log")
        self._mail_uid = pwd.getpwnam("nobody").pw_uid
        self._mail_gid = pwd.getpwnam("nobody").pw_gid

    # ----------------------------------------------------------------------------- life cycle

    @classmethod
    def start(cls, root: Path, domains: Sequence[str] = DEFAULT_DOMAINS) -> MailServers:
        """Write the configuration under ``root`` and start both servers; measures ``startup_s``."""
        began = time.monotonic()
        ensure_system_accounts()
        servers = cls(root, domains)
        servers._prepare()
        servers._tokeninfo.thread.start()
        try:
            servers.start_dovecot()
            servers.start_postfix()
        except BaseException:
            servers.stop()
            raise
        servers.startup_s = time.monotonic() - began
        logger.info("mail servers up in %.2f s under %s", servers.startup_s, root)
        return servers

    def stop(self) -> None:
        """Stop both servers and the token-info helper (safe to call more than once)."""
        errors = []
        for stop in (self.stop_postfix, self.stop_dovecot):
            try:
                stop()
            except ServerError as exc:
                errors.append(str(exc))
        if self._tokeninfo.thread.is_alive():
            self._tokeninfo.stop()
        else:
            self._tokeninfo.server_close()
        if errors:
            raise ServerError("; ".join(errors))

    def ensure_running(self) -> None:
        """Start whichever server a previous test left stopped."""
        if not self.dovecot_running():
            self.start_dovecot()
        if not self.postfix_running():
            self.start_postfix()

    def _prepare(self) -> None:
        # Dovecot's mail processes run as "nobody" and must be able to walk into the folder.
        self.root.chmod(0o755)
        for folder in (self.dovecot_dir / "run", self.dovecot_dir / "state", self.postfix_etc):
            folder.mkdir(parents=True, exist_ok=True)
        self.mail_root.mkdir(exist_ok=True)
        os.chown(self.mail_root, self._mail_uid, self._mail_gid)
        data_dir = self.postfix_dir / "data"
        data_dir.mkdir(exist_ok=True)
        postfix_user = pwd.getpwnam("postfix")
        os.chown(data_dir, postfix_user.pw_uid, postfix_user.pw_gid)
        (self.postfix_dir / "queue").mkdir(exist_ok=True)
        self.passwd_dir.mkdir(exist_ok=True)
        self._write_certificates()
        (self.dovecot_dir / "oauth2.conf.ext").write_text(
            f"tokeninfo_url = http://{HOST}:{self._tokeninfo.port}/tokeninfo?access_token=\n"
            "username_attribute = email\n"
        )
        self.dovecot_conf.write_text(self._dovecot_config())
        _write_aged(self.postfix_etc / "main.cf", self._postfix_main_cf())
        _write_aged(self.postfix_etc / "master.cf", self._postfix_master_cf())
        _write_aged(self.recipient_access, "")

    def _write_certificates(self) -> None:
        ca = trustme.CA()
        cert = ca.issue_cert("localhost", HOST, NO_MOVE_HOST)
        self.ca_file.parent.mkdir(exist_ok=True)
        ca.cert_pem.write_to_path(str(self.ca_file))
        cert.private_key_pem.write_to_path(str(self.key_file))
        with self.cert_file.open("wb") as chain:
            for blob in cert.cert_chain_pems:
                chain.write(blob.bytes())
        self.key_file.chmod(0o600)

    # ----------------------------------------------------------------------------- Dovecot

    def _dovecot_config(self) -> str:
        d = self.dovecot_dir
        return f"""\
# Written by tests/integration/servers.py for one test session.
instance_name = rrr-test-{self.imap_port}
base_dir = {d}/run
state_dir = {d}/state
log_path = {self.dovecot_log}
protocols = imap lmtp
listen = {HOST}, {NO_MOVE_HOST}, {UNNAMED_HOST}
ssl = yes
ssl_cert = <{self.cert_file}
ssl_key = <{self.key_file}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
# Wrong-password tests should not wait: no failure delay, no per-IP penalty (anvil below).
auth_failure_delay = 0
first_valid_uid = {self._mail_uid}
last_valid_uid = {self._mail_uid}
first_valid_gid = {self._mail_gid}
postmaster_address = postmaster@{self.domains[0]}
mail_location = maildir:~/Maildir
# OAuth2 first and only for its mechanisms; the passwd-file also answers LMTP's user lookups,
# so it must not be limited to mechanisms (a lookup has none and would skip it).
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.passwd_dir}/%Lu
}}
userdb {{
  driver = static
  args = uid={self._mail_uid} gid={self._mail_gid} home={self.mail_root}/%d/%n
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
service imap-login {{
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imap_starttls {{
    port = {self.imap_starttls_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {HOST}
    port = {self.lmtp_port}
  }}
}}
service auth {{
  inet_listener postfix_sasl {{
    address = {HOST}
    port = {self.auth_port}
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
local {NO_MOVE_HOST} {{
  protocol imap {{
    imap_capability = {_NO_MOVE_CAPABILITY}
  }}
}}
"""

    @property
    def _dovecot_pid_file(self) -> Path:
        return self.dovecot_dir / "run" / "master.pid"

    def dovecot_running(self) -> bool:
        pid = _read_pid(self._dovecot_pid_file)
        return pid is not None and _pid_alive(pid)

    def start_dovecot(self) -> None:
        binary = find_binary("dovecot") or "dovecot"
        with (self.root / "dovecot-command.log").open("ab") as out:
            # Output to a file, never a pipe: the daemon would keep a pipe open forever.
            result = subprocess.run(
                [binary, "-c", str(self.dovecot_conf)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=out, timeout=30,
            )  # fmt: skip
        logs = [self.root / "dovecot-command.log", self.dovecot_log]
        if result.returncode != 0:
            raise ServerError(f"dovecot -c {self.dovecot_conf} failed" + _tails(logs))
        for port in (self.imap_port, self.imap_starttls_port, self.imaps_port, self.lmtp_port):
            _wait_until(
                f"Dovecot on port {port}",
                lambda p=port: port_accepts(HOST, p),
                START_TIMEOUT_S,
                logs,
            )
        _wait_until(
            "Dovecot on 127.0.0.2",
            lambda: port_accepts(NO_MOVE_HOST, self.imap_port),
            START_TIMEOUT_S,
            logs,
        )

    def stop_dovecot(self) -> None:
        pid = _read_pid(self._dovecot_pid_file)
        if pid is None or not _pid_alive(pid):
            return
        os.kill(pid, signal.SIGTERM)
        _wait_until(
            f"Dovecot (pid {pid}) to exit",
            lambda: not _pid_alive(pid),
            STOP_TIMEOUT_S,
            [self.dovecot_log],
        )
        for port in (self.imap_port, self.imaps_port, self.lmtp_port):
            _wait_until(
                f"port {port} to be released", lambda p=port: port_is_free(HOST, p), STOP_TIMEOUT_S
            )

    def restart_dovecot(self) -> None:
        self.stop_dovecot()
        self.start_dovecot()

    # ----------------------------------------------------------------------------- Postfix

    def _postfix_main_cf(self) -> str:
        p = self.postfix_dir
        refuse_outside = "error:5.7.1 the test mail system delivers only to " + " ".join(
            self.domains
        )
        return f"""\
# Written by tests/integration/servers.py for one test session.
compatibility_level = 3.6
config_directory = {self.postfix_etc}
queue_directory = {p}/queue
data_directory = {p}/data
command_directory = {Path(find_binary("postfix") or "/usr/sbin/postfix").parent}
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = {self.postfix_log}
maillog_file_prefixes = {self.root}
myhostname = mx.{self.domains[0]}
mydomain = {self.domains[0]}
myorigin = $myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = {HOST}
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_peername_lookup = no
biff = no
smtputf8_enable = no
message_size_limit = 150000000
mailbox_size_limit = 0
# Parent-domain matching (".city.test") does not cover subdomains here: list every domain.
virtual_mailbox_domains = {", ".join(self.domains)}
virtual_transport = lmtp:inet:{HOST}:{self.lmtp_port}
default_transport = {refuse_outside}
relay_transport = {refuse_outside}
smtpd_recipient_restrictions =
    check_recipient_access texthash:{self.recipient_access},
    permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = {self.cert_file}
smtpd_tls_key_file = {self.key_file}
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:{HOST}:{self.auth_port}
smtpd_sasl_auth_enable = yes
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 4s
"""

    def _postfix_master_cf(self) -> str:
        # chroot "n" everywhere: Debian's default "y" would need a copy of /etc in the queue folder.
        return f"""\
# Written by tests/integration/servers.py for one test session.
{self.smtp_port} inet n - n - - smtpd
{self.submission_port} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
{self.smtps_port} inet n - n - - smtpd
  -o syslog_name=postfix/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""

    @property
    def _postfix_pid_file(self) -> Path:
        return self.postfix_dir / "queue" / "pid" / "master.pid"

    def postfix_running(self) -> bool:
        pid = _read_pid(self._postfix_pid_file)
        return pid is not None and _pid_alive(pid)

    def _postfix(self, command: str) -> None:
        binary = find_binary("postfix") or "postfix"
        argv = [binary, "-c", str(self.postfix_etc), command]
        with self.postfix_command_log.open("ab") as out:
            result = subprocess.run(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, timeout=60
            )
        if result.returncode != 0:
            # Postfix prints a fatal configuration error only to a terminal; ask again with one.
            check = _run_with_tty([binary, "-c", str(self.postfix_etc), "check"])
            raise ServerError(
                f"{' '.join(argv)} failed (exit {result.returncode}); postfix check says: "
                f"{check.strip() or '(nothing)'}"
                + _tails([self.postfix_command_log, self.postfix_log])
            )

    def start_postfix(self) -> None:
        self._postfix("start")
        logs = [self.postfix_command_log, self.postfix_log]
        for port in (self.smtp_port, self.submission_port, self.smtps_port):
            _wait_until(
                f"Postfix on port {port}",
                lambda p=port: port_accepts(HOST, p),
                START_TIMEOUT_S,
                logs,
            )

    def stop_postfix(self) -> None:
        pid = _read_pid(self._postfix_pid_file)
        if pid is None or not _pid_alive(pid):
            return
        self._postfix("stop")
        logs = [self.postfix_log]
        _wait_until(
            f"Postfix master (pid {pid}) to exit", lambda: not _pid_alive(pid), STOP_TIMEOUT_S, logs
        )
        for port in (self.smtp_port, self.submission_port, self.smtps_port):
            _wait_until(
                f"port {port} to be released", lambda p=port: port_is_free(HOST, p), STOP_TIMEOUT_S
            )

    def restart_postfix(self) -> None:
        self.stop_postfix()
        self.start_postfix()

    def postfix_reject(self, address: str, code_and_text: str) -> None:
        """Make Postfix answer RCPT TO:<address> with e.g. "451 4.3.0 try later".

        Takes effect for new SMTP sessions once this returns (it waits for the reload to show).
        """
        code = code_and_text.split()[0]
        if not (len(code) == 3 and code.isdigit() and code[0] in "45"):
            raise ValueError(
                f"code_and_text must start with a 4xx or 5xx code, got {code_and_text!r}"
            )
        with self._lock:
            self._rejects[address.lower()] = code_and_text
            self._write_rejects()
        self._postfix("reload")
        self._wait_for_rcpt_reply(address, int(code))

    def clear_postfix_rejects(self) -> None:
        """Accept every recipient again."""
        with self._lock:
            if not self._rejects:
                return
            addresses = list(self._rejects)
            self._rejects.clear()
            self._write_rejects()
        self._postfix("reload")
        for address in addresses:
            self._wait_for_rcpt_reply(address, 250)

    def _write_rejects(self) -> None:
        lines = "".join(f"{address} {reply}\n" for address, reply in sorted(self._rejects.items()))
        _write_aged(self.recipient_access, lines)

    def _wait_for_rcpt_reply(self, address: str, code: int) -> None:
        # A reload replaces the smtpd processes in the background; probe until new ones answer.
        def answered() -> bool:
            with smtplib.SMTP(
                HOST, self.smtp_port, local_hostname="probe.test", timeout=10
            ) as smtp:
                smtp.mail("probe@probe.test")
                got, _ = smtp.rcpt(address)
                smtp.rset()
            return got == code

        _wait_until(
            f"Postfix to answer {code} for {address}", answered, START_TIMEOUT_S, [self.postfix_log]
        )

    # ----------------------------------------------------------------------------- users

    def add_user(self, address: str, password: str) -> MailUser:
        """Create (or re-password) a Dovecot mailbox; Postfix accepts it for any test domain."""
        local, at, domain = address.partition("@")
        if not (local and at and domain):
            raise ValueError(f"not an address: {address!r}")
        if domain.lower() not in self.domains:
            raise ValueError(f"{domain} is not one of the test domains {self.domains}")
        if any(ch in address + password for ch in ":\n\r"):
            raise ValueError("address and password must not contain ':' or line breaks")
        self._write_passwd(address.lower(), password)
        return MailUser(address.lower(), password, self.maildir_of(address))

    def new_user(self, prefix: str = "user", domain: str | None = None) -> MailUser:
        """A fresh mailbox with a unique address: each test gets a clean one."""
        number = next(self._counter)
        address = f"{prefix}{number}-{secrets.token_hex(3)}@{domain or self.domains[1]}"
        return self.add_user(address, secrets.token_urlsafe(12))

    def _write_passwd(self, address: str, password: str) -> None:
        # One passwd-file per user: Dovecot checks a file it has read for changes at most once a
        # second, so adding a line to one shared file is missed by a lookup in the same second.
        path = self.passwd_dir / address
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(f"{address}:{{PLAIN}}{password}\n")
        tmp.replace(path)

    def maildir_of(self, address: str) -> Path:
        """The user's Maildir (INBOX); subfolders are ``.Name`` folders inside it."""
        local, _, domain = address.lower().partition("@")
        return self.mail_root / domain / local / "Maildir"

    def message_files(self, address: str, folder: str = "INBOX") -> list[Path]:
        """Files of the messages in a folder, oldest delivery first."""
        base = self.maildir_of(address)
        if folder != "INBOX":
            base = base / f".{folder}"
        files = [
            p for sub in ("new", "cur") if (base / sub).is_dir() for p in (base / sub).iterdir()
        ]
        return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))

    def wait_for_messages(
        self, address: str, count: int, *, folder: str = "INBOX", timeout_s: float = 10.0
    ) -> list[Path]:
        """Wait until a folder holds ``count`` messages or more (Postfix delivers later)."""
        _wait_until(
            f"{count} message(s) for {address} in {folder}",
            lambda: len(self.message_files(address, folder)) >= count,
            timeout_s,
            [self.postfix_log, self.dovecot_log],
        )
        return self.message_files(address, folder)

    def kick(self, address: str) -> None:
        """Cut every IMAP connection of a user, as a server restart or a network drop would."""
        result = subprocess.run(
            [find_binary("doveadm") or "doveadm", "-c", str(self.dovecot_conf), "kick", address],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise ServerError(f"doveadm kick {address} failed: {result.stderr.strip()}")

    def add_oauth_token(self, token: str, address: str) -> None:
        """Make Dovecot accept ``token`` (XOAUTH2 / OAUTHBEARER) as a login for ``address``."""
        self._tokeninfo.tokens[token] = address.lower()

    # ----------------------------------------------------------------------------- mail in

    def deliver_lmtp(
        self, address: str, raw: bytes, *, envelope_from: str = "sender@town.test"
    ) -> None:
        """Deliver ``raw`` into the user's INBOX through Dovecot's LMTP listener.

        The stored message is ``raw`` byte for byte after the Return-Path and Received headers
        that Dovecot prepends, as a real server does; use ``append`` for no trace headers at all.
        """
        with smtplib.LMTP(
            HOST, self.lmtp_port, local_hostname="lmtp-client.test", timeout=30
        ) as lmtp:
            refused = lmtp.sendmail(envelope_from, [address], raw)
        if refused:
            raise ServerError(f"Dovecot LMTP refused {address}: {refused}")

    def send_with_swaks(
        self,
        from_: str,
        to: str | Sequence[str],
        *,
        attach: Sequence[tuple[Path, str]] = (),
        body: str = "Test message body.",
        subject: str = "Test message",
        headers: Mapping[str, str] | None = None,
        port: int | None = None,
        check: bool = True,
    ) -> SwaksResult:
        """Send a message through Postfix with swaks (attachments as (path, content type) pairs).

        Raises ServerError when swaks fails and ``check`` is true; with ``check=False`` the result
        tells the exit status and transcript (swaks exits 24 when a recipient is rejected).
        """
        recipients = [to] if isinstance(to, str) else list(to)
        argv = [
            find_binary("swaks") or "swaks",
            "--server", f"{HOST}:{port or self.smtp_port}",
            "--helo", "client.town.test",  # without it swaks resolves our hostname, which is slow
            "--from", from_,
            "--to", ",".join(recipients),
            "--header", f"Subject: {subject}",
            "--body", body,
        ]  # fmt: skip
        for name, value in (headers or {}).items():
            argv += ["--header", f"{name}: {value}"]
        for path, content_type in attach:
            argv += [
                "--attach-type",
                content_type,
                "--attach-name",
                Path(path).name,
                "--attach",
                f"@{path}",
            ]
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
        swaks = SwaksResult(result.returncode, result.stdout + result.stderr)
        if check and result.returncode != 0:
            raise ServerError(f"swaks exited {result.returncode}:\n{swaks.transcript}")
        return swaks

    # ----------------------------------------------------------------------------- IMAP helpers

    def imap_port_for(self, security: Security) -> int:
        return {
            "tls": self.imaps_port,
            "starttls": self.imap_starttls_port,
            "none": self.imap_port,
        }[security]

    def imap_settings(
        self, user: MailUser, *, security: Security = "tls", host: str = HOST, **overrides: Any
    ) -> ImapSettings:
        """Settings for rrr_mailbot's IMAP source pointing at this Dovecot as ``user``."""
        values: dict[str, Any] = {
            "kind": "imap",
            "host": host,
            "port": self.imap_port_for(security),
            "security": security,
            "ca_file": self.ca_file if security != "none" else None,
            "username": user.address,
            "password": user.password,
            "timeout_s": 10.0,
        }
        values.update(overrides)
        return ImapSettings.model_validate(values)

    @contextlib.contextmanager
    def imap(self, user: MailUser, *, host: str = HOST) -> Iterator[IMAPClient]:
        """A logged-in imapclient session (plain loopback listener) for inspecting a mailbox."""
        client = IMAPClient(host, self.imap_port, ssl=False, timeout=10)
        try:
            client.login(user.address, user.password)
            yield client
        finally:
            try:
                client.logout()
            except (imaplib.IMAP4.error, OSError):
                with contextlib.suppress(OSError):
                    client.shutdown()

    def append(
        self,
        user: MailUser,
        raw: bytes,
        *,
        folder: str = "INBOX",
        when: datetime | None = None,
        flags: Sequence[str] = (),
    ) -> int:
        """APPEND a message (``when`` becomes its INTERNALDATE); returns its UID."""
        with self.imap(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw, flags=tuple(flags), msg_time=when)
        # Dovecot answers "[APPENDUID <uidvalidity> <uid>] Append completed."
        text = response.decode() if isinstance(response, bytes) else str(response)
        return int(text.split("]")[0].split()[-1])


def tls_context(ca_file: Path) -> ssl.SSLContext:
    """A verifying client context that trusts only the test CA."""
    return ssl.create_default_context(cafile=str(ca_file))
