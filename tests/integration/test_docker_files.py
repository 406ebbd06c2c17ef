"""The Docker image and compose stack (docker/), checked without a Docker engine.

There is no engine here or in CI, so what can be checked is checked by other means:

- docker/compose.yaml against the Compose Specification's JSON schema (the copy inside the pinned
  check-jsonschema package, see tests/support/compose_schema.py), before and after interpolation
  with docker/.env.example;
- the files the stack refers to: build contexts, Dockerfiles, COPY sources (and that .dockerignore
  lets them through), bind-mounted folders, the settings each mode mounts (loaded with
  rrr_mailbot.config.load_settings), the hosts those settings name;
- the house rules: secrets only from docker/.env, ports on 127.0.0.1, a health check per service;
- the Dockerfile: base image, stages, wheel, non-root user, tini, exec forms, volume;
- by running them: the image's health check script against the real PostgreSQL, the wheel built
  from exactly what the Dockerfile copies, and the demo's Dovecot + Postfix configuration on this
  machine's Dovecot and Postfix (the same Debian packages the mail image installs), with only
  ports, paths and the mail user swapped for test ones.
"""

from __future__ import annotations

import contextlib
import imaplib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml  # type: ignore[import-untyped]
from jsonschema.validators import validator_for  # type: ignore[import-untyped]

from rrr_mailbot.config import ImapSettings, Settings, SmtpSettings, load_settings
from tests.integration.servers import (
    ensure_system_accounts,
    missing_requirements,
    pick_free_ports,
    port_accepts,
    require_or_skip,
)
from tests.support.compose_schema import ComposeSchemaUnavailable, load_compose_schema
from tests.support.tools import require

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
COMPOSE_FILE = DOCKER / "compose.yaml"
DOCKERFILE = DOCKER / "Dockerfile"
ENV_EXAMPLE = DOCKER / ".env.example"
MAIL = DOCKER / "mail"

SERVICES = {"postgres", "db-upgrade", "mailbot", "dovecot", "postfix"}
# Services that run once and exit (the schema upgrade): no restart, no health check.
ONE_SHOT = {"db-upgrade"}
MAIL_PROFILE = "mail"
SETTINGS_TARGET = "/etc/rrr-mailbot"
DATA_TARGET = "/var/lib/rrr-mailbot"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
# What the production settings need besides docker/.env.example (which is written for the demo).
PRODUCTION_SECRETS = {
    "RRR_MAILBOT_IMAP_PASSWORD": "imap-secret-for-the-test",
    "RRR_MAILBOT_SMTP_PASSWORD": "smtp-secret-for-the-test",
}


# ------------------------------------------------------------------------------ compose helpers


def read_env_file(path: Path) -> dict[str, str]:
    """A dotenv file as Compose reads it: KEY=VALUE lines, # comments, optional quotes."""
    values = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key), f"{path}:{number}: {line!r}"
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


class InterpolationError(AssertionError):
    """A ${VAR:?message} whose variable is unset: Compose would refuse the file."""


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """Compose's variable substitution: $$, $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?m}, ..."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["bare"] or match["braced"]
        op, arg = match["op"], match["arg"] or ""
        current = env.get(name)
        missing = current is None or (current == "" and op is not None and op.startswith(":"))
        if op in (":-", "-") and missing:
            return arg
        if op in (":?", "?") and missing:
            raise InterpolationError(f"${{{name}}} is required: {arg}")
        return current or ""

    return _VARIABLE.sub(substitute, value)


def is_pure_reference(value: object) -> bool:
    """True when a value is one ${VAR...} reference and nothing written inline."""
    return (
        isinstance(value, str)
        and re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}", value) is not None
    )


def duration_s(value: str) -> float:
    """A Compose duration such as 1m30s, 90s or 500ms, in seconds."""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", value)
    assert parts and "".join(n + u for n, u in parts) == value, f"not a duration: {value!r}"
    return sum(float(n) * units[u] for n, u in parts)


def load_compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def compose_env(**overrides: str) -> dict[str, str]:
    """What Compose interpolates with: docker/.env (here its example), then shell overrides."""
    return {**read_env_file(ENV_EXAMPLE), **overrides}


def service_volumes(service: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The service's mounts in long syntax (short syntax entries are converted)."""
    mounts = []
    for entry in service.get("volumes", []):
        if isinstance(entry, dict):
            mounts.append(entry)
            continue
        source, target, *mode = entry.split(":")
        kind = "bind" if source.startswith((".", "/")) else "volume"
        mounts.append(
            {"type": kind, "source": source, "target": target, "read_only": mode == ["ro"]}
        )
    return mounts


def container_environment(service: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, str]:
    """The environment a service's container gets: its env_file(s), then `environment`."""
    result: dict[str, str] = {}
    env_files = service.get("env_file", [])
    for name in [env_files] if isinstance(env_files, str) else env_files:
        path = DOCKER / name
        # docker/.env is the operator's copy of the example, which stands in for it here.
        result.update(read_env_file(ENV_EXAMPLE if path == DOCKER / ".env" else path))
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    result.update({k: str(v) for k, v in interpolate(environment, env).items()})
    return result


