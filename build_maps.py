"""Build the Millî Mücadele atlas (1919–1923): `python build_maps.py --help` lists the commands."""

import sys

from mmatlas.cli import main

if __name__ == "__main__":
    sys.exit(main())
