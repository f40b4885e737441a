"""A new set of slides replaces the old one whole, and never touches a file the atlas did not write.

Real folders, real renames, and real processes killed with SIGKILL part-way through an export or
a build: what a lecturer's `output/` looks like afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mmatlas.render.publish import MANIFEST, PublishError, publish_folder, read_manifest, remove_leftovers

ROOT = Path(__file__).resolve().parents[2]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _dead_pid() -> int:
    """The pid of a process that has ended (a run that was killed)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_teachers_own_files_in_slides_survive_every_export(tmp_path: Path) -> None:
    publish_folder(tmp_path, "slides", {"01-mudros.pdf": b"old stop", "07-old-stop.svg": b"gone next time"})
    slides = tmp_path / "slides"
    (slides / "01-intro.pdf").write_bytes(b"my intro")
    (slides / "99-my-notes.svg").write_bytes(b"<svg/>")
    (slides / "notes").mkdir()
    (slides / "notes" / "week3.txt").write_text("Sakarya: show the river", encoding="utf-8")
    publish_folder(tmp_path, "slides", {"01-mudros.pdf": b"new stop"})
    assert _tree(slides) == {
        MANIFEST: (json.dumps(["01-mudros.pdf"], indent=0) + "\n").encode(),
        "01-intro.pdf": b"my intro",
        "01-mudros.pdf": b"new stop",
        "99-my-notes.svg": b"<svg/>",
        "notes/week3.txt": b"Sakarya: show the river",
    }
    # The stop no longer in the tour went: the atlas wrote it (its manifest says so).
    assert not (slides / "07-old-stop.svg").exists()


def test_a_file_of_the_teachers_with_a_name_the_atlas_wants_stops_the_run_and_nothing_changes(
    tmp_path: Path,
) -> None:
    publish_folder(tmp_path, "slides", {"tour.pptx": b"deck"})
    (tmp_path / "slides" / "handout.pdf").write_bytes(b"the teacher's own handout")
    before = _tree(tmp_path / "slides")
    with pytest.raises(PublishError, match=r"slides/handout.pdf was not written by the atlas"):
        publish_folder(tmp_path, "slides", {"tour.pptx": b"new deck", "handout.pdf": b"ours"})
    assert _tree(tmp_path / "slides") == before
    assert [p.name for p in tmp_path.iterdir()] == ["slides"]  # no staging folder left behind


def test_a_folder_from_before_manifests_keeps_every_file_it_holds(tmp_path: Path) -> None:
    """An older atlas kept no manifest: nothing of unknown origin is removed, names it writes again
    are replaced."""
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "01-intro.pdf").write_bytes(b"mine or an old stop: unknown")
    (slides / "tour.pptx").write_bytes(b"old deck")
    publish_folder(tmp_path, "slides", {"tour.pptx": b"new deck"})
    assert (slides / "01-intro.pdf").read_bytes() == b"mine or an old stop: unknown"
    assert (slides / "tour.pptx").read_bytes() == b"new deck"
    assert read_manifest(slides) == {"tour.pptx"}


def test_kinds_not_made_this_time_are_carried_over(tmp_path: Path) -> None:
    publish_folder(tmp_path, "slides", {"tour.pptx": b"deck 1", "01-a.pdf": b"pdf 1", "01-a.svg": b"svg 1"})
    publish_folder(tmp_path, "slides", {"tour.pptx": b"deck 2"}, carry_over=lambda name: name != "tour.pptx")
    assert _tree(tmp_path / "slides") | {MANIFEST: b""} == {
        MANIFEST: b"",
        "tour.pptx": b"deck 2",
        "01-a.pdf": b"pdf 1",
        "01-a.svg": b"svg 1",
    }
    assert read_manifest(tmp_path / "slides") == {"tour.pptx", "01-a.pdf", "01-a.svg"}