def host_path_of(service: Mapping[str, Any], container_path: str) -> Path:
    """The repository file behind a path inside the container, through the service's bind mounts."""
    for mount in service_volumes(service):
        target = mount["target"].rstrip("/")
        if mount["type"] == "bind" and (
            container_path == target or container_path.startswith(target + "/")
        ):
            inside = container_path[len(target) :].lstrip("/")
            return Path((DOCKER / str(mount["source"])).resolve(), inside)
    raise AssertionError(f"{container_path} is not inside any bind mount of the service")


def mounted_settings(settings_file: str) -> tuple[Path, Settings]:
    """The settings the mailbot container loads when docker/.env selects ``settings_file``."""
    env = compose_env(RRR_MAILBOT_SETTINGS=settings_file)
    mailbot = interpolate(load_compose(), env)["services"]["mailbot"]
    container_env = container_environment(load_compose()["services"]["mailbot"], env)
    container_env.update(PRODUCTION_SECRETS if settings_file == "production.toml" else {})
    path = host_path_of(mailbot, container_env["RRR_MAILBOT_CONFIG"])
    return path, load_settings(path, env=container_env)


# --------------------------------------------------------------------------- Dockerfile helpers


@dataclass
class Instruction:
    """One Dockerfile instruction, continuation lines joined, with any heredoc bodies."""

    keyword: str
    args: str
    stage: int
    heredocs: dict[str, str] = field(default_factory=dict)

    def exec_form(self) -> list[str]:
        """The JSON array after the options (exec form); fails for the shell form."""
        rest = strip_options(self.args)
        if self.keyword == "HEALTHCHECK":
            assert rest.startswith("CMD "), f"HEALTHCHECK without CMD: {self.args!r}"
            rest = rest[4:].lstrip()
        assert rest.startswith("["), f"{self.keyword} is in shell form: {self.args!r}"
        value = json.loads(rest)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value

    def options(self) -> dict[str, str]:
        return dict(re.findall(r"--([a-z-]+)=(\S+)", self.args.split(" [", 1)[0]))


def strip_options(args: str) -> str:
    return re.sub(r"^(?:--[a-z-]+(?:=\S+)?\s+)*", "", args)


