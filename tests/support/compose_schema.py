"""The Compose Specification's JSON schema, as shipped inside a pinned PyPI package.

check-jsonschema (pinned in the `test` extra of pyproject.toml) vendors the schema of the
compose-spec project as ``check_jsonschema/builtin_schemas/vendor/compose-spec.json``; the tests
read it from the installed package, so nothing is fetched at test time and every run of
one pinned version validates against the same schema. ``$RRR_COMPOSE_SCHEMA`` may name another
copy (for instance a newer one, to see what a newer Compose would say).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMA_ENV = "RRR_COMPOSE_SCHEMA"
PACKAGE = "check_jsonschema.builtin_schemas.vendor"
MEMBER = "compose-spec.json"


class ComposeSchemaUnavailable(RuntimeError):
    """Raised when no Compose schema can be had: not from $RRR_COMPOSE_SCHEMA, not from the
    installed check-jsonschema.

    Test scaffolding, not part of rrr_mailbot (whose errors live in rrr_mailbot/errors.py).
    """


def load_compose_schema(*, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The parsed Compose Specification schema (see the module docstring for where it comes from).

    Raises ComposeSchemaUnavailable with a message that says what to do.
    """
    env = os.environ if env is None else env
    override = env.get(SCHEMA_ENV)
    if override:
        try:
            data = Path(override).read_bytes()
        except OSError as exc:
            raise ComposeSchemaUnavailable(
                f"cannot read the Compose schema {SCHEMA_ENV}={override}: {exc.strerror or exc}"
            ) from exc
        return _parse(data, where=f"{SCHEMA_ENV}={override}")
    try:
        data = resources.files(PACKAGE).joinpath(MEMBER).read_bytes()
    except (ModuleNotFoundError, OSError) as exc:
        raise ComposeSchemaUnavailable(
            f"the Compose Specification schema comes with check-jsonschema, which is not "
            f"installed ({exc}): python3 -m pip install -e '.[test]', or point {SCHEMA_ENV} at "
            "a copy of compose-spec.json"
        ) from exc
    return _parse(data, where=f"{PACKAGE}/{MEMBER}")


def _parse(data: bytes, *, where: str) -> dict[str, Any]:
    try:
        schema = json.loads(data)
    except ValueError as exc:
        raise ComposeSchemaUnavailable(f"{where} is not JSON: {exc}") from exc
    if not isinstance(schema, dict) or schema.get("$id") != "compose_spec.json":
        raise ComposeSchemaUnavailable(f"{where} is not the Compose Specification schema")
    return schema
