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

test("a whole name beats the start of a word, which beats a match inside a word", () => {
  assert.equal(MMNames.matchRank("kars", "Kars"), 0);
  assert.equal(MMNames.matchRank("kars", "Kars Antlaşması"), 1);
  assert.equal(MMNames.matchRank("kars", "Batum'a karşı"), 1);
  assert.equal(MMNames.matchRank("kars", "Sarıkamış–Kars"), 1);
  assert.equal(MMNames.matchRank("ars", "Kars"), 2);
  assert.equal(MMNames.matchRank("kars", "Ardahan"), -1);
});
