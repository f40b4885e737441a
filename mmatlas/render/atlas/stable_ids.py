"""Stable element ids, so two builds of the same input give byte-identical HTML.

branca gives every element a random id at creation (its `_id`), which becomes the JavaScript
variable name (`geo_json_<id>`). We renumber the whole tree in document order instead.
"""

from __future__ import annotations

from branca.element import Element


def renumber(root: Element) -> None:
    counter = 0
    stack = [root]
    while stack:
        element = stack.pop(0)
        element._id = f"{counter:04d}"
        counter += 1
        stack[0:0] = list(element._children.values())
