"""The Millî Mücadele atlas: cited YAML in geo/ and events/ → dated, layered, offline maps.

The stages import one way only: core → gazetteer → catalogue → state → render → cli.
"""
