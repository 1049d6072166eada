"""Checking a workflow configuration against its JSON schema, with one-line errors."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


class ConfigError(ValueError):
    """The configuration does not fit the schema; the message is one line."""


def check_config(config: Mapping[str, Any], schema_path: str | os.PathLike[str]) -> None:
    """Validate ``config`` against the JSON schema in ``schema_path`` (YAML or JSON).

    Args:
        config: The merged configuration.
        schema_path: The schema file.

    Raises:
        ConfigError: naming the first offending key and the problem.
    """
    import jsonschema
    import yaml

    # libyaml's loader reads the schema ten times faster than PyYAML's own (every run,
    # even one with nothing to do, checks its configuration)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(schema_path, encoding="utf-8") as handle:
        schema = yaml.load(handle, Loader=loader)
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(dict(config)), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = ".".join(str(part) for part in error.absolute_path) or "top level"
        message = error.message
        if error.validator in ("oneOf", "anyOf") and "description" in error.schema:
            message = f"{error.instance!r} is not valid: expected {error.schema['description']}"
        raise ConfigError(f"config error at {where}: {message}")
