/* The control data's timelines and delta-encoded outlines, read back.
 * Inlined into every atlas page before atlas.js, and loaded by Node for the unit tests
 * (tests/js/), so that it needs neither Leaflet nor a page. */
var MMTimeline = (function () {
  "use strict";

  /* Delta-encoded thousandths of a degree ([x0, y0, dx1, dy1, …]) back to Leaflet lat/lngs. */
  function decodePath(deltas) {
    var latlngs = [], x = 0, y = 0, i;
    for (i = 0; i < deltas.length; i += 2) {
      x += deltas[i];
      y += deltas[i + 1];
      latlngs.push([y / 1000, x / 1000]);
    }
    return latlngs;
  }

  /* The entry of a timeline ([{s: day, …}] or [[day, …]]) in force on `iso`, or null. */
  function entryAt(timeline, iso, startOf) {
    var found = null, i;
    for (i = 0; i < timeline.length; i++) {
      if (startOf(timeline[i]) <= iso) found = timeline[i]; else break;
    }
    return found;
  }

  function spellStart(entry) { return entry.s; }

  function edgeStart(entry) { return entry[0]; }

  return { decodePath: decodePath, entryAt: entryAt, spellStart: spellStart, edgeStart: edgeStart };
})();
if (typeof module === "object" && module.exports) module.exports = MMTimeline;
