"""The command line: `build` (the default), `check`, `where`, `geocode` and `slides`.

Every failure ends as `Error: …` lines on stderr and exit code 1 (bad input, a folder that cannot
be written) or 2 (a command used wrongly), never a traceback; a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mmatlas.core.errors import AtlasError, InputError, display_path
from mmatlas.core.lang import LANGS
from mmatlas.core.paths import DEFAULT_OUT
from mmatlas.render.outfolder import check_out_folder

if TYPE_CHECKING:
    from mmatlas.catalogue.catalogue import Catalogue
    from mmatlas.render.stops import PlacedStop, Tour

PROG = "build_maps.py"
EXAMPLES = {
    "init": """examples:
  python build_maps.py init ders/                    a lecture folder to fill in
  python build_maps.py --events ders/ --stops ders/tours/ders.yaml   then build the atlas from it""",
    "build": """examples:
  python build_maps.py                               the bundled catalogue into output/
  python build_maps.py --events my_events/ --lang en  your own events too, English labels
  python build_maps.py --date 1920-12-03             open the atlas on the Treaty of Gümrü""",
    "check": """examples:
  python build_maps.py check                         validate the bundled catalogue
  python build_maps.py check --events my_events/ --stops my_tour.yaml   and your own files""",
    "where": """examples:
  python build_maps.py where Kars 1920-09-01         who held Kars that day, and on whose word
  python build_maps.py where Batum 1921-03-20 --lang en""",
    "geocode": """examples:
  python build_maps.py geocode Gümrü "Batum'da" Smyrna   how these names are placed
  python build_maps.py geocode Kulp --near Diyarbakır    the Kulp nearest Diyarbakır
  python build_maps.py geocode --report                  audit every name: output/geocoding.csv""",
    "slides": """examples:
  python build_maps.py slides                        the bundled tour, in Turkish
  python build_maps.py slides --lang en --dpi 200    English, 200 dpi PNGs
  python build_maps.py slides --stops my_tour.yaml   images and deck for your own stops
  python build_maps.py slides --only deck,handout --title "Kurtuluş Savaşı" --subtitle "10-B, 3. hafta"
                                                     only the deck and the handout, your title""",
}
COMMANDS = {
    "build": "write the atlas pages and data files into output/ (the default command)",
    "check": "validate the catalogue (and a stops file); write nothing",
    "init": "write a small commented lecture folder of your own (events, sources, places, a tour)",
    "where": "who held a place on a day, by which ledger line and source",
    "geocode": "where place names are put, from which source, and why",
    "slides": "each lecture stop as PNG, SVG and PDF, the deck tour.pptx, the handout and the animation",
}


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors read like every other error: one `Error:` line."""

    def error(self, message: str) -> NoReturn:
        print(f"Error: {message} (see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    catalogue = _Parser(add_help=False)
    catalogue.add_argument(
        "--events",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="more YAML files or folders of events (repeatable); a sources.yaml or "
        "places.yaml among them adds works or places",
    )
    out = _Parser(add_help=False)
    out.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder (default: output/)"
    )
    lang = _Parser(add_help=False)
    lang.add_argument(
        "--lang", choices=LANGS, default="tr", help="language of labels and popups (default: tr)"
    )
    stops = _Parser(add_help=False)
    stops.add_argument(
        "--stops",
        type=Path,
        metavar="FILE",
        help="lecture stops (YAML) for the atlas's stop list and the slides "
        "(default: events/tours/default.yaml)",
    )

    parser = _Parser(
        prog=PROG,
        description="Layered, dated, offline maps of the Turkish National Struggle (1919–1923).",
        epilog=f"With no command, {PROG} builds. {PROG} COMMAND --help shows a command's options "
        "and examples.",
    )
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, parents: list[_Parser], aliases: Sequence[str] = ()) -> _Parser:
        made: _Parser = commands.add_parser(
            name,
            aliases=list(aliases),
            parents=parents,
            help=COMMANDS[name],
            description=COMMANDS[name],
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        made.set_defaults(command=name)
        return made

    build = command("build", [catalogue, out, lang, stops])
    build.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet from a CDN instead of inlining it (smaller file, needs network)",
    )
    build.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the atlas opens on (default: the first event)",
    )
    command("check", [catalogue, stops])
    init = command("init", [])
    init.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder, e.g. ders/")
    where = command("where", [catalogue, lang])
    where.add_argument("place", metavar="PLACE", help="a place as sources write it, e.g. Kars or Gümrü")
    where.add_argument("day", type=_date, metavar="DATE", help="a day as YYYY-MM-DD, e.g. 1920-09-01")
    geocode = command("geocode", [catalogue, out])
    geocode.add_argument("names", nargs="*", metavar="NAME", help="place names as sources write them")
    geocode.add_argument("--near", metavar="PLACE", help="pick the namesake nearest this place")
    geocode.add_argument("--country", metavar="CODE", help="keep namesakes in this country (e.g. GE)")
    geocode.add_argument(
        "--report", action="store_true", help="write geocoding.csv for every name in the catalogue"
    )
    slides = command("slides", [catalogue, out, lang, stops], aliases=["export"])
    slides.add_argument(
        "--dpi",
        type=_dpi,
        action="append",
        metavar="N",
        help="PNG resolution, repeatable (default: 150 and 300)",
    )
    slides.add_argument(
        "--only",
        type=_kinds,
        metavar="KINDS",
        help="make only these, comma-separated: png, svg, pdf, deck, handout, gif, mp4 "
        "(default: all; the others already in slides/ are kept)",
    )
    slides.add_argument("--title", metavar="TEXT", help="the deck's and the handout's title")
    slides.add_argument("--subtitle", metavar="TEXT", help="the deck's and the handout's subtitle")
    slides.add_argument(
        "--jobs", type=_jobs, metavar="N", help="processes drawing at once (default: one per core)"
    )
    slides.add_argument(
        "--no-cache", action="store_true", help="redraw every map, ignoring the maps kept from earlier runs"
    )
    return parser


