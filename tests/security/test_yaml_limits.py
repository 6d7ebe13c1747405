"""Hostile YAML in curated files: refused with one clear error, never expanded or constructed.

Each case is parsed in a bounded child (512 MB, 20 s): without the loader's
protections the merge-key bomb grows until the memory limit stops it (PyYAML
before 6.0.3), the deep list ends in a RecursionError, and the tags construct
bytes, sets or (with an unsafe loader) objects.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bounded import ROOT, run_cli, run_python

from graphkit.yamlfile import MAX_YAML_BYTES, MAX_YAML_DEPTH


def alias_levels(first: str, wrap: str) -> list[str]:
    """Nine anchored levels: *first* as ``&a``, then each *wrap* of eight aliases of the level before."""
    levels, previous = [f"&a {first}"], "a"
    for name in "bcdefghi":
        levels.append(f"&{name} " + wrap.format(", ".join([f"*{previous}"] * 8)))
        previous = name
    return levels


#: About 400 bytes that merge into 8**8 pairs (PyYAML before 6.0.3 built them all: a MemoryError).
MERGE_KEY_BOMB = (
    "x: ["
    + ", ".join(alias_levels("{a0: 1, a1: 1, a2: 1, a3: 1, a4: 1, a5: 1, a6: 1, a7: 1}", "{{<<: [{}]}}"))
    + "]\n<<: *i\n"
)
#: The billion laughs, in YAML.
ALIAS_BOMB = "".join(
    f"k{n}: {level}\n" for n, level in enumerate(alias_levels('["lol", "lol", "lol"]', "[{}]"))
)

CASES = {
    "merge-key-bomb": (MERGE_KEY_BOMB, 1, "YAML anchors and aliases (&a) are not allowed"),
    "alias-bomb": (ALIAS_BOMB, 1, "YAML anchors and aliases (&a) are not allowed"),
    "alias-later": ("- id: x\n  label: &l X\n- id: y\n  label: *l\n", 2, "anchors and aliases (&l)"),
    "merge-key": ("- id: x\n  <<: {label: X}\n", 2, "YAML merge keys (<<) are not allowed"),
    "deep-list": ("a: " + "[" * 20_000 + "]" * 20_000 + "\n", 1, f"nested deeper than {MAX_YAML_DEPTH}"),
    "deep-mapping": ("a: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", 1, "nested deeper than"),
    "python-object": (
        "- !!python/object/apply:os.system ['touch PWNED']\n",
        1,
        "YAML tags (!!python/object/apply:os.system) are not allowed",
    ),
    "python-name": ("a: !!python/name:os.system\n", 1, "YAML tags (!!python/name:os.system)"),
    "binary": ("a: !!binary aGVsbG8=\n", 1, "YAML tags (!!binary) are not allowed"),
    "set": ("a: !!set {x, y}\n", 1, "YAML tags (!!set) are not allowed"),
    "local-tag": ("a:\n  b: !include /etc/passwd\n", 2, "YAML tags (!include) are not allowed"),
    "complex-key": ("? [a, b]\n: c\n", 1, "a key must be plain text"),
    "control-character": ("a: b\nc: \x1b[2J\n", 2, "special characters are not allowed (character U+001B)"),
    "duplicate-key": ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
}

LOAD = """
import json, sys
from graphkit.errors import InputError
from graphkit.yamlfile import load_yaml
try:
    data = load_yaml(sys.argv[1])
except InputError as exc:
    print(json.dumps({"line": exc.line, "message": exc.message}))
    sys.exit(3)
print(json.dumps({"loaded": repr(data)[:200]}))
"""


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_yaml_is_one_clear_error_with_its_line(tmp_path: Path, name: str):
    text, line, message = CASES[name]
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = run_python(
        LOAD.replace("sys.argv[1]", repr(str(path))), memory=512 * 1024**2, seconds=20, cwd=tmp_path
    )
    assert not outcome.timed_out, f"{name}: still parsing after 20 s"
    assert outcome.returncode == 3, (outcome.stdout, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr
    error = json.loads(outcome.stdout)
    assert error["line"] == line
    assert message in error["message"]
    assert not (tmp_path / "PWNED").exists()


def test_oversized_file_is_refused_before_it_is_parsed(tmp_path: Path):
    path = tmp_path / "entities.yaml"
    path.write_text("- id: x\n  label: " + "x" * MAX_YAML_BYTES + "\n", encoding="utf-8")
    outcome = run_python(LOAD.replace("sys.argv[1]", repr(str(path))), memory=512 * 1024**2, seconds=20)
    assert outcome.returncode == 3, outcome.stderr[-2000:]
    assert f"larger than {MAX_YAML_BYTES:,} bytes" in json.loads(outcome.stdout)["message"]


def test_plain_data_still_loads_with_lines(tmp_path: Path):
    path = tmp_path / "entities.yaml"
    path.write_text("- id: x\n  label: 'X'\n  aliases: [a, b]\n  year: 2021\n  'on': yes\n", encoding="utf-8")
    outcome = run_python(LOAD.replace("sys.argv[1]", repr(str(path))), memory=512 * 1024**2, seconds=20)
    assert outcome.returncode == 0, outcome.stderr
    assert json.loads(outcome.stdout)["loaded"] == (
        "[{'id': 'x', 'label': 'X', 'aliases': ['a', 'b'], 'year': '2021', 'on': 'yes'}]"
    )


def test_curated_files_use_none_of_what_is_refused():
    """The refusals cost nothing: no committed YAML file has an anchor, alias, merge key or tag."""
    from graphkit.yamlfile import load_yaml

    files = [ROOT / "data" / "corpus" / "manifest.yaml", *sorted((ROOT / "data" / "facts").rglob("*.yaml"))]
    assert len(files) >= 3
    for path in files:
        load_yaml(path)


def test_a_bomb_in_the_entity_file_stops_the_build_and_keeps_the_outputs(checkout: Path):
    build = checkout / "data" / "build"
    before = {p.name: p.read_bytes() for p in build.iterdir()}
    entities = checkout / "data" / "facts" / "entities.yaml"
    entities.write_text(MERGE_KEY_BOMB, encoding="utf-8")
    outcome = run_cli("build", cwd=checkout, env={"GRAPHKIT_HOME": str(checkout)}, memory=1024**3, seconds=60)
    assert outcome.returncode == 2, outcome.stderr[-2000:]
    assert outcome.stderr == (
        "error: data/facts/entities.yaml:1: YAML anchors and aliases (&a) are not allowed in curated files\n"
    )
    assert {p.name: p.read_bytes() for p in build.iterdir()} == before
