/* How features are drawn: lines never filled, uncertain things dashed and faint. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const MMStyle = require("../../mmatlas/render/atlas/static/js/style.js");

const config = {
  categories: { battle: { colour: "#7a1f3d", label: "Battle" } },
  holders: { greece: { colour: "#1f5fa8", label: "Greece" } },
  outlines: { claim: { dash: "2 6", weight: 2, fill: true }, line: { dash: "8 4", weight: 3, fill: false } },
  kinds: { claim: "claim", line: "line" },
  certainties: { low: "low" },
  km: "about {} km"
};

test("a treaty line is outlined, never filled; a claim has its own dash", () => {
  const line = MMStyle.styleFor({ layer: "territory", kind: "line", holder: "greece" }, config);
  assert.equal(line.fill, false);
  assert.equal(line.dashArray, "8 4");
  const claim = MMStyle.styleFor({ layer: "territory", kind: "claim", holder: "greece" }, config);
  assert.equal(claim.dashArray, "2 6");
  assert.equal(claim.color, "#1f5fa8");
});

test("an event of uncertain date is drawn faint and dashed", () => {
  const sure = MMStyle.styleFor({ layer: "event", category: "battle" }, config);
  const fuzzy = MMStyle.styleFor({ layer: "event", category: "battle", faint: true }, config);
  assert.equal(sure.dashArray, null);
  assert.equal(fuzzy.dashArray, "3 3");
  assert.ok(fuzzy.fillOpacity < sure.fillOpacity);
});

test("a popup reads citations and labels, not numbers and codes", () => {
  const props = { layer: "territory", kind: "claim", holder: "greece", sources: [1, 0], precision_km: 25, certainty: "low" };
  const shown = MMStyle.readable(props, config, ["Work A", "Work B"]);
  assert.deepEqual(shown.sources, ["Work B", "Work A"]);
  assert.equal(shown.holder_label, "Greece");
  assert.equal(shown.precision_label, "about 25 km");
  assert.deepEqual(props.sources, [1, 0]); // the page's own data is left as it was
});

test("a journey is a line with its colour and no fill", () => {
  const route = MMStyle.styleFor({ layer: "event", category: "battle" }, config, "LineString");
  assert.equal(route.fill, false);
  assert.equal(route.color, "#7a1f3d");
});

test("a front's sides are shown as the page gives them", () => {
  const shown = MMStyle.readable({ layer: "front", sides: ["Greece", "Ankara government"], sources: [] }, config, []);
  assert.deepEqual(shown.sides, ["Greece", "Ankara government"]);
});

test("each leg of a route gets an arrowhead pointing the way travelled", () => {
  const eastward = MMStyle.arrowheads([[40, 30], [40, 34]]);
  assert.equal(eastward.length, 1);
  const [wing, tip, other] = eastward[0];
  assert.ok(tip[1] > 32, "the tip lies past the leg's middle, towards its end");
  assert.ok(wing[1] < tip[1] && other[1] < tip[1], "both wings trail behind the tip");
  assert.ok(wing[0] > tip[0] !== other[0] > tip[0], "one wing each side of the route");
  const westward = MMStyle.arrowheads([[40, 34], [40, 30]])[0];
  assert.ok(westward[0][1] > westward[1][1]);
  assert.equal(MMStyle.arrowheads([[40, 30], [40, 30]]).length, 0);
  assert.equal(MMStyle.arrowheads([[39.9, 32.8], [41, 29], [51.5, -0.1]]).length, 2);
});
