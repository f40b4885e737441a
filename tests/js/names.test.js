/* Folding what a reader types into the search box, and the name a place bore in a year. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const MMNames = require("../../mmatlas/render/atlas/static/js/names.js");

const SUFFIXES = ["a", "da", "dan", "ta", "tan", "ya", "nın", "ın"];

test("Turkish i, case, diacritics and apostrophes fold away", () => {
  assert.equal(MMNames.foldExact("İNEBOLU"), "inebolu");
  assert.equal(MMNames.foldExact("Sarıkamış"), "sarikamis");
  assert.equal(MMNames.foldExact("Gümrü"), "gumru");
  assert.equal(MMNames.foldExact("Alek'sandrapol"), "aleksandrapol");
  assert.equal(MMNames.foldExact("  Batum  — Kars "), "batum kars");
});

test("a case ending after an apostrophe is dropped only when it is a known one", () => {
  assert.equal(MMNames.fold("Kars'ta", SUFFIXES), "kars");
  assert.equal(MMNames.fold("Batum'dan", SUFFIXES), "batum");
  assert.equal(MMNames.fold("Alek'sandrapol", SUFFIXES), "aleksandrapol");
  assert.equal(MMNames.fold("Kars'ta", []), "karsta");
});

test("a place is named as it was named that year, in the reader's language first", () => {
  const place = { n: [["Gümrü", "tr", null, 1924], ["Alexandropol", "en", null, 1924], ["Leninakan", "tr", 1924, null]] };
  assert.equal(MMNames.periodName(place, 1920, "tr"), "Gümrü");
  assert.equal(MMNames.periodName(place, 1920, "en"), "Alexandropol");
  assert.equal(MMNames.periodName(place, 1925, "en"), "Leninakan");
  assert.equal(MMNames.periodName({ n: [["Kars", "tr", null, null]] }, 1921, "en"), "Kars");
});
