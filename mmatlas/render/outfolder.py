"""Whether a folder may receive the atlas's files: never the filesystem root, never someone's
folder of other things (a build writes index.html, data/ and slides/ there and replaces them)."""

from __future__ import annotations

import re
from pathlib import Path

# What the atlas writes at the top of its folder; a folder holding one of them is the atlas's.
OUTPUTS = re.compile(r"^(index\.html|compare\.html|\d{4}\.html|embed\.md|geocoding\.csv|data|slides)$")


def check_out_folder(out: Path) -> str | None:
    """Why `out` must not be written to, or None when it may."""
    resolved = out.resolve()
    if resolved == Path(resolved.anchor):
        return f"--out {out}: refusing to write into the filesystem root; give a folder such as output/"
    if resolved.exists() and not resolved.is_dir():
        return f"--out {out}: is a file, not a folder; give a folder such as output/"
    if resolved.is_dir():
        try:
            entries = [p.name for p in resolved.iterdir() if not p.name.startswith(".")]
        except OSError as error:
            return f"--out {out}: cannot be read ({error.strerror or error})"
        if entries and not any(OUTPUTS.match(name) for name in entries):
            shown = ", ".join(sorted(entries)[:3]) + (", …" if len(entries) > 3 else "")
            return (
                f"--out {out}: holds other files ({shown}) and none the atlas wrote; "
                "give an empty or new folder, or the one the atlas wrote before"
            )
    return None
