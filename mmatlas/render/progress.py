"""Progress of a long drawing run, as a lecturer waiting for it wants to see it: a bar with
what is being drawn, how many are left and the time left on a terminal; plain lines otherwise
(a log, a pipe, CI), at most one every few seconds."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from mmatlas.render.slides.export import Progress, Step

PLAIN_EVERY_S = 5.0


@contextmanager
def progress_display(label: str, stream: TextIO | None = None) -> Iterator[Progress]:
    """A Progress callback for the duration of the block."""
    stream = stream or sys.stderr
    if stream.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        bar = Bar(
            TextColumn("  {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=stream), transient=True,
        )  # fmt: skip
        with bar:
            task = bar.add_task(label, total=None)

            def show(step: Step) -> None:
                bar.update(task, total=step.total, completed=step.done, description=f"{label}: {step.what}")

            yield show
        return
    last = [0.0]

    def line(step: Step) -> None:
        now = time.monotonic()
        if step.done < step.total and now - last[0] < PLAIN_EVERY_S:
            return
        last[0] = now
        left = (
            f", about {step.left_s:.0f} s left" if step.left_s is not None and step.done < step.total else ""
        )
        print(f"  {label}: {step.done}/{step.total} ({step.what}){left}", file=stream, flush=True)

    yield line
