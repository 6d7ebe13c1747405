import os
import subprocess
import sys

import pytest
from rdflib import BNode, Literal

import graphkit as gk
from graphkit.errors import InputError, ValidationError
from graphkit.paths import project_paths
from graphkit.rdf.io import serialize_nquads, serialize_trig
from graphkit.rdf.validate import validate_dataset
from graphkit.vocab.namespaces import GK, SKOS, entity_iri


def test_committed_build_is_current(root):
    """Fails when data/build/ is stale against ontology/, data/corpus/ or data/facts/."""
    paths = project_paths(root)
    result = gk.build(root, write=False)
    assert serialize_nquads(result.dataset) == paths.nquads.read_bytes(), "run `graphkit build`"
    trig = paths.trig.read_bytes()
    assert serialize_trig(result.dataset, header=trig.split(b"@prefix", 1)[0].decode()) == trig
    assert not gk.is_stale(paths)


def test_build_is_deterministic_across_processes_and_locations(checkout, root):
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "GRAPHKIT_HOME": str(checkout)}
        subprocess.run(
            [sys.executable, "-m", "graphkit", "build"],
            cwd=checkout,
            env=env,
            check=True,
            capture_output=True,
        )
        paths = project_paths(checkout)
        digests.append((paths.trig.read_bytes(), paths.nquads.read_bytes()))
    assert digests[0] == digests[1]
    # Built elsewhere on disk, the bytes are still those committed.
    assert digests[0][1] == project_paths(root).nquads.read_bytes()


def test_iris_are_minted_from_curated_ids(dataset):
    terms = {t for s, _, o, _ in dataset.quads((None, None, None, None)) for t in (s, o)}
    assert not any(isinstance(t, BNode) for t in terms)
    assert entity_iri("zaheer-ahmed") in terms


def test_shapes_catch_a_broken_conferral(root):
    result = gk.build(root, write=False, validate=False)
    ds = result.dataset
    conferral = entity_iri("conferral-2023-zaheer-ahmed")
    for g in ds.graphs():
        g.remove((conferral, GK.award, None))
        g.remove((conferral, GK.awardYear, None))
    ds.graph(entity_iri("x")).add((conferral, GK.awardYear, Literal("June")))
    violations = validate_dataset(ds, project_paths(root).shapes)
    assert {(v.focus_label, v.path) for v in violations} == {
        ("TIP Report Heroes Award 2023 to Zaheer Ahmed", "gk:award"),
        ("TIP Report Heroes Award 2023 to Zaheer Ahmed", "gk:awardYear"),
    }
    assert any("exactly one gk:Award" in v.message for v in violations)


def test_build_fails_on_violation_and_keeps_outputs(checkout):
    shapes = checkout / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text().replace(
            "sh:path gk:memberCount ; sh:maxCount 1 ;",
            "sh:path gk:memberCount ; sh:maxCount 1 ; sh:maxInclusive 7 ;",
        )
    )
    before = project_paths(checkout).nquads.read_bytes()
    with pytest.raises(ValidationError) as info:
        gk.build(checkout)
    assert [v.focus_label for v in info.value.violations] == ["2023 TIP Report Heroes"]
    assert project_paths(checkout).nquads.read_bytes() == before


def test_load_rebuilds_only_when_inputs_change(checkout):
    paths = project_paths(checkout)
    stamp = paths.build_stamp.stat().st_mtime_ns
    gk.load(checkout)
    assert paths.build_stamp.stat().st_mtime_ns == stamp
    entities = paths.entities
    entities.write_text(entities.read_text().replace("label: Dara Mech", "label: Dara  Mech"))
    assert gk.is_stale(paths)
    ds = gk.load(checkout)
    assert str(ds.value(entity_iri("dara-mech"), SKOS.prefLabel)) == "Dara  Mech"
    assert not gk.is_stale(paths)


def test_the_stamp_records_each_output_and_a_torn_set_is_never_used(checkout):
    paths = project_paths(checkout)
    stamp = paths.build_stamp.read_text().splitlines()
    assert [line.split(" ")[0] for line in stamp] == ["inputs", "graphkit.trig", "graphkit.nq"]
    assert not gk.is_stale(paths)
    good = paths.nquads.read_bytes()
    # As if a build were killed after replacing the N-Quads but before the stamp.
    paths.nquads.write_bytes(good.replace(b"Dara Mech", b"Dara  Mech"))
    assert gk.is_stale(paths)
    with pytest.raises(InputError, match="do not match the stamp") as info:
        gk.load(checkout, rebuild=False)
    assert info.value.hint == "run `graphkit build`"
    gk.load(checkout)
    assert paths.nquads.read_bytes() == good
    assert not gk.is_stale(paths)
