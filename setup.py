"""Packaging hook: a wheel carries its own copy of the dataset.

All metadata lives in pyproject.toml. This file adds one step to ``build_py``: it
copies the ontology, the corpus, the curated facts and the committed build from
the folder being built (a checkout, or an unpacked sdist, which MANIFEST.in fills
with the same files) into ``graphkit/_data`` of the wheel, in the checkout's
layout. The copy is made afresh at every build, so it always matches ``data/``
and ``ontology/``; an editable install reads its checkout and copies nothing.
``graphkit.paths`` finds the copy when no checkout is at hand.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

HERE = Path(__file__).resolve().parent

# What a graphkit folder holds (see graphkit.paths.ProjectPaths): every input and the build.
DATASET = (
    "ontology/*.ttl",
    "data/corpus/manifest.yaml",
    "data/corpus/documents/*",
    "data/facts/*.yaml",
    "data/facts/statements/*.yaml",
    "data/build/graphkit.nq",
    "data/build/graphkit.trig",
    "data/build/inputs.sha256",
)
REQUIRED = ("ontology/graphkit.ttl", "data/build/graphkit.nq", "data/build/inputs.sha256")


class BuildWithDataset(build_py):
    """``build_py`` that also copies the dataset into ``graphkit/_data``."""

    def run(self) -> None:
        """Build the package, then add the dataset (not for editable installs)."""
        super().run()
        if not self.editable_mode:
            for source, target in self._dataset():
                self.mkpath(str(target.parent))
                self.copy_file(str(source), str(target), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """List the built files, the dataset included."""
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(target) for _, target in self._dataset()]
        return outputs

    def _dataset(self) -> list[tuple[Path, Path]]:
        missing = [name for name in REQUIRED if not (HERE / name).is_file()]
        if missing:
            raise FileError(
                f"cannot package the dataset: {', '.join(missing)} missing in {HERE} "
                "(build from a graphkit checkout after `graphkit build`)"
            )
        files = sorted({path for pattern in DATASET for path in HERE.glob(pattern) if path.is_file()})
        target = Path(self.build_lib) / "graphkit" / "_data"
        return [(path, target / path.relative_to(HERE)) for path in files]


setup(cmdclass={"build_py": BuildWithDataset})
