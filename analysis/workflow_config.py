"""Checking a workflow configuration against its JSON schema, with one-line errors."""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

# Each pass reads every value then found as text; a few passes settle any configuration.
_MAX_PASSES = 20


class ConfigError(ValueError):
    """The configuration does not fit the schema; the message is one line."""


def check_config(config: Mapping[str, Any], schema_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Validate ``config`` against the JSON schema in ``schema_path`` (YAML or JSON).

    Snakemake's ``--config`` gives a nested value as text (``--config "keywords={top_k:
    12}"`` sets ``top_k`` to ``"12"``), so a text value the schema refuses is read as YAML
    reads it, as a configuration file would give it (``"12"`` -> 12, ``"true"`` -> True),
    and checked again.

    Args:
        config: The merged configuration.
        schema_path: The schema file.

    Returns:
        The configuration with such values read (a copy; ``config`` is not changed).

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
    checked = copy.deepcopy(dict(config))
    for _ in range(_MAX_PASSES):
        errors = sorted(validator.iter_errors(checked), key=lambda e: list(e.absolute_path))
        read = [(e.absolute_path, _as_yaml(e.instance)) for e in errors]
        read = [(path, value) for path, value in read if value is not _TEXT]
        if not read:
            break
        for path, value in read:
            _set(checked, list(path), value)
    if errors:
        error = errors[0]
        where = ".".join(str(part) for part in error.absolute_path) or "top level"
        message = error.message
        if error.validator in ("oneOf", "anyOf") and "description" in error.schema:
            message = f"{error.instance!r} is not valid: expected {error.schema['description']}"
        raise ConfigError(f"config error at {where}: {message}")
    return checked


def config_warnings(config: Mapping[str, Any]) -> list[str]:
    """Settings that are valid but cannot take effect, one line each (likely a typo).

    Args:
        config: The checked configuration.

    Returns:
        Warnings: a ``compare.split_values`` column that ``compare.group_by`` leaves out.
    """
    compare = config["compare"]
    return [
        f"compare.split_values names '{name}', which compare.group_by"
        f" ({', '.join(compare['group_by']) or 'empty'}) does not compare by: it splits nothing"
        for name in compare["split_values"]
        if name not in compare["group_by"]
    ]


_TEXT = object()  # a value that is no text, or text that YAML reads as text too


def _as_yaml(value: object) -> object:
    """The value YAML reads from a text that is no text to YAML ("12", "true", "[a, b]"),
    or :data:`_TEXT`. Only "true" and "false" are booleans (as in YAML 1.2): "no", "yes"
    or "on" written as text stay text."""
    import yaml

    if not isinstance(value, str):
        return _TEXT
    try:
        read = yaml.safe_load(value)
    except yaml.YAMLError:
        return _TEXT
    if isinstance(read, bool) and value.strip().lower() not in ("true", "false"):
        return _TEXT
    return _TEXT if isinstance(read, str) or read is None else read


def _set(config: MutableMapping[str, Any], path: Sequence[Any], value: object) -> None:
    container: Any = config
    for key in path[:-1]:
        container = container[key]
    container[path[-1]] = value
