"""Writing documents: a failure never leaves a partial, empty or lost file (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import attrs
import pytest

from peerprod import Actor, ActorKind, Ecosystem, cases, documents
from peerprod.errors import UnwritableDocument

if TYPE_CHECKING:
    from pathlib import Path

OLD = b'{"format": 1}\n'


def surrogate_ecosystem() -> Ecosystem:
    eco = cases.load("ikea")
    bad = Actor(id="bad", kind=ActorKind.INDIVIDUAL, name="Bad \ud800")
    return attrs.evolve(eco, actors=(*eco.actors, bad))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


class TestAtomicWrite:
    """The target holds its old content or the whole new document, nothing between."""

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_text_that_cannot_be_encoded(self, tmp_path: Path, suffix: str) -> None:
        # The reproducer: the target was emptied (14 bytes to 0) before
        # the write failed.
        path = tmp_path / f"eco{suffix}"
        path.write_bytes(OLD)
        eco = surrogate_ecosystem()
        with pytest.raises(UnwritableDocument) as info:
            documents.write(eco, path)
        index = len(eco.actors) - 1
        assert [str(p) for p in info.value.problems] == [
            f"actors[{index}].name: '\\ud800' at character 4 is not valid Unicode "
            "(a lone surrogate)"
        ]
        assert path.read_bytes() == OLD
        assert leftovers(tmp_path) == []

    @pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
    def test_failure_on_the_way(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
    ) -> None:
        path = tmp_path / "eco.json"
        path.write_bytes(OLD)

        def fail(*_args: object, **_kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, failing, fail)
        with pytest.raises(OSError, match="No space left"):
            documents.write(cases.load("linux"), path)
        monkeypatch.undo()
        assert path.read_bytes() == OLD
        assert leftovers(tmp_path) == []

    @pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as Linux has it")
    def test_file_size_limit_mid_write(self, tmp_path: Path) -> None:
        # The CLI case: with a file-size limit hit mid-write, a 100 kB
        # file was replaced by a 4 kB fragment.
        path = tmp_path / "eco.json"
        path.write_bytes(OLD)
        script = textwrap.dedent(
            f"""
            import resource, signal
            from peerprod import cases, documents
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
            try:
                documents.write(cases.load("linux"), {str(path)!r})
            except OSError as exc:
                print("failed:", exc.errno)
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert done.stdout.startswith("failed:")
        assert path.read_bytes() == OLD
        assert leftovers(tmp_path) == []

    def test_folder_not_writable(self, tmp_path: Path) -> None:
        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        path = tmp_path / "eco.json"
        path.write_bytes(OLD)
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(PermissionError):
                documents.write(cases.load("linux"), path)
        finally:
            tmp_path.chmod(0o700)
        assert path.read_bytes() == OLD

    def test_keeps_permissions(self, tmp_path: Path) -> None:
        path = tmp_path / "eco.toml"
        path.write_bytes(OLD)
        path.chmod(0o640)
        documents.write(cases.load("linux"), path)
        assert path.stat().st_mode & 0o777 == 0o640
        assert documents.read(path) == cases.load("linux")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(UnwritableDocument) as info:
            documents.write(cases.load("ikea"), tmp_path / "x.yaml")
        assert isinstance(info.value, ValueError)
        assert [str(p) for p in info.value.problems] == [
            f"{tmp_path / 'x.yaml'}: expected a .json or .toml file name"
        ]
        assert list(tmp_path.iterdir()) == []