def parse_dockerfile(path: Path) -> tuple[dict[str, str], list[Instruction]]:
    """Global ARG defaults and the instructions, each tagged with its stage (0 before any FROM)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    instructions: list[Instruction] = []
    global_args: dict[str, str] = {}
    stage = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = line.rstrip()
        while text.endswith("\\"):
            text = text[:-1]
            while index < len(lines) and lines[index].lstrip().startswith("#"):
                index += 1  # comment lines inside a continuation are dropped, as Docker does
            text += " " + lines[index].strip()
            index += 1
        keyword, _, args = text.strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        instruction = Instruction(keyword, " ".join(args.split()), stage)
        for name in re.findall(r"<<-?['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?", args):
            body = []
            while lines[index] != name:
                body.append(lines[index])
                index += 1
            index += 1
            instruction.heredocs[name] = "\n".join(body) + "\n"
        if keyword == "ARG" and stage == 0:
            name, _, default = args.partition("=")
            global_args[name.strip()] = default.strip()
        instructions.append(instruction)
    return global_args, instructions


def stage_of(instructions: list[Instruction], number: int) -> list[Instruction]:
    return [i for i in instructions if i.stage == number]


def copy_sources(instruction: Instruction) -> tuple[list[str], str]:
    """Sources and destination of a COPY/ADD (heredoc sources left out)."""
    rest = strip_options(instruction.args)
    parts = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    return [p for p in parts[:-1] if not p.startswith("<<")], parts[-1]


def dockerignore_patterns(path: Path) -> list[str]:
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


def _glob_regex(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip("/")
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            members = pattern[i + 1 : end]
            out += "[" + ("^" + members[1:] if members.startswith("^") else members) + "]"
            i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def dockerignored(relative: str, patterns: list[str]) -> bool:
    """Whether the build context leaves out a path: the last matching pattern decides, and a
    pattern matches a path when it matches the path or one of its parent folders (Docker's rule)."""
    parts = relative.strip("/").split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _glob_regex(pattern[1:] if negated else pattern)
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            excluded = not negated
    return excluded


# ================================================================================== the schema


@pytest.fixture(scope="module")
def compose_schema() -> dict[str, Any]:
    try:
        return load_compose_schema()
    except ComposeSchemaUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


def schema_errors(schema: dict[str, Any], document: object) -> list[str]:
    validator = validator_for(schema)(schema)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_compose_file_is_valid_against_the_compose_specification(
    compose_schema: dict[str, Any],
) -> None:
    validator_for(compose_schema).check_schema(compose_schema)
    document = load_compose()
    assert schema_errors(compose_schema, document) == []
    # Compose validates after interpolation too: both modes the example .env can select.
    for settings_file in ("demo.toml", "production.toml"):
        env = compose_env(RRR_MAILBOT_SETTINGS=settings_file)
        assert schema_errors(compose_schema, interpolate(document, env)) == []


def test_the_schema_check_rejects_what_compose_rejects(compose_schema: dict[str, Any]) -> None:
    document = load_compose()
    misspelt = json.loads(json.dumps(document))
    misspelt["services"]["mailbot"]["healthchek"] = misspelt["services"]["mailbot"].pop(
        "healthcheck"
    )
    bad_condition = json.loads(json.dumps(document))
    bad_condition["services"]["mailbot"]["depends_on"]["postgres"]["condition"] = "healthy"
    bad_ports = json.loads(json.dumps(document))
    bad_ports["services"]["postfix"]["ports"] = "127.0.0.1:2525:25"
    for broken in (misspelt, bad_condition, bad_ports):
        assert schema_errors(compose_schema, broken), "the schema accepted a broken file"


def test_interpolation_needs_the_postgres_password() -> None:
    env = compose_env()
    del env["RRR_POSTGRES_PASSWORD"]
    with pytest.raises(InterpolationError, match="RRR_POSTGRES_PASSWORD"):
        interpolate(load_compose(), env)


def test_schema_from_the_environment_variable(
    tmp_path: Path, compose_schema: dict[str, Any]
) -> None:
    copy = tmp_path / "compose-spec.json"
    copy.write_text(json.dumps(compose_schema))
    assert load_compose_schema(env={"RRR_COMPOSE_SCHEMA": str(copy)}) == compose_schema
    with pytest.raises(ComposeSchemaUnavailable, match="cannot read the Compose schema"):
        load_compose_schema(env={"RRR_COMPOSE_SCHEMA": str(tmp_path / "missing.json")})
    copy.write_text(json.dumps({"title": "something else"}))
    with pytest.raises(ComposeSchemaUnavailable, match="not the Compose Specification"):
        load_compose_schema(env={"RRR_COMPOSE_SCHEMA": str(copy)})


# ============================================================================ stack and files


def test_services_profiles_and_start_order() -> None:
    services = load_compose()["services"]
    assert set(services) == SERVICES
    # The default stack is postgres + mailbot; the demo's mail servers only come with the profile.
    assert "profiles" not in services["postgres"] and "profiles" not in services["mailbot"]
    assert services["dovecot"]["profiles"] == [MAIL_PROFILE]
    assert services["postfix"]["profiles"] == [MAIL_PROFILE]
    assert services["postgres"]["image"] == "postgres:16"
    assert services["mailbot"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "db-upgrade": {"condition": "service_completed_successfully"},
    }
    # The schema is upgraded by the same image, with the same settings, before the bot starts.
    upgrade, mailbot = services["db-upgrade"], services["mailbot"]
    assert upgrade["command"] == ["db", "upgrade"] and upgrade["restart"] == "no"
    assert upgrade["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for key in ("image", "build", "env_file", "environment"):
        assert upgrade[key] == mailbot[key], key
    assert service_volumes(upgrade) == [
        m for m in service_volumes(mailbot) if m["target"] == SETTINGS_TARGET
    ]
    assert services["postfix"]["depends_on"] == {"dovecot": {"condition": "service_healthy"}}
    # A service may only depend on services that run whenever it runs.
    for name, service in services.items():
        for needed in service.get("depends_on", {}):
            assert set(services[needed].get("profiles", [])) <= set(service.get("profiles", [])), (
                f"{name} depends on {needed}, which a profile can leave out"
            )
    assert services["mailbot"]["restart"] == "unless-stopped"
    assert services["mailbot"]["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}
    postgres_volumes = service_volumes(services["postgres"])
    assert postgres_volumes[0]["type"] == "volume"
    assert postgres_volumes[0]["source"] in load_compose()["volumes"]
    assert postgres_volumes[0]["target"] == "/var/lib/postgresql/data"


def test_stop_grace_period_outlasts_a_message_in_hand() -> None:
    """The service finishes the current message on SIGTERM; that can wait one server timeout."""
    grace = duration_s(load_compose()["services"]["mailbot"]["stop_grace_period"])
    for settings_file in ("production.toml", "demo.toml"):
        _, settings = mounted_settings(settings_file)
        assert isinstance(settings.mailbox, ImapSettings)
        assert isinstance(settings.transport, SmtpSettings)
        longest_wait = max(settings.mailbox.timeout_s, settings.transport.timeout_s)
        assert grace >= longest_wait + 20, (settings_file, grace, longest_wait)


def test_build_contexts_dockerfiles_and_copied_files_exist() -> None:
    patterns = dockerignore_patterns(REPO / ".dockerignore")
    checked = 0
    for name, service in load_compose()["services"].items():
        if "build" not in service:
            continue
        build = service["build"]
        context = (DOCKER / build["context"]).resolve()
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        assert context.is_dir(), f"{name}: build context {context} is missing"
        assert dockerfile.is_file(), f"{name}: {dockerfile} is missing"
        _, instructions = parse_dockerfile(dockerfile)
        for instruction in instructions:
            if instruction.keyword not in ("COPY", "ADD") or "from" in instruction.options():
                continue
            sources, _ = copy_sources(instruction)
            for source in sources:
                assert (context / source).exists(), f"{name}: COPY source {source} is missing"
                if context == REPO:
                    assert not dockerignored(source, patterns), f".dockerignore drops {source}"
                checked += 1
    assert checked >= 7


def test_dockerignore_keeps_secrets_and_clutter_out_of_the_context() -> None:
    patterns = dockerignore_patterns(REPO / ".dockerignore")
    for path in (
        "docker/.env",
        ".git/config",
        "tests/unit/test_config.py",
        "rrr-mailbot-data/ledger.sqlite3",
        "rrr_mailbot/__pycache__/cli.cpython-311.pyc",
        "rrr_mailbot/store/__pycache__/schema.cpython-311.pyc",
        "rrr_mailbot/stray.pyc",
        "config/.ruff_cache/x",
    ):
        assert dockerignored(path, patterns), f"{path} would be sent to the builder"
    for path in ("pyproject.toml", "rrr_mailbot/cli.py", "templates/en", "config/rrr-2021.toml"):
        assert not dockerignored(path, patterns), f"{path} would be missing from the context"


def test_bind_mounts_exist_and_settings_are_mounted_read_only() -> None:
    services = load_compose()["services"]
    for name, service in services.items():
        for mount in service_volumes(service):
            if mount["type"] == "bind":
                assert (DOCKER / mount["source"]).exists(), f"{name}: {mount['source']} missing"
    settings_mounts = [
        m for m in service_volumes(services["mailbot"]) if m["target"] == SETTINGS_TARGET
    ]
    assert len(settings_mounts) == 1 and settings_mounts[0]["read_only"] is True
    data_mounts = [m for m in service_volumes(services["mailbot"]) if m["target"] == DATA_TARGET]
    assert len(data_mounts) == 1 and data_mounts[0]["type"] == "volume"


@pytest.mark.parametrize("settings_file", ["production.toml", "demo.toml"])
def test_mounted_settings_load_and_point_at_the_stack(settings_file: str) -> None:
    path, settings = mounted_settings(settings_file)
    assert path == DOCKER / "config" / settings_file
    services = load_compose()["services"]
    env = read_env_file(ENV_EXAMPLE)
    # The URL from docker/.env wins over the file's, and names the postgres service's database.
    url = urlsplit(settings.database.url.get_secret_value())
    assert url.hostname == "postgres" and url.hostname in services
    postgres_env = interpolate(services["postgres"]["environment"], env)
    assert url.username == postgres_env["POSTGRES_USER"]
    assert url.password == postgres_env["POSTGRES_PASSWORD"] == env["RRR_POSTGRES_PASSWORD"]
    assert url.path == "/" + postgres_env["POSTGRES_DB"]
    # State goes to the volume, not to the read-only root file system.
    assert settings.storage.data_dir.is_relative_to(DATA_TARGET)
    assert settings.call.id == "rrr-2021"  # call_from found the packaged call
    assert isinstance(settings.mailbox, ImapSettings)
    assert isinstance(settings.transport, SmtpSettings)
    if settings_file == "demo.toml":
        # The demo's servers are the mail profile's services, on the ports their checks probe.
        assert settings.mailbox.host == "dovecot" and settings.transport.host == "postfix"
        assert services["dovecot"]["healthcheck"]["test"][3] == str(settings.mailbox.effective_port)
        assert services["postfix"]["healthcheck"]["test"][3] == str(
            settings.transport.effective_port
        )
        assert settings.mailbox.password is not None
        assert settings.mailbox.password.get_secret_value() == env["RRR_DEMO_MAIL_PASSWORD"]
        assert settings.call.deadline_utc.year > 2090  # the demo keeps the call open
    else:
        assert settings.mailbox.security == "tls" and settings.transport.security == "starttls"


def test_production_settings_refuse_to_load_without_their_secrets() -> None:
    env = compose_env(RRR_MAILBOT_SETTINGS="production.toml")
    mailbot = load_compose()["services"]["mailbot"]
    container_env = container_environment(mailbot, env)
    path = host_path_of(interpolate(mailbot, env), container_env["RRR_MAILBOT_CONFIG"])
    with pytest.raises(Exception, match="RRR_MAILBOT_IMAP_PASSWORD"):
        load_settings(path, env=container_env)


def test_secrets_come_from_the_env_file_only() -> None:
    services = load_compose()["services"]
    assert services["mailbot"]["env_file"] == ".env"
    secret_name = re.compile(r"PASSWORD|SECRET|TOKEN|_URL$|KEY$")
    for name, service in services.items():
        environment = service.get("environment", {})
        assert isinstance(environment, dict), f"{name}: use the mapping form of environment"
        for key, value in environment.items():
            if secret_name.search(key):
                assert is_pure_reference(value), f"{name}: {key} is written inline"
            assert "@" not in str(value).split("${")[0], f"{name}: {key} holds credentials"
    # The settings files hold neither passwords nor a database password.
    for toml_file in (DOCKER / "config").glob("*.toml"):
        data = tomllib.loads(toml_file.read_text(encoding="utf-8"))
        for section in ("mailbox", "transport"):
            assert "password" not in data.get(section, {}), toml_file
        assert urlsplit(data["database"]["url"]).password is None, toml_file
    # The example's variables are the ones the stack reads; the production ones stay unset.
    example = read_env_file(ENV_EXAMPLE)
    for key in ("RRR_MAILBOT_DATABASE_URL", "RRR_POSTGRES_PASSWORD", "RRR_DEMO_MAIL_PASSWORD"):
        assert example[key], key
    assert "RRR_MAILBOT_IMAP_PASSWORD" not in example


def test_published_ports_listen_on_loopback_only() -> None:
    published = 0
    for name, service in interpolate(load_compose(), compose_env())["services"].items():
        for port in service.get("ports", []):
            if isinstance(port, dict):
                assert port.get("host_ip") == "127.0.0.1", f"{name}: {port}"
            else:
                assert str(port).startswith("127.0.0.1:"), f"{name}: {port}"
            published += 1
    assert "ports" not in load_compose()["services"]["postgres"]
    assert published == 2  # IMAP and SMTP of the demo


def test_every_service_has_a_meaningful_health_check() -> None:
    services = load_compose()["services"]
    for name, service in services.items():
        check = service.get("healthcheck")
        if name in ONE_SHOT:  # exits within seconds; the image's service check does not apply
            assert check == {"disable": True} and service["restart"] == "no", name
            continue
        assert check and not check.get("disable") and check.get("test"), f"{name}: no healthcheck"
        assert check["test"][0] == "CMD", f"{name}: use the exec form"
        duration_s(check["interval"])
    assert services["postgres"]["healthcheck"]["test"][1] == "pg_isready"
    _, instructions = parse_dockerfile(DOCKERFILE)
    (image_check,) = [i for i in instructions if i.keyword == "HEALTHCHECK"]
    assert services["mailbot"]["healthcheck"]["test"][1:] == image_check.exec_form()
    for name, port in (("dovecot", "143"), ("postfix", "25")):
        test = services[name]["healthcheck"]["test"]
        assert test[1:4] == ["/usr/local/bin/mail-demo", "check", port]
        assert any(p.endswith(f":{port}") for p in services[name]["ports"])


# ================================================================================= Dockerfile


def test_dockerfile_builds_a_wheel_and_runs_it_as_a_non_root_service() -> None:
    global_args, instructions = parse_dockerfile(DOCKERFILE)
    froms = [i for i in instructions if i.keyword == "FROM"]
    assert len(froms) == 2, "two stages: build the wheels, then install them"
    base = re.sub(r"\$\{(\w+)\}", lambda m: global_args[m[1]], froms[0].args.split()[0])
    assert base.startswith("python:3.11-slim")
    assert froms[0].args.endswith(" AS build")
    assert froms[1].args.split()[0] == froms[0].args.split()[0]
    build_runs = [i.args for i in stage_of(instructions, 1) if i.keyword == "RUN"]
    assert any(re.search(r"pip wheel .*'\.\[postgres,metrics\]'", run) for run in build_runs)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert {"postgres", "metrics"} <= set(project["optional-dependencies"])

    final = stage_of(instructions, 2)
    runs = [i for i in final if i.keyword == "RUN"]
    (install,) = [i for i in runs if "pip install" in i.args]
    assert "--mount=type=bind,from=build,source=/wheels,target=/wheels" in install.args
    assert "--no-index --find-links=/wheels" in install.args
    assert any("tini" in run.args for run in runs)
    (user,) = [i for i in final if i.keyword == "USER"]
    assert user.args.split(":")[0] not in ("0", "root")
    assert any(f"useradd --system --uid {user.args.split(':')[0]}" in run.args for run in runs)
    (volume,) = [i for i in final if i.keyword == "VOLUME"]
    assert json.loads(volume.args) == [DATA_TARGET]
    workdirs = [i.args for i in final if i.keyword == "WORKDIR"]
    assert workdirs[-1] == DATA_TARGET  # relative paths in settings land in the volume
    (entrypoint,) = [i for i in final if i.keyword == "ENTRYPOINT"]
    assert entrypoint.exec_form() == ["/usr/bin/tini", "--", "rrr-mailbot"]
    (cmd,) = [i for i in final if i.keyword == "CMD"]
    assert cmd.exec_form() == ["run"]
    stop = [i.args for i in final if i.keyword == "STOPSIGNAL"]
    assert stop in ([], ["SIGTERM"])
    (check,) = [i for i in final if i.keyword == "HEALTHCHECK"]
    assert check.exec_form() == ["rrr-mailbot", "health"]
    options = check.options()
    assert duration_s(options["timeout"]) < duration_s(options["interval"])
    assert duration_s(options["start-period"]) >= 30  # the first intake pass comes first
    (apt,) = [i.args for i in runs if "apt-get install" in i.args]
    wanted = {"tini", "catdoc", "tesseract-ocr"} | {
        f"tesseract-ocr-{language}"
        for language in ("spa", "por", "fra", "deu", "ita", "pol", "nld", "cat")
    }
    assert wanted <= set(apt.split()), wanted - set(apt.split())
    assert "--no-install-recommends" in apt and "rm -rf /var/lib/apt/lists/*" in apt


def copy_build_context(root: Path) -> Path:
    """Lay out under ``root`` what the build stage's COPY lines copy (through .dockerignore), in
    its WORKDIR; returns that folder. Fails when a COPY finds nothing to copy."""
    patterns = dockerignore_patterns(REPO / ".dockerignore")
    _, instructions = parse_dockerfile(DOCKERFILE)
    build = stage_of(instructions, 1)
    (workdir,) = [i.args for i in build if i.keyword == "WORKDIR"]
    src = root / workdir.lstrip("/")
    copied: dict[str, int] = {}
    for instruction in build:
        if instruction.keyword != "COPY":
            continue
        sources, destination = copy_sources(instruction)
        target = src / destination
        for source in sources:
            origin = REPO / source
            files = [origin] if origin.is_file() else sorted(origin.rglob("*"))
            for path in files:
                relative = path.relative_to(REPO).as_posix()
                if not path.is_file() or dockerignored(relative, patterns):
                    continue
                inner = path.name if origin.is_file() else path.relative_to(origin).as_posix()
                (target / inner).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target / inner)
                copied[source] = copied.get(source, 0) + 1
    empty = sorted(
        {s for i in build if i.keyword == "COPY" for s in copy_sources(i)[0]} - set(copied)
    )
    assert not empty, f"COPY {empty}: nothing to copy (empty in the repository, or all ignored)"
    assert not list(src.rglob("__pycache__"))
    return src


def test_wheel_builds_from_exactly_what_the_dockerfile_copies(tmp_path: Path) -> None:
    """The build stage's COPY lines, through .dockerignore, are enough for `pip wheel`."""
    src = copy_build_context(tmp_path)
    wheels = tmp_path / "wheels"
    # Offline twin of the Dockerfile's `pip wheel '.[postgres]'`: the installed hatchling instead
    # of an isolated build environment, and no dependencies (they come from PyPI as they are).
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--quiet", "--wheel-dir", str(wheels), str(src)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = wheels.glob("rrr_mailbot-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(info).decode()
        metadata = archive.read(info.replace("entry_points.txt", "METADATA")).decode()
    assert "rrr_mailbot/cli.py" in names
    assert "rrr_mailbot/_data/config/rrr-2021.toml" in names  # call_from = "rrr-2021.toml"
    assert any(n.startswith("rrr_mailbot/_data/templates/") for n in names)
    assert any(n.startswith("rrr_mailbot/store/migrations/versions/v0001") for n in names)
    assert re.search(r"^rrr-mailbot = rrr_mailbot\.cli:main$", entry_points, re.M)
    assert "Provides-Extra: postgres" in metadata
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


# ========================================== the image's RUN steps, run on this machine

# Dockerfile text -> what runs here instead, each with why. Every rule must apply at least once, so
# the test notices when the Dockerfile changes under it.
RUN_REWRITES = (
    # The machine's package lists (CI's .ci/run updates them): no download inside a test.
    (r"\bapt-get update\b", "true"),
    # Resolves every package and its dependencies against Debian's lists, installs nothing.
    (r"\bapt-get install\b", "apt-get install --simulate"),
    # The user database of the throw-away root, not this machine's.
    (r"\b(groupadd|useradd) ", r'\1 --prefix "$ROOT" '),
    # Paths the image writes go under the throw-away root (the user's home stays as written).
    (r"(?<!--home-dir )(?<=[\s=])/(?=var/|etc/|wheels\b)", "$ROOT/"),
    # The package alone, built with this machine's hatchling (the image builds every dependency).
    (r"\bpip wheel\b", '"$VENV/bin/pip" wheel --no-deps --no-build-isolation'),
    # Into the throw-away venv; its dependencies are this machine's (installed from the test extra).
    (r"\bpip install\b", '"$VENV/bin/pip" install --no-deps --ignore-installed'),
)


def image_run_script() -> str:
    """The Dockerfile's RUN lines (build stage in the build context, then the final stage) as one
    bash script, rewritten by RUN_REWRITES."""
    _, instructions = parse_dockerfile(DOCKERFILE)
    lines = ["set -euo pipefail"]
    for stage, folder in ((1, '"$SRC"'), (2, '"$ROOT"')):
        lines.append(f"cd {folder}")
        lines += [
            strip_options(i.args) for i in stage_of(instructions, stage) if i.keyword == "RUN"
        ]
    script = "\n".join(lines) + "\n"
    for pattern, replacement in RUN_REWRITES:
        script, count = re.subn(pattern, replacement, script)
        assert count, f"the Dockerfile no longer has {pattern!r}: update RUN_REWRITES"
    return script


@pytest.mark.integration
def test_the_images_run_steps_work_on_this_machine(tmp_path: Path) -> None:
    """apt packages resolve, the user and its volume folder are made, the wheel builds and installs,
    and the installed command answers the image's HEALTHCHECK with the container's settings."""
    if os.geteuid() != 0:
        require("useradd --prefix and install -o need root (CI runs as root)")
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    for name in ("passwd", "group", "shadow", "gshadow"):
        if Path("/etc", name).exists():
            shutil.copy2(Path("/etc", name), root / "etc" / name)
    src = copy_build_context(tmp_path / "build")
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ROOT": str(root), "SRC": str(src),
        "VENV": str(venv), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INDEX": "1",
    }  # fmt: skip
    result = subprocess.run(
        ["bash", "-c", image_run_script()],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    _, instructions = parse_dockerfile(DOCKERFILE)
    (apt,) = [i.args for i in instructions if "apt-get install" in i.args]
    packages = [w for w in apt.split("install", 1)[1].split("&&")[0].split() if w[0] != "-"]
    for package in packages:  # each either about to be installed or already there
        assert re.search(rf"^(Inst {re.escape(package)} |{re.escape(package)} is already)",
                         result.stdout, re.M), package  # fmt: skip
    passwd = (root / "etc" / "passwd").read_text()
    assert re.search(r"^rrr:x:10001:10001::/var/lib/rrr-mailbot:/usr/sbin/nologin$", passwd, re.M)
    assert "rrr:" not in Path("/etc/passwd").read_text()  # this machine's users are untouched
    data = root / "var" / "lib" / "rrr-mailbot"
    assert (data.stat().st_uid, data.stat().st_gid, data.stat().st_mode & 0o777) == (
        10001, 10001, 0o750,
    )  # fmt: skip
    assert (root / "etc" / "rrr-mailbot").is_dir()

    # The installed command, from the venv (not this repository), as the HEALTHCHECK calls it.
    (check,) = [i for i in instructions if i.keyword == "HEALTHCHECK"]
    command = [str(venv / "bin" / check.exec_form()[0]), *check.exec_form()[1:]]
    container_env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "RRR_MAILBOT_CONFIG": str(DOCKER / "config" / "production.toml"),
        "RRR_MAILBOT_DATABASE_URL": "postgresql+psycopg://rrr@postgres/rrr_mailbot",
        **PRODUCTION_SECRETS,
    }
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import rrr_mailbot; print(rrr_mailbot.__file__)"],
        env=container_env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(venv)), where.stdout
    health = subprocess.run(
        command, env=container_env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    # No service has run in this "container": unhealthy, with the reason, and no traceback.
    assert health.returncode == 1, health
    assert health.stderr.strip() == (
        "unhealthy: no intake pass recorded yet; no delivery pass recorded yet"
    ), health.stderr


# ============================================ the demo's Dovecot + Postfix, on this machine


MAIL_DEMO_SCRIPT = MAIL / "mail-demo.sh"


def test_mail_demo_script_refuses_an_empty_password() -> None:
    result = subprocess.run(
        ["bash", str(MAIL_DEMO_SCRIPT), "dovecot"],
        env={"PATH": "/usr/bin:/bin", "RRR_DEMO_MAIL_PASSWORD": ""},
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "RRR_DEMO_MAIL_PASSWORD is empty" in result.stderr


def mail_demo_check(port: int, prefix: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(MAIL_DEMO_SCRIPT), "check", str(port), prefix],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


def replace_once(text: str, old: str, new: str) -> str:
    """Swap one known value of the demo config; fails if the config no longer has it."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the demo config"
    return text.replace(old, new)


@dataclass
class DemoMail:
    root: Path
    imap_port: int
    smtp_port: int
    lmtp_port: int
    password: str
    postfix_etc: Path

    def tails(self) -> str:
        out = []
        for log in ("dovecot.log", "postfix.log"):
            path = self.root / log
            if path.exists():
                lines = path.read_text(errors="replace").splitlines()[-20:]
                out.append(f"--- {log}\n" + "\n".join(lines))
        return "\n".join(out)


def _wait_for(what: str, check: Any, demo: DemoMail, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{demo.tails()}", pytrace=False)
        time.sleep(0.05)


@pytest.fixture
def demo_mail() -> Iterator[DemoMail]:
    """docker/mail's Dovecot and Postfix configuration, run by this machine's daemons."""
    require_or_skip(missing_requirements())
    ensure_system_accounts()
    # Not under pytest's tmp_path: the daemons drop root and must be able to reach their folders.
    root = Path(tempfile.mkdtemp(prefix="rrr-docker-mail-"))
    root.chmod(0o755)
    imap_port, smtp_port, lmtp_port = pick_free_ports(3)
    demo = DemoMail(
        root, imap_port, smtp_port, lmtp_port, "demo-" + secrets.token_hex(6), root / "postfix"
    )
    nobody = (65534, 65534)
    mail_root = root / "mail"
    mail_root.mkdir()
    os.chown(mail_root, *nobody)

    dovecot_conf = (MAIL / "dovecot.conf").read_text(encoding="utf-8")
    dovecot_conf = replace_once(dovecot_conf, "listen = *", "listen = 127.0.0.1")
    dovecot_conf = replace_once(dovecot_conf, "port = 143", f"port = {imap_port}")
    dovecot_conf = replace_once(dovecot_conf, "port = 24", f"port = {lmtp_port}")
    dovecot_conf = replace_once(
        dovecot_conf, "uid=vmail gid=vmail home=/var/mail/vhosts/", f"uid={nobody[0]} "
        f"gid={nobody[1]} home={mail_root}/"
    )  # fmt: skip
    dovecot_conf = replace_once(dovecot_conf, "first_valid_uid = 5000", "first_valid_uid = 1000")
    dovecot_conf = replace_once(dovecot_conf, "last_valid_uid = 5000", "last_valid_uid = 0")
    dovecot_conf = replace_once(
        dovecot_conf, "log_path = /dev/stderr", f"log_path = {root / 'dovecot.log'}"
    )
    dovecot_conf += f"base_dir = {root / 'dovecot-run'}\nstate_dir = {root / 'dovecot-state'}\n"
    (root / "dovecot.conf").write_text(dovecot_conf, encoding="utf-8")

    # Postfix: the image's main.cf and master.cf steps (docker/mail/Dockerfile), then the swaps.
    etc = demo.postfix_etc
    etc.mkdir()
    shutil.copy(MAIL / "main.cf", etc / "main.cf")
    shutil.copy("/usr/share/postfix/master.cf.dist", etc / "master.cf")
    (root / "postfix-queue").mkdir()
    data_dir = root / "postfix-data"
    data_dir.mkdir()
    shutil.chown(data_dir, "postfix")
    postconf = shutil.which("postconf") or "/usr/sbin/postconf"
    postfix = shutil.which("postfix") or "/usr/sbin/postfix"

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)

    for edit in (
        [postconf, "-c", str(etc), "-F", "*/*/chroot = n"],
        [postconf, "-c", str(etc), "-e",
         f"queue_directory={root / 'postfix-queue'}", f"data_directory={data_dir}",
         "inet_interfaces=127.0.0.1", f"virtual_transport=lmtp:inet:127.0.0.1:{lmtp_port}",
         f"maillog_file={root / 'postfix.log'}", f"maillog_file_prefixes={root}"],
        [postconf, "-c", str(etc), "-M", f"smtp/inet=127.0.0.1:{smtp_port} inet n - n - - smtpd"],
    ):  # fmt: skip
        result = run(*edit)
        assert result.returncode == 0, result.stderr
    # Postfix ignores a main.cf written in the last second or two: date the files back.
    aged = time.time() - 10
    for name in ("main.cf", "master.cf"):
        os.utime(etc / name, (aged, aged))

    env = {**os.environ, "RRR_DEMO_MAIL_PASSWORD": demo.password}
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"

    def daemon(*argv: str) -> None:
        # Output to a file, not a pipe: the daemons' children inherit it and keep a pipe open.
        with (root / "commands.log").open("a") as out:
            result = subprocess.run(
                argv, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                timeout=30, check=False,
            )  # fmt: skip
        if result.returncode != 0:
            log = (root / "commands.log").read_text(errors="replace")
            pytest.fail(f"{shlex.join(argv)} failed:\n{log}\n{demo.tails()}", pytrace=False)

    try:
        daemon(dovecot, "-c", str(root / "dovecot.conf"))
        daemon(postfix, "-c", str(etc), "start")
        _wait_for("Dovecot IMAP", lambda: port_accepts("127.0.0.1", imap_port), demo)
        _wait_for("Postfix SMTP", lambda: port_accepts("127.0.0.1", smtp_port), demo)
        yield demo
    finally:
        for argv in (
            [postfix, "-c", str(etc), "stop"],
            [dovecot, "-c", str(root / "dovecot.conf"), "stop"],
        ):
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=30, check=False)  # fmt: skip
        # Should a stop command have failed, end the masters we started, by their pid files.
        for pid_file in (
            root / "postfix-queue" / "pid" / "master.pid",
            root / "dovecot-run" / "master.pid",
        ):
            with contextlib.suppress(OSError, ValueError, IndexError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
        if os.environ.get("RRR_TEST_KEEP_MAIL_SERVERS") != "1":
            shutil.rmtree(root, ignore_errors=True)


def _fetch_all(port: int, user: str, password: str) -> list[bytes]:
    with imaplib.IMAP4("127.0.0.1", port, timeout=10) as imap:
        imap.login(user, password)
        imap.select("INBOX")
        _, data = imap.search(None, "ALL")
        messages = []
        for number in data[0].split():
            _, parts = imap.fetch(number, "(RFC822)")
            first = parts[0]
            assert isinstance(first, tuple)
            messages.append(first[1])
        return messages


@pytest.mark.integration
def test_demo_mail_servers_deliver_every_domain_to_dovecot(demo_mail: DemoMail) -> None:
    """An application in, a reply out: both land in Dovecot, readable with the env password."""
    assert mail_demo_check(demo_mail.imap_port, "* OK").returncode == 0
    assert mail_demo_check(demo_mail.smtp_port, "220 ").returncode == 0
    assert mail_demo_check(demo_mail.lmtp_port, "220 ").returncode == 0
    wrong = mail_demo_check(demo_mail.smtp_port, "* OK")
    assert wrong.returncode == 1 and "greeted with: 220" in wrong.stderr
    (closed,) = pick_free_ports(1)
    assert mail_demo_check(closed, "220 ").returncode != 0

    application = EmailMessage()
    application["From"] = "city@example.org"
    application["To"] = "applications@rrr.test"
    application["Subject"] = "Application"
    application.set_content("Please find our documents attached.")
    application.add_attachment(b"%PDF-1.4 form", maintype="application", subtype="pdf",
                               filename="application_form.pdf")  # fmt: skip
    reply = EmailMessage()
    reply["From"] = "applications@rrr.test"
    reply["To"] = "city@example.org"
    reply["Subject"] = "Re: Application"
    reply.set_content("Received.")
    with smtplib.SMTP("127.0.0.1", demo_mail.smtp_port, timeout=10) as smtp:
        banner = smtp.ehlo()[1].decode()
        assert "mail.rrr.test" in banner
        smtp.send_message(application)
        smtp.send_message(reply)  # another domain: still delivered to Dovecot, never relayed

    inbox: list[bytes] = []

    def arrived(user: str) -> bool:
        inbox[:] = _fetch_all(demo_mail.imap_port, user, demo_mail.password)
        return bool(inbox)

    _wait_for("the application in Dovecot", lambda: arrived("applications@rrr.test"), demo_mail)
    assert b"application_form.pdf" in inbox[0]
    _wait_for("the reply in Dovecot", lambda: arrived("city@example.org"), demo_mail)
    assert b"Subject: Re: Application" in inbox[0]

    with (
        imaplib.IMAP4("127.0.0.1", demo_mail.imap_port, timeout=10) as imap,
        pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"),
    ):
        imap.login("applications@rrr.test", demo_mail.password + "-wrong")
    with imaplib.IMAP4("127.0.0.1", demo_mail.imap_port, timeout=10) as imap:
        imap.login("applications@rrr.test", demo_mail.password)
        _, folders = imap.list()
        names = {
            line.decode().rsplit(" ", 1)[-1].strip('"')
            for line in folders
            if isinstance(line, bytes)
        }
        assert {"INBOX", "Processed", "Sent"} <= names  # created for the mailbot and for staff
        # The per-decision folders the mailbot creates below Processed.
        assert imap.create("Processed/Accepted")[0] == "OK"
