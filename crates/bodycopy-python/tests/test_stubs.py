"""The type stubs: mypy --strict on a typed example and the package, stubtest on the native
module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

CRATE = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=CRATE, check=False
    )


def test_mypy_strict_on_example_and_package() -> None:
    for target in (["examples/typed_usage.py"], ["-p", "bodycopy"]):
        proc = _run("mypy", "--strict", "--no-incremental", *target)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_rejects_misuse(tmp_path: Path) -> None:
    # the stubs are strict enough to catch a wrong call (the check can fail)
    bad = tmp_path / "bad.py"
    bad.write_text("import bodycopy\nx: int = bodycopy.extract_document('<p>x</p>').title\n")
    proc = _run("mypy", "--strict", "--no-incremental", str(bad))
    assert proc.returncode == 1 and "incompatible types" in proc.stdout.lower(), proc.stdout


def test_stubtest_native_module() -> None:
    proc = _run("mypy.stubtest", "bodycopy._bodycopy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
