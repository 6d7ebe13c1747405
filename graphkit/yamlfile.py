r"""Read YAML so that every mapping and list remembers the line it came from.

Curated files are edited by people; an error must point at the line to fix.
PyYAML's safe loader is used, with two changes: mappings and sequences come
back as :class:`LocatedDict` / :class:`LocatedList` carrying ``.line``
(1-based), and a key repeated in one mapping is an error instead of silently
keeping the last value.

Examples
--------
>>> import io
>>> data = load_yaml_text("a: 1\nb:\n  - [x, y]\n", "example.yaml")
>>> data.line, data["b"][0].line
(1, 3)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import InputError

__all__ = ["LocatedDict", "LocatedList", "load_yaml", "load_yaml_text"]


class LocatedDict(dict):
    """A dict read from YAML, with the 1-based ``line`` it starts on and each key's line."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        """Return the line of *key*, or of the mapping when the key is absent."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class LocatedList(list):
    """A list read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


class _LocatingLoader(yaml.SafeLoader):
    """Safe loader that records line numbers and refuses duplicate keys."""


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


def _construct_plain_string(loader: _LocatingLoader, node: yaml.ScalarNode) -> str:
    # Dates and numbers stay strings: the vocabulary decides how to type them,
    # and an unquoted 2021-07-01 must not turn into a datetime.date.
    return loader.construct_scalar(node)


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
for _tag in ("int", "float", "timestamp", "bool"):
    _LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_plain_string)


def load_yaml_text(text: str, path: str | Path) -> Any:
    """Parse YAML *text*; errors name *path* and the line.

    Scalars other than ``null`` are returned as strings.
    """
    try:
        return yaml.load(text, Loader=_LocatingLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", path=path) from None


def load_yaml(path: str | Path) -> Any:
    """Read and parse the YAML file at *path* (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from None
    return load_yaml_text(text, path)