def _with_default_command(argv: Sequence[str]) -> list[str]:
    """`build` when no command is named: `build_maps.py --lang en` builds, as it always has."""
    words = list(argv)
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help")):
        return ["build", *words]
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    words = _with_default_command(sys.argv[1:] if argv is None else argv)
    args, unknown = parser.parse_known_args(words)
    if getattr(args, "command", None) == "geocode":
        # `geocode --near Diyarbakır Kulp`: names after an option are names too.
        args.names += [word for word in unknown if not word.startswith("-")]
        unknown = [word for word in unknown if word.startswith("-")]
    if unknown:
        raise _usage(args, _not_taken(parser, args.command, unknown))
    try:
        code = _run(args)
        sys.stdout.flush()  # inside the try: a reader that has gone away is met here, not at exit
        return code
    except InputError as error:
        return _report(error)
    except AtlasError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `where … | head -1`: the reader has all it wanted. Point stdout at nothing so that
        # Python's own flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        name = f"{error.filename}: " if error.filename else ""
        print(f"Error: {name}{error.strerror or error}; nothing was half-written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "Error: interrupted; files already in place are complete, none is half-written", file=sys.stderr
        )
        return 130


def _run(args: argparse.Namespace) -> int:
    # A build allocates hundreds of thousands of long-lived objects (the catalogue, the ledger,
    # the pages): with Python's default thresholds the cyclic collector rescans them again and
    # again, about a tenth of a build. Cycles are still collected, only less often.
    gc.set_threshold(100_000, 50, 100)
    if args.command == "init":
        return _init(args)
    if args.command == "geocode" and not (args.names or args.report):
        raise _usage(args, "geocode needs place names, or --report")
    if hasattr(args, "out"):
        problem = check_out_folder(args.out)
        if problem:
            raise _usage(args, problem)
    started = time.perf_counter()
    # Imported here so that --help answers at once, without loading geopandas and folium.
    from mmatlas.catalogue.loader import load_catalogue

    catalogue = load_catalogue(args.events)
    summary = _summary(catalogue)
    run: dict[str, Callable[[], int]] = {
        "check": lambda: _check(catalogue, args, summary),
        "where": lambda: _where(catalogue, args),
        "geocode": lambda: _geocode(catalogue, args),
        "slides": lambda: _slides(catalogue, _tour(catalogue, args), args, started),
        "build": lambda: _build(catalogue, _stops(catalogue, args), args, summary, started),
    }
    return run[args.command]()


