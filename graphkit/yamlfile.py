r"""Read YAML so that every mapping and list remembers the line it came from.

Curated files are edited by people; an error must point at the line to fix.
PyYAML's safe loader is used, with these changes:

- mappings and sequences come back as :class:`LocatedDict` / :class:`LocatedList`
  carrying ``.line`` (1-based), and a key repeated in one mapping is an error
  instead of silently keeping the last value;
- curated files hold plain data only, so anchors, aliases and merge keys
  (``&a``, ``*a``, ``<<``), explicit tags (``!!binary``, ``!!python/object``)
  and keys that are not plain text are refused: an alias bomb cannot expand
  and nothing but strings, lists and mappings is ever constructed;
- a file larger than :data:`MAX_YAML_BYTES` or nested deeper than
  :data:`MAX_YAML_DEPTH` is refused before it can exhaust memory or the stack.

Examples
--------
>>> data = load_yaml_text("a: 1\nb:\n  - [x, y]\n", "example.yaml")
>>> data.line, data["b"][0].line
(1, 3)
>>> load_yaml_text("a: &x 1\nb: *x\n", "example.yaml")
Traceback (most recent call last):
  ...
graphkit.errors.InputError: example.yaml:1: YAML anchors and aliases (&x) are not allowed in curated files
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from graphkit.errors import InputError
from graphkit.files import read_bounded

__all__ = ["MAX_YAML_BYTES", "MAX_YAML_DEPTH", "LocatedDict", "LocatedList", "load_yaml", "load_yaml_text"]

#: Largest curated YAML file read, in bytes. The largest committed one is about 16 kB, but the
#: entities file of a corpus of 5 million triples is about 10 MB; parsing 16 MiB peaks near 1 GB.
MAX_YAML_BYTES = 16 * 1024 * 1024
#: Deepest nesting of lists and mappings accepted (curated files use six levels).
MAX_YAML_DEPTH = 32

_MERGE_TAG = "tag:yaml.org,2002:merge"


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


class _Refused(yaml.MarkedYAMLError):
    """Something curated files must not contain, at a position in the text."""

    def __init__(self, problem: str, mark: yaml.Mark):
        super().__init__(problem=problem, problem_mark=mark)


class _LocatingLoader(yaml.SafeLoader):
    """Safe loader that records line numbers and accepts plain data only."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            problem = f"YAML anchors and aliases (&{event.anchor}) are not allowed in curated files"
            raise _Refused(problem, event.start_mark)
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(f"YAML tags ({tag}) are not allowed in curated files", event.start_mark)
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise _Refused(f"nested deeper than {MAX_YAML_DEPTH} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            raise _Refused("YAML merge keys (<<) are not allowed in curated files", key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused("a key must be plain text, not a list or mapping", key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _Refused(f"duplicate key {key!r}", key_node.start_mark)
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
for _tag in ("int", "float", "timestamp", "bool", "merge", "value"):
    _LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_plain_string)


def load_yaml_text(text: str, path: str | Path) -> Any:
    """Parse YAML *text*; errors name *path* and the line.

    Scalars other than ``null`` are returned as strings.

    Raises
    ------
    InputError
        If the text is not YAML, or holds what curated files must not
        (anchors, aliases, merge keys, tags, deep nesting, too many bytes).
    """
    if len(text) > MAX_YAML_BYTES:
        raise InputError(f"larger than {MAX_YAML_BYTES:,} bytes, the limit for a curated file", path=path)
    loader = None
    try:
        loader = _LocatingLoader(text)
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        prefix = "" if isinstance(exc, _Refused) else "malformed YAML: "
        raise InputError(f"{prefix}{problem}", path=path, line=line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        problem = f"malformed YAML: {exc.reason} (character U+{exc.character:04X})"
        raise InputError(problem, path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", path=path) from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path: str | Path) -> Any:
    """Read and parse the YAML file at *path* (UTF-8), at most :data:`MAX_YAML_BYTES` of it."""
    path = Path(path)
    raw = read_bounded(path, MAX_YAML_BYTES, what="a curated file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from None
    return load_yaml_text(text, path)
