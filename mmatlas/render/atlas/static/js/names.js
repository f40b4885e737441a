/* Place names: folded for search as the Python gazetteer folds them (core/text.py), and the
 * name a place bore in a given year.
 * Inlined into every atlas page before atlas.js, and loaded by Node for the unit tests
 * (tests/js/), so that it needs neither Leaflet nor a page. */
var MMNames = (function () {
  "use strict";

  var APOSTROPHES = /['’ʼʻ`´‘]/g;
  var SUFFIX = /['’ʼʻ`´‘](\p{L}+)$/u;

  /* Case, Turkish i, apostrophes and diacritics folded: how reference names are indexed
   * (fold_exact in Python). */
  function foldExact(text) {
    return String(text).replace(/[İIı]/g, "i").toLowerCase().replace(APOSTROPHES, "").normalize("NFKD")
      .replace(/\p{M}/gu, "").replace(/[^0-9a-z]+/g, " ").trim();
  }

  /* What a reader types, folded: a case ending after an apostrophe (Kars'ta, Batum'da) is
   * dropped first when it is one of `suffixes`, the list the page carries from Python. */
  function fold(text, suffixes) {
    var written = String(text).trim(), found = SUFFIX.exec(written);
    if (found && suffixes && suffixes.indexOf(found[1].toLowerCase()) >= 0) written = written.slice(0, found.index);
    return foldExact(written);
  }

  /* The name a place bore in a year, in a language, falling back to Turkish, then the first. */
  function periodName(place, year, lang) {
    var wanted = [lang, "tr"], i, j, n;
    for (i = 0; i < wanted.length; i++) {
      for (j = 0; j < place.n.length; j++) {
        n = place.n[j];
        if (n[1] === wanted[i] && (n[2] === null || year >= n[2]) && (n[3] === null || year <= n[3])) return n[0];
      }
    }
    return place.n[0][0];
  }

  /* How well `text` matches a folded query: 0 the whole name, 1 the start of a word,
   * 2 anywhere inside, -1 not at all. Search lists better matches first. */
  function matchRank(query, text) {
    var folded = foldExact(text);
    if (!query || folded.indexOf(query) < 0) return -1;
    if (folded === query) return 0;
    return (" " + folded).indexOf(" " + query) >= 0 ? 1 : 2;
  }

  return { fold: fold, foldExact: foldExact, periodName: periodName, matchRank: matchRank };
})();
if (typeof module === "object" && module.exports) module.exports = MMNames;