def _not_taken(parser: argparse.ArgumentParser, command: str, unknown: list[str]) -> str:
    """`slides does not take --cdn (build does)`, or what argparse would say for a stray word."""
    flag = next((word.split("=")[0] for word in unknown if word.startswith("-")), None)
    if flag is None:
        return f"{command} does not take {' '.join(unknown)}"
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    takers = sorted(
        {
            name
            for name, sub in subcommands.choices.items()
            if name in COMMANDS and flag in sub._option_string_actions
        }
    )
    names = ", ".join(takers[:-1]) + " and " + takers[-1] if len(takers) > 1 else "".join(takers)
    elsewhere = f" ({names} {'does' if len(takers) == 1 else 'do'})" if takers else ""
    return f"{command} does not take {flag}{elsewhere}"


def _usage(args: argparse.Namespace, message: str) -> SystemExit:
    print(f"Error: {message} (see: {PROG} {args.command} --help)", file=sys.stderr)
    return SystemExit(2)


def _summary(catalogue: Catalogue) -> str:
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
    return summary + (
        f"; control ledger: {_count(len(catalogue.control.towns), 'town')}, {_count(changes, 'dated change')}"
    )


def _stops(catalogue: Catalogue, args: argparse.Namespace) -> list[PlacedStop]:
    return _tour(catalogue, args).stops


def _tour(catalogue: Catalogue, args: argparse.Namespace) -> Tour:
    from mmatlas.render.stops import DEFAULT_TOUR, load_tour

    return load_tour(catalogue, args.stops or DEFAULT_TOUR)


def _check(catalogue: Catalogue, args: argparse.Namespace, summary: str) -> int:
    from mmatlas.render.stops import DEFAULT_TOUR

    # The stops file given, else the bundled tour: its centres, zooms and dates are checked too.
    tour = display_path(args.stops or DEFAULT_TOUR)
    summary += f"; {_count(len(_stops(catalogue, args)), 'stop')} in {tour}"
    print(f"OK: {summary}.")
    return 0


def _build(
    catalogue: Catalogue, stops: list[PlacedStop], args: argparse.Namespace, summary: str, started: float
) -> int:
    from mmatlas.render.build import render_all, write_outputs

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


