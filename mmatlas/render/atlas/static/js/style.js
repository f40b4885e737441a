/* How a feature is drawn and what its popup reads, from the page's compact properties.
 * Inlined into every atlas page before atlas.js, and loaded by Node for the unit tests
 * (tests/js/), so that it needs neither Leaflet nor a page. */
var MMStyle = (function () {
  "use strict";

  /* How a feature is drawn; faded and dashed where its date or position is not exact. */
  function styleFor(props, config) {
    var fuzzy = !!props.faint;  // decided in Python (state.day.is_faint), as for the slides
    if (props.layer === "event") {
      var colour = config.categories[props.category].colour;
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
    if (props.sides) copy.sides = props.sides.map(function (s) { return config.holders[s].label; });
    if (props.precision_km) {
      copy.precision_label = config.km.replace("{}", String(props.precision_km));
      copy.certainty_label = config.certainties[props.certainty];
    }
    return copy;
  }

  return { styleFor: styleFor, readable: readable };
})();
if (typeof module === "object" && module.exports) module.exports = MMStyle;
