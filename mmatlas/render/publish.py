"""Replace a folder of outputs as a whole, and only what the atlas wrote.

A new set of files (the slides) is written into a staging folder beside the old one, the old
folder's other files are linked into it, and the two are swapped by two renames. A run killed
at any point before the swap leaves the previous set as it was; the next run removes what the
killed one left (staging folders) or, killed between the two renames, puts the old set back.

The folder keeps a manifest of the files the atlas wrote. Only those are ever replaced or
removed: a teacher's own `01-intro.pdf` or `notes/` in `slides/` survives every export, and a
file of theirs with a name the atlas wants to use stops the run before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from mmatlas.core.errors import AtlasError

MANIFEST = ".atlas-manifest.json"
STAGING = ".building-"  # staging folders of write_outputs and of publish_folder
REPLACED = ".replaced-"  # the previous set between the two renames of a swap


class PublishError(AtlasError):
    """The run would overwrite a file the atlas did not write."""


def publish_folder(
    out_dir: Path,
    folder: str,
    files: Mapping[str, bytes],
    *,
    carry_over: Callable[[str], bool] = lambda _: False,
) -> list[Path]:
    """Make `out_dir/folder` hold `files` (names relative to it), the files of others that were
    there, and those of the atlas's previous files for which `carry_over(name)` is true (the kinds
    a run with --only did not make). Returns the paths of `files` in their final place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    target = out_dir / folder
    ours = read_manifest(target)
    theirs = _others(target, ours)
    # Without a manifest (an older atlas wrote the folder) a name the atlas writes was its own.
    clashes = sorted(name for name in files if name in theirs) if ours else []
    theirs -= set(files)
    if clashes:
        shown = ", ".join(f"{folder}/{name}" for name in clashes[:5])
        raise PublishError(
            f"{shown} {'was' if len(clashes) == 1 else 'were'} not written by the atlas and would be "
            "replaced; rename or move them, then run again (nothing was written)"
        )
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{folder}-{os.getpid()}-", dir=out_dir))
    try:
        staging.chmod(_folder_mode(target))
        for name, data in files.items():
            _write(staging / name, data)
        carried = sorted(
            name for name in ours if name not in files and carry_over(name) and (target / name).is_file()
        )
        for name in [*carried, *sorted(theirs)]:
            _link(target / name, staging / name)
        manifest = sorted({*files, *carried})
        _write(staging / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=0) + "\n").encode())
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in files]


def read_manifest(folder: Path) -> set[str]:
    """The files the atlas wrote into `folder` (relative names); empty where it has no manifest."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)}


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Staging folders of runs that were killed, and a previous set a killed swap left aside
    (put back where its folder is missing). Folders of runs still going are left alone."""
    removed = []
    for entry in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        if not entry.is_dir() or _running(entry.name):
            continue
        if entry.name.startswith(REPLACED):
            folder = out_dir / entry.name[len(REPLACED) :].rsplit("-", 2)[0]
            if not folder.exists():
                entry.rename(folder)  # killed between the renames: the old set is still whole
                continue
        elif not entry.name.startswith(STAGING):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _others(folder: Path, ours: set[str]) -> set[str]:
    """The names in `folder` the atlas did not write (top level: a folder of theirs goes whole).

    A folder without a manifest was written by an older version of the atlas, which kept none:
    then every file it holds counts as someone's, so nothing of unknown origin is ever removed."""
    if not folder.is_dir():
        return set()
    names = {entry.name for entry in folder.iterdir() if entry.name != MANIFEST}
    return names - ours if ours else names


def _running(name: str) -> bool:
    """Whether the process that made a staging or replaced folder (its pid in the name) lives."""
    parts = name.rsplit("-", 2)
    if len(parts) < 3 or not parts[-2].isdigit():
        return False
    pid = int(parts[-2])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _folder_mode(target: Path) -> int:
    """The mode the folder had, or what the user's umask gives a new one (mkdtemp makes 0700)."""
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _link(source: Path, target: Path) -> None:
    """`source` into the staging folder as a hard link (the same file, no copy), or a copy where
    the file system has no links."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_file)
    else:
        _link_file(str(source), str(target))


def _link_file(source: str, target: str) -> None:
    if Path(source).is_symlink():
        Path(target).symlink_to(Path(source).readlink())
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _swap(staging: Path, target: Path) -> None:
    """Two renames: the old folder aside, the new one in; then the old one goes."""
    if not target.exists():
        staging.rename(target)
        return
    aside = target.parent / f"{REPLACED}{target.name}-{os.getpid()}-old"
    target.rename(aside)
    try:
        staging.rename(target)
    except BaseException:
        aside.rename(target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(aside)