def _slides(catalogue: Catalogue, tour: Tour, args: argparse.Namespace, started: float) -> int:
    from mmatlas.render.progress import progress_display
    from mmatlas.render.publish import publish_folder
    from mmatlas.render.slides.drawn_cache import DrawnCache
    from mmatlas.render.slides.export import FOLDER, KINDS, export_files, kind_of
    from mmatlas.render.slides.slide_images import DEFAULT_DPIS

    dpis = sorted(set(args.dpi)) if args.dpi else list(DEFAULT_DPIS)
    only = args.only or list(KINDS)
    stops = tour.stops
    # --title and --subtitle, else the stops file's, else the deck's own.
    title = args.title or (tour.title.get(args.lang) if tour.title else None)
    subtitle = args.subtitle or (tour.subtitle.get(args.lang) if tour.subtitle else None)
    cache = DrawnCache(enabled=not args.no_cache)
    with progress_display("drawing") as progress:
        files = export_files(
            catalogue, stops, lang=args.lang, dpis=dpis, only=only, title=title, subtitle=subtitle,
            jobs=args.jobs, cache=cache, progress=progress,
        )  # fmt: skip
    prefix = f"{FOLDER}/"
    # The kinds not asked for this time stay as the last run made them.
    written = publish_folder(
        args.out,
        FOLDER,
        {name[len(prefix) :]: data for name, data in files.items()},
        carry_over=lambda name: kind_of(name) not in only,
    )
    elapsed = time.perf_counter() - started
    total = sum(path.stat().st_size for path in written)
    reused = f"; {cache.hits} maps and files reused from earlier runs" if cache.hits else ""
    print(f"Exported {_count(len(stops), 'stop')} into {args.out / FOLDER} in {elapsed:.1f} s "
          f"({len(written)} files, {total / 1e6:.1f} MB{reused}):")  # fmt: skip
    stop_images = [path for path in written if kind_of(path.name) in ("png", "svg", "pdf")]
    for path in written:
        if path not in stop_images:
            print(f"  {path} ({path.stat().st_size:,} bytes)")
    if stop_images:
        made = [kind for kind in ("png", "svg", "pdf") if kind in only]
        formats = ", ".join(
            f"PNG at {', '.join(map(str, dpis))} dpi" if k == "png" else k.upper() for k in made
        )
        print(f"  and {len(stop_images)} stop images: {formats}")
    return 0


def _kinds(text: str) -> list[str]:
    """--only's value: kinds of file, comma-separated."""
    from mmatlas.core.text import did_you_mean
    from mmatlas.render.slides.export import KINDS

    kinds = [word.strip().lower() for word in text.split(",") if word.strip()]
    for kind in kinds:
        if kind not in KINDS:
            raise argparse.ArgumentTypeError(
                f"unknown kind '{kind}'{did_you_mean(kind, KINDS)}; expected some of {', '.join(KINDS)}"
            )
    if not kinds:
        raise argparse.ArgumentTypeError(f"expected some of {', '.join(KINDS)}, comma-separated")
    return kinds


def _init(args: argparse.Namespace) -> int:
    from mmatlas.lecture_folder import init_folder

    try:
        written = init_folder(args.folder)
    except FileExistsError as error:
        raise AtlasError(str(error)) from None
    print(f"Wrote a lecture folder into {args.folder}:")
    for path in written:
        print(f"  {path}")
    tour = args.folder / "tours" / "ders.yaml"
    print(f"Next: {PROG} check --events {args.folder} --stops {tour}")
    print(f"      {PROG} --events {args.folder} --stops {tour}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, e.g. 1920-09-01; found '{text}'"
        ) from None


def _whole(low: int, high: int, unit: str, example: int) -> Callable[[str], int]:
    """An option's whole-number value between `low` and `high`, or an error saying so."""

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a whole number, e.g. {example}; found '{text}'"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high} {unit}; found {value}")
        return value

    return read


_dpi = _whole(50, 1200, "dots per inch", 150)
_jobs = _whole(1, 256, "processes", 2)


def _report(error: InputError) -> int:
    for problem in error.problems:
        print(f"Error: {problem}", file=sys.stderr)
    print(f"{_count(len(error.problems), 'problem')} found; nothing was written.", file=sys.stderr)
    return 1


def _where(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from mmatlas.gazetteer.gazetteer import PlaceLookupError
    from mmatlas.state.where import describe_answer, where

    try:
        place = catalogue.gazetteer.resolve(args.place)
    except PlaceLookupError as error:
        print(f"Error: {args.place}: {error}", file=sys.stderr)
        return 1
    print(describe_answer(catalogue, where(catalogue, place, args.day), args.lang))
    return 0


def _count(number: int, noun: str) -> str:
    """`1 front`, `2 fronts`, `3 territories`."""
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"
