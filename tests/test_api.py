import graphkit as gk


def test_public_api_is_sorted_and_importable():
    assert gk.__all__ == sorted(gk.__all__)
    for name in gk.__all__:
        assert getattr(gk, name) is not None


def test_import_is_light():
    import subprocess
    import sys

    heavy = ("pandas", "pyshacl", "pyvis", "pyoxigraph")
    code = f"import sys, graphkit; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_load_returns_queryable_union_dataset(dataset):
    names = {str(g.identifier).rsplit("/", 2)[-2:][-1] for g in dataset.graphs()}
    assert {"entities", "corpus", "ontology", "meridian-2023-ivlp-tip-heroes"} <= names
    assert len(dataset) > 3000
