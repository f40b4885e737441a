/* How a feature is drawn and what its popup reads, from the page's compact properties.
 * Inlined into every atlas page before atlas.js, and loaded by Node for the unit tests
 * (tests/js/), so that it needs neither Leaflet nor a page. */
var MMStyle = (function () {
  "use strict";

  /* How a feature is drawn; faded and dashed where its date or position is not exact.
   * `geometryType` tells a journey's route (a line: never filled) from a place's marker. */
  function styleFor(props, config, geometryType) {
    var fuzzy = !!props.faint;  // decided in Python (state.day.is_faint), as for the slides
    if (props.layer === "event") {
      var colour = config.categories[props.category].colour;
      if (geometryType === "LineString" || geometryType === "MultiLineString") {
        return { color: colour, weight: 3.5, opacity: fuzzy ? 0.6 : 0.95, fill: false, dashArray: fuzzy ? "6 6" : null };
      }
      return {
        color: fuzzy ? colour : "#ffffff", weight: fuzzy ? 2 : 1.5, fill: true, fillColor: colour,
        fillOpacity: fuzzy ? 0.4 : 0.95, opacity: 1, dashArray: fuzzy ? "3 3" : null, radius: 7
      };
    }
    if (props.layer === "front") {
      return { color: "#222222", weight: 4, opacity: 0.9, dashArray: fuzzy ? "10 6" : null };
    }
    var holder = config.holders[props.holder].colour;
    if (props.kind === "control") {
      return { color: holder, weight: 1.5, fillColor: holder, fillOpacity: fuzzy ? 0.3 : 0.5, dashArray: fuzzy ? "6 4" : null };
    }
    var outline = config.outlines[props.kind];  // claims, treaty zones, lines: from the layer list
    return {
      color: holder, weight: outline.weight, fill: outline.fill, fillColor: holder,
      fillOpacity: 0.08, dashArray: outline.dash
    };
  }

  /* The page's compact properties turned back into what a reader needs in a popup. */
  function readable(props, config, citations) {
    var copy = {}, key;
    for (key in props) copy[key] = props[key];
    function cite(list) { return (list || []).map(function (i) { return citations[i]; }); }
    copy.sources = cite(props.sources);
    copy.date_variants = (props.date_variants || []).map(function (v) {
      return { when_label: v.when_label, sources: cite(v.sources), note: v.note };
    });
    if (props.layer === "event") copy.category_label = config.categories[props.category].label;
    if (props.holder) copy.holder_label = config.holders[props.holder].label;
    if (props.kind) copy.kind_label = config.kinds[props.kind];
    // A front's sides arrive as display names, already in the page's language.
    if (props.precision_km) {
      copy.precision_label = config.km.replace("{}", String(props.precision_km));
      copy.certainty_label = config.certainties[props.certainty];
    }
    return copy;
  }

  /* Arrowheads along a route ([[lat, lng], …]): one open "V" at the middle of each leg,
   * pointing the way travelled, sized to the leg (at most ARROW_MAX degrees). Each is a
   * three-point polyline to draw like the route. */
  var ARROW_MAX = 0.45;
  function arrowheads(latlngs) {
    var heads = [], i;
    for (i = 1; i < latlngs.length; i++) {
      var a = latlngs[i - 1], b = latlngs[i];
      var scale = Math.cos(((a[0] + b[0]) / 2) * Math.PI / 180);  // degrees of longitude shrink
      var dx = (b[1] - a[1]) * scale, dy = b[0] - a[0], length = Math.sqrt(dx * dx + dy * dy);
      if (length === 0) continue;
      var size = Math.min(ARROW_MAX, length / 5), ux = dx / length, uy = dy / length;
      var tip = [(a[0] + b[0]) / 2 + uy * size / 2, (a[1] + b[1]) / 2 + ux * size / 2 / scale];
      var wing = function (turn) {
        var c = Math.cos(turn), s = Math.sin(turn);
        var wx = -(ux * c - uy * s) * size, wy = -(ux * s + uy * c) * size;
        return [tip[0] + wy, tip[1] + wx / scale];
      };
      heads.push([wing(Math.PI / 6), tip, wing(-Math.PI / 6)]);
    }
    return heads;
  }

  return { styleFor: styleFor, readable: readable, arrowheads: arrowheads };
})();
if (typeof module === "object" && module.exports) module.exports = MMStyle;
