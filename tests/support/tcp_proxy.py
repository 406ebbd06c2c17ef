"""A TCP proxy on loopback that injects network faults between the service and a real server.

    service -> 127.0.0.1:proxy.port -> 127.0.0.1:target_port (Dovecot, Postfix)

Faults, each armed for the next time it applies:

- ``cut_fetch_after(n)``: the server's next ``BODY[] {size}`` literal is forwarded for ``n`` bytes
  past its start, then both sides are cut (a connection lost mid-FETCH, a half-written literal).
  Needs a plaintext session (IMAP ``security = "none"`` on loopback) to see the literal.
- ``stall_fetch_after(n)``: the same, but the connection stays open and nothing more is forwarded
  (a server or network path that hangs); ``release()`` lets go of it.
- ``delay_s``: each read from the server is held that long before it is passed on (a slow
  server: a send takes a while, so other faults can strike in the middle of one).
- ``close_listener()`` / ``open_listener()``: the port is closed (connection refused) and opened
  again on the same number; open sessions are cut as well.

Threads, one pair per connection; every socket is closed by ``stop()``.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator

HOST = "127.0.0.1"
_LITERAL = re.compile(rb"BODY\[\] \{(\d+)\}\r\n")
_CHUNK = 16384


class TcpProxy:
    """Forwards connections to ``target_port``; counts connections and the faults it injected."""

    def __init__(self, target_port: int, target_host: str = HOST) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.connections = 0
        self.cuts = 0
        self.stalls = 0
        self.delay_s = 0.0
        self._lock = threading.Lock()
        self._cut_after: int | None = None
        self._stall_after: int | None = None
        self._released = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None

    # -- life --------------------------------------------------------------------------------

    @classmethod
    @contextlib.contextmanager
    def running(cls, target_port: int) -> Iterator[TcpProxy]:
        proxy = cls(target_port)
        proxy.open_listener()
        try:
            yield proxy
        finally:
            proxy.stop()

    def open_listener(self) -> None:
        """Listen (again) on the proxy's port; the first call picks a free one."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close_listener(self) -> None:
        """Refuse new connections and cut the open ones, as a server that went away."""
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)
        self._cut_all()

    def stop(self) -> None:
        self._released.set()
        self.close_listener()

    # -- faults -------------------------------------------------------------------------------

    def cut_fetch_after(self, n_bytes: int) -> None:
        with self._lock:
            self._cut_after = n_bytes

    def stall_fetch_after(self, n_bytes: int) -> None:
        with self._lock:
            self._released.clear()
            self._stall_after = n_bytes

    def release(self) -> None:
        """End a stall: the stalled connection is cut (its client has given up on it by now)."""
        self._released.set()

    @property
    def armed(self) -> bool:
        with self._lock:
            return self._cut_after is not None or self._stall_after is not None

    # -- plumbing -----------------------------------------------------------------------------

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self.connections += 1
                self._sockets |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_server: bool) -> None:
        tail = b""  # the end of what came before, so that a literal split across reads is found
        try:
            while True:
                data = source.recv(_CHUNK)
                if not data:
                    break
                if from_server and self.armed:
                    seen = tail + data
                    fault = self._fault_in(seen)
                    if fault is not None:
                        end, stall = fault
                        sink.sendall(seen[len(tail) : max(len(tail), end)])
                        if stall:
                            self._released.wait()
                        break
                    tail = seen[-64:]
                if from_server and self.delay_s:
                    time.sleep(self.delay_s)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source, sink)

    def _fault_in(self, seen: bytes) -> tuple[int, bool] | None:
        """Where to stop forwarding in ``seen`` and whether to stall there; None: no fault."""
        match = _LITERAL.search(seen)
        if match is None:
            return None
        with self._lock:
            if self._cut_after is not None:
                after, stall = self._cut_after, False
                self._cut_after = None
                self.cuts += 1
            elif self._stall_after is not None:
                after, stall = self._stall_after, True
                self._stall_after = None
                self.stalls += 1
            else:
                return None
        return min(len(seen), match.end() + after), stall

    def _drop(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._sockets -= set(sockets)
        for sock in sockets:
            _close(sock)

    def _cut_all(self) -> None:
        with self._lock:
            sockets, self._sockets = set(self._sockets), set()
        for sock in sockets:
            _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