def test_leftovers_of_killed_runs_are_cleared_and_a_set_left_aside_is_put_back(tmp_path: Path) -> None:
    dead = _dead_pid()
    staging = tmp_path / f".building-slides-{dead}-abc123"
    staging.mkdir()
    (staging / "01-a.pdf").write_bytes(b"half a set")
    aside = tmp_path / f".replaced-slides-{dead}-old"  # killed between the swap's two renames
    aside.mkdir()
    (aside / "tour.pptx").write_bytes(b"the previous complete set")
    running = tmp_path / f".building-{os.getpid()}-xyz"  # a run still going: left alone
    running.mkdir()
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["slides", running.name])
    assert (tmp_path / "slides" / "tour.pptx").read_bytes() == b"the previous complete set"


def _command(*words: str) -> list[str]:
    return [sys.executable, str(ROOT / "build_maps.py"), *words]


def _tour(path: Path, *stops: tuple[str, str]) -> Path:
    lines = []
    for stop_id, date in stops:
        lines += [f"- id: {stop_id}", f"  date: {date}", "  title: {tr: Durak, en: Stop}",
                  "  caption: {tr: Açıklama, en: Caption}", "  centre: Ankara", "  zoom: 6"]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kill_after_s", [1.0, 2.0, 3.0])
def test_a_killed_export_leaves_the_previous_set_whole_and_the_next_run_no_leftovers(
    tmp_path: Path, kill_after_s: float
) -> None:
    out = tmp_path / "out"
    env = dict(os.environ)
    first = _tour(tmp_path / "first.yaml", ("one", "1920-09-01"))
    # --no-cache: every map drawn, so the kill falls while loading, drawing or writing.
    export = ["--only", "png,pdf,deck", "--dpi", "60", "--no-cache", "--out", str(out)]
    subprocess.run(
        _command("slides", "--stops", str(first), *export), check=True, env=env, capture_output=True
    )
    before = _tree(out / "slides")
    second = _tour(tmp_path / "second.yaml", ("two", "1921-08-25"), ("three", "1922-09-09"))
    run = subprocess.Popen(
        _command("slides", "--stops", str(second), *export),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    time.sleep(kill_after_s)
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGKILL)  # the run and its drawing processes
    run.wait()
    after = _tree(out / "slides")
    finished = "02-three.pdf" in after
    # All or nothing: the previous set exactly, or (the run ended before the kill) the new one.
    if finished:
        assert set(after) >= {"01-two-60dpi.png", "02-three.pdf", "tour.pptx"} and "01-one.pdf" not in after
    else:
        assert after == before
    subprocess.run(
        _command("slides", "--stops", str(first), *export), check=True, env=env, capture_output=True
    )
    assert _tree(out / "slides") == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("kill_after_s", [1.0, 2.0, 3.0])
def test_a_killed_build_leaves_no_half_written_file_and_the_next_run_no_leftovers(
    tmp_path: Path, kill_after_s: float
) -> None:
    out = tmp_path / "out"
    subprocess.run(_command("build", "--out", str(out)), check=True, capture_output=True)
    before = _tree(out)
    run = subprocess.Popen(
        _command("build", "--lang", "en", "--out", str(out)), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    time.sleep(kill_after_s)
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    after = {name: data for name, data in _tree(out).items() if not name.startswith(".")}
    assert set(after) == {n for n in before if not n.startswith(".")}
    for name, data in after.items():
        # Each file is the earlier Turkish one or a complete English one, never cut short.
        assert (
            data == before[name]
            or (name.endswith(".html") and data.rstrip().endswith(b"</html>"))
            or (not name.endswith(".html") and len(data) > 0)
        ), name
    subprocess.run(_command("build", "--out", str(out)), check=True, capture_output=True)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_an_export_says_what_it_draws_and_how_far_it_is_in_plain_lines_when_not_on_a_terminal(
    tmp_path: Path,
) -> None:
    tour = _tour(tmp_path / "tour.yaml", ("one", "1920-09-01"), ("two", "1921-08-25"))
    run = subprocess.run(
        _command("slides", "--stops", str(tour), "--only", "png", "--dpi", "50", "--no-cache", "--jobs", "1",
                 "--out", str(tmp_path / "out")),
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    lines = run.stderr.splitlines()
    assert "  drawing: 2/2 (02-two)" in lines, lines
    assert "\x1b[" not in run.stderr  # no terminal codes in a log
    assert "Exported 2 stops" in run.stdout and "PNG at 50 dpi" in run.stdout
