"""Failures outside the catalogue end in one `Error:` line and an exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mmatlas.cli import main
from mmatlas.core.cache import cache_dir
from mmatlas.gazetteer.geonames import GeoNames
from mmatlas.gazetteer.geonames_index import index_path

ROOT = Path(__file__).resolve().parent.parent


def run(
    *words: str, env: dict[str, str] | None = None, shell_tail: str = ""
) -> subprocess.CompletedProcess[str]:
    command = " ".join([f"'{sys.executable}'", "build_maps.py", *(f"'{w}'" for w in words)]) + shell_tail
    return subprocess.run(
        command, shell=True, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert line.startswith("Error: ")
    return line


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("README.md", "--out README.md: is a file, not a folder"),
        ("/", "--out /: refusing to write into the filesystem root"),
        (
            "mmatlas",
            "--out mmatlas: holds other files (__init__.py, catalogue, cli.py, …) and none the atlas wrote",
        ),
    ],
)
def test_an_out_folder_that_must_not_be_written_is_refused_before_anything_is_read(
    out: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in Path(ROOT / out).iterdir()) if Path(ROOT / out).is_dir() else None
    for command in (["build"], ["slides"], ["geocode", "--report"]):
        with pytest.raises(SystemExit) as caught:
            main([*command, "--out", out])
        assert caught.value.code == 2
        assert one_error_line(capsys.readouterr().err).startswith(f"Error: {said}")
    if before is not None:
        assert sorted(p.name for p in Path(ROOT / out).iterdir()) == before


def test_a_folder_the_atlas_wrote_before_or_an_empty_one_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "index.html").write_text("old atlas", encoding="utf-8")
    (tmp_path / "mine" / "notes.txt").write_text("kept", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert main(["geocode", "--report", "--out", str(tmp_path / "mine")]) == 0
    assert main(["geocode", "--report", "--out", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "kept"
    assert (tmp_path / "empty" / "geocoding.csv").stat().st_size > 10_000


def test_an_unwritable_out_folder_is_one_error_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere; a path through a file fails for everyone
        locked = tmp_path / "a-file"
        locked.write_text("x", encoding="utf-8")
        out = locked / "inside"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "inside"
    result = run("geocode", "--report", "--out", str(out))
    assert result.returncode in (1, 2)
    assert str(out.parent) in one_error_line(result.stderr)


def test_a_damaged_geonames_index_is_built_again_without_a_word(tmp_path: Path) -> None:
    env = {"ATLAS_CACHE_DIR": str(tmp_path)}
    os.environ.update(env)
    try:
        damaged = index_path()
        damaged.parent.mkdir(parents=True, exist_ok=True)
        damaged.write_bytes(b"this is not an SQLite file" * 10)
        assert cache_dir() == tmp_path
    finally:
        del os.environ["ATLAS_CACHE_DIR"]
    result = run("where", "Kars", "1920-09-01", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Kars" in result.stdout
    assert GeoNames(damaged).city(83_000_000) is None  # the file is a working index again


def test_a_named_index_that_is_damaged_is_one_clear_error(tmp_path: Path) -> None:
    damaged = tmp_path / "geonames.sqlite3"
    damaged.write_bytes(b"")
    from mmatlas.core.errors import AtlasError

    with pytest.raises(AtlasError, match="not a GeoNames index"):
        GeoNames(damaged)


def test_a_cache_folder_that_cannot_be_used_is_one_error_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run("check", env={"ATLAS_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert "cannot write the GeoNames index" in line and "ATLAS_CACHE_DIR" in line


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    result = run("where", "Kars", "1920-09-01", shell_tail=" | true")
    assert result.stderr == ""
    result = run("geocode", "Kars", "Batum", "Gümrü", shell_tail=" | head -c 1 >/dev/null")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
