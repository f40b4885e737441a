/* The control data read back: outlines from deltas, the ledger entry in force on a day. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const MMTimeline = require("../../mmatlas/render/atlas/static/js/timeline.js");

test("delta-encoded thousandths of a degree become lat/lng pairs", () => {
  assert.deepEqual(MMTimeline.decodePath([43100, 40600, 10, -20]), [[40.6, 43.1], [40.58, 43.11]]);
});

test("the entry in force is the last that started on or before the day", () => {
  const town = [{ s: "1918-04-25", h: "first" }, { s: "1919-01-13", h: "second" }, { s: "1920-10-30", h: "third" }];
  assert.equal(MMTimeline.entryAt(town, "1918-01-01", MMTimeline.spellStart), null);
  assert.equal(MMTimeline.entryAt(town, "1920-10-29", MMTimeline.spellStart).h, "second");
  assert.equal(MMTimeline.entryAt(town, "1920-10-30", MMTimeline.spellStart).h, "third");
  assert.deepEqual(MMTimeline.entryAt([["1920-01-01", 1]], "1921-01-01", MMTimeline.edgeStart), ["1920-01-01", 1]);
});
