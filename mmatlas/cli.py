"""Build the Millî Mücadele atlas (1919–1923) from its YAML catalogue.

Commands:
  python build_maps.py                 build output/index.html and output/data/*.geojson
  python build_maps.py check           validate the catalogue only; write nothing
  python build_maps.py geocode NAME…   where each name is placed, from which source, and why
  python build_maps.py geocode --report   output/geocoding.csv for every name in the catalogue
  python build_maps.py where PLACE DATE   who held a place that day, by which record and source
  python build_maps.py export          output/slides/: each lecture stop as PNG, SVG and PDF,
                                       tour.pptx, and the monthly animation (GIF, MP4)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mmatlas.core.errors import InputError
from mmatlas.core.paths import DEFAULT_OUT

if TYPE_CHECKING:
    from mmatlas.catalogue.catalogue import Catalogue
    from mmatlas.render.stops import PlacedStop


EPILOG = """examples:
  python build_maps.py                              build the bundled catalogue into output/
  python build_maps.py --events my_events/ --lang en  add your own events, English labels
  python build_maps.py check --events my_events.yaml  validate only, write nothing
  python build_maps.py --date 1920-12-03            open the atlas on the Treaty of Gümrü
  python build_maps.py geocode Gümrü "Batum'da" Smyrna   how these names are placed
  python build_maps.py geocode Kulp --near Diyarbakır   the Kulp nearest Diyarbakır
  python build_maps.py geocode --report             audit every name: output/geocoding.csv
  python build_maps.py where Kars 1920-09-01        who held Kars that day, and on whose word
  python build_maps.py export --lang en --dpi 200   slides, deck and animation in English
  python build_maps.py export --stops my_tour.yaml  images and deck for your own stops
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
        choices=["build", "check", "geocode", "where", "export"],
        help="build (default): write the atlas and exports; check: validate only; "
        "geocode: explain where place names are put; where: who held a place on a day; "
        "export: images, slide deck and animation for presentations",
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="geocode: place names; where: a place and a YYYY-MM-DD date"
    )
    parser.add_argument("--near", metavar="PLACE", help="geocode: pick the namesake nearest this place")
    parser.add_argument("--country", metavar="CODE", help="geocode: keep namesakes in this country (e.g. GE)")
    parser.add_argument(
        "--report", action="store_true", help="geocode: write geocoding.csv for every name in the catalogue"
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
        "--stops",
        type=Path,
        metavar="FILE",
        help="lecture stops (YAML) for the atlas's stop list and the exports "
        "(default: events/tours/default.yaml)",
    )
    parser.add_argument(
        "--dpi",
        type=_dpi,
        action="append",
        metavar="N",
        help="export: PNG resolution, repeatable (default: 150 and 300)",
    )
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date the atlas opens on (default: the first event)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A build allocates hundreds of thousands of long-lived objects (the catalogue, the ledger,
    # the pages): with Python's default thresholds the cyclic collector rescans them again and
    # again, about a tenth of a build. Cycles are still collected, only less often.
    gc.set_threshold(100_000, 50, 100)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command not in ("geocode", "where") and (args.names or args.near or args.country or args.report):
        parser.error(f"names, --near, --country and --report belong to geocode, not {args.command}")
    if args.command == "where":
        if len(args.names) != 2:
            parser.error("where needs a place and a date, e.g.: where Kars 1920-09-01")
        try:
            args.day = dt.date.fromisoformat(args.names[1])
        except ValueError:
            parser.error(f"where: expected a date as YYYY-MM-DD, e.g. 1920-09-01; found '{args.names[1]}'")
    if args.dpi and args.command != "export":
        parser.error(f"--dpi belongs to export, not {args.command}")
    if args.command == "geocode" and not (args.names or args.report):
        parser.error("geocode needs place names, or --report")
    started = time.perf_counter()
    # Imported here so that --help answers at once, without loading geopandas and folium.
    from mmatlas.catalogue.loader import load_catalogue

    try:
        catalogue = load_catalogue(args.events)
    except InputError as error:
        return _report(error)
    summary = ", ".join(
        _count(len(items), noun)
        for items, noun in (
            (catalogue.events, "event"),
            (catalogue.territories, "territory"),
            (catalogue.fronts, "front"),
            (catalogue.places, "place"),
        )
    )
    changes = sum(1 for town in catalogue.control.towns for spell in town.spells if spell.kind == "change")
    summary += (
        f"; control ledger: {_count(len(catalogue.control.towns), 'town')}, {_count(changes, 'dated change')}"
    )
    if args.command == "check":
        print(f"OK: {summary}.")
        return 0
    if args.command == "geocode":
        return _geocode(catalogue, args)
    if args.command == "where":
        return _where(catalogue, args)

    from mmatlas.render.build import render_all, write_outputs
    from mmatlas.render.stops import DEFAULT_TOUR, load_stops

    try:
        stops = load_stops(catalogue, args.stops or DEFAULT_TOUR)
    except InputError as error:
        return _report(error)
    if args.command == "export":
        return _export(catalogue, stops, args, started)
    files = render_all(catalogue, lang=args.lang, offline=not args.cdn, initial=args.date, stops=stops)
    written = write_outputs(files, args.out)
    elapsed = time.perf_counter() - started
    print(f"Built {summary} into {args.out} in {elapsed:.1f} s:")
    for path in written:
        print(f"  {path} ({path.stat().st_size:,} bytes)")
    return 0


def _geocode(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from mmatlas.gazetteer.gazetteer import PlaceLookupError, describe_match
    from mmatlas.gazetteer.places import PlaceRef

    failed = 0
    for name in args.names:
        try:
            mention = PlaceRef(name=name, near=args.near, country=args.country)
            print(describe_match(catalogue.gazetteer.match(mention)))
        except (PlaceLookupError, ValueError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            failed += 1
    if args.report:
        from mmatlas.core.theatre import FAR_KM
        from mmatlas.render.build import write_outputs
        from mmatlas.render.geocoding_report import geocoding_report

        report = geocoding_report(catalogue)
        (path,) = write_outputs({"geocoding.csv": report.csv}, args.out)
        print(f"Wrote {path} ({report.rows} names)")
        if report.far:
            print(f"{len(report.far)} names put more than {FAR_KM:,.0f} km from Ankara (column 'far'):")
            for line in report.far:
                print(f"  {line}")
    return 1 if failed else 0


def _export(catalogue: Catalogue, stops: list[PlacedStop], args: argparse.Namespace, started: float) -> int:
    from mmatlas.render.build import write_outputs
    from mmatlas.render.slides.export import STOP_IMAGE, export_files, stale_stop_images
    from mmatlas.render.slides.slide_images import DEFAULT_DPIS

    def log(step: str) -> None:
        print(f"  {step}…", file=sys.stderr, flush=True)

    dpis = sorted(set(args.dpi)) if args.dpi else list(DEFAULT_DPIS)
    files = export_files(catalogue, stops, lang=args.lang, dpis=dpis, log=log)
    written = write_outputs(files, args.out)
    for stale in stale_stop_images(args.out, written):
        stale.unlink()
        print(f"  removed {stale}: its stop is no longer in the tour")
    elapsed = time.perf_counter() - started
    total = sum(path.stat().st_size for path in written)
    print(f"Exported {_count(len(stops), 'stop')} into {args.out / 'slides'} in {elapsed:.1f} s "
          f"({len(written)} files, {total / 1e6:.1f} MB):")  # fmt: skip
    stop_images = [path for path in written if STOP_IMAGE.match(path.name)]
    for path in written:
        if path not in stop_images:
            print(f"  {path} ({path.stat().st_size:,} bytes)")
    print(f"  and {len(stop_images)} stop images: PNG at {', '.join(map(str, dpis))} dpi, SVG and PDF")
    return 0


def _dpi(text: str) -> int:
    """--dpi's value, or an error that says what is expected."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, e.g. 150; found '{text}'") from None
    if not 50 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"expected 50 to 1200 dots per inch; found {value}")
    return value


def _report(error: InputError) -> int:
    for problem in error.problems:
        print(f"Error: {problem}", file=sys.stderr)
    print(f"{_count(len(error.problems), 'problem')} found; nothing was written.", file=sys.stderr)
    return 1


def _where(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from mmatlas.gazetteer.gazetteer import PlaceLookupError
    from mmatlas.state.where import describe_answer, where

    try:
        place = catalogue.gazetteer.resolve(args.names[0])
    except PlaceLookupError as error:
        print(f"{args.names[0]}: {error}", file=sys.stderr)
        return 1
    print(describe_answer(catalogue, where(catalogue, place, args.day), args.lang))
    return 0


def _count(number: int, noun: str) -> str:
    """`1 front`, `2 fronts`, `3 territories`."""
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"
