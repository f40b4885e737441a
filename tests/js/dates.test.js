/* The time control's day arithmetic: exact before 1970, month steps that keep the day, spans
 * that include their last day. Run: node --test tests/js/ */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const MMDates = require("../../mmatlas/render/atlas/static/js/dates.js");

test("days before 1970 round-trip exactly", () => {
  for (const iso of ["1918-10-30", "1920-02-29", "1921-08-23", "1923-10-29", "1969-12-31", "1970-01-01"]) {
    assert.equal(MMDates.dayToIso(MMDates.isoToDay(iso)), iso);
  }
  assert.equal(MMDates.isoToDay("1920-12-04") - MMDates.isoToDay("1920-12-03"), 1);
  assert.ok(MMDates.isoToDay("1920-12-03") < 0);
});

test("a month step keeps the day, or the month's last day", () => {
  assert.equal(MMDates.addMonths("1920-01-31", 1), "1920-02-29");
  assert.equal(MMDates.addMonths("1921-01-31", 1), "1921-02-28");
  assert.equal(MMDates.addMonths("1920-12-03", 1), "1921-01-03");
  assert.equal(MMDates.addMonths("1921-01-15", -1), "1920-12-15");
});

test("a record is in force on its first and its last day, not the day after", () => {
  const sakarya = { start: "1921-08-23", end: "1921-09-13" };
  assert.ok(MMDates.inForce(sakarya, "1921-08-23"));
  assert.ok(MMDates.inForce(sakarya, "1921-09-13"));
  assert.ok(!MMDates.inForce(sakarya, "1921-09-14"));
  assert.ok(!MMDates.inForce(sakarya, "1921-08-22"));
});

test("a day is worded with the page's month names", () => {
  const months = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
    "Ekim", "Kasım", "Aralık"];
  assert.equal(MMDates.dayText("1920-12-03", months), "3 Aralık 1920");
  assert.equal(MMDates.dayText("1922-09-09", months), "9 Eylül 1922");
});
