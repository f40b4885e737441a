"""Build the Millî Mücadele atlas (1919–1923) from its YAML catalogue.

Commands:
  python build_maps.py                 build output/index.html and output/data/*.geojson
  python build_maps.py check           validate the catalogue only; write nothing
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from geo.errors import InputError

DEFAULT_OUT = Path(__file__).resolve().parent / "output"

EPILOG = """examples:
  python build_maps.py                              build the bundled catalogue into output/
  python build_maps.py --events my_events/ --lang en  add your own events, English labels
  python build_maps.py check --events my_events.yaml  validate only, write nothing
  python build_maps.py --date 1920-12-03            open the atlas on the Treaty of Gümrü
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build_maps.py",
        description="Build layered, dated, offline maps of the Turkish National Struggle (1919–1923).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=["build", "check"],
        help="build (default): write the atlas and exports; check: validate only",
    )
    parser.add_argument(
        "--events",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="more YAML files or folders of events (repeatable); a sources.yaml or "
        "places.yaml among them adds works or places",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder (default: output/)"
    )
    parser.add_argument(
        "--lang",
        choices=["tr", "en"],
        default="tr",
        help="language of labels, titles and popups (default: tr)",
    )
    parser.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet from a CDN instead of inlining it (smaller file, needs network)",
    )
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date the atlas opens on (default: the first event)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    # Imported here so that --help answers at once, without loading geopandas and folium.
    from events.loader import load_catalogue

    try:
        catalogue = load_catalogue(args.events)
    except InputError as error:
        for problem in error.problems:
            print(f"Error: {problem}", file=sys.stderr)
        print(f"{_count(len(error.problems), 'problem')} found; nothing was written.", file=sys.stderr)
        return 1
    summary = ", ".join(
        _count(len(items), noun)
        for items, noun in (
            (catalogue.events, "event"),
            (catalogue.territories, "territory"),
            (catalogue.fronts, "front"),
            (catalogue.gazetteer.places, "place"),
        )
    )
    if args.command == "check":
        print(f"OK: {summary}.")
        return 0

    from maps.build import render_all, write_outputs

    files = render_all(catalogue, lang=args.lang, offline=not args.cdn, initial=args.date)
    written = write_outputs(files, args.out)
    elapsed = time.perf_counter() - started
    print(f"Built {summary} into {args.out} in {elapsed:.1f} s:")
    for path in written:
        print(f"  {path} ({path.stat().st_size:,} bytes)")
    return 0


def _count(number: int, noun: str) -> str:
    """`1 front`, `2 fronts`, `3 territories`."""
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"


if __name__ == "__main__":
    sys.exit(main())
