/* Days as ISO strings ("1920-12-03"), compared as text; day arithmetic with Date.UTC,
 * which is exact before 1970.
 * Inlined into every atlas page before atlas.js, and loaded by Node for the unit tests
 * (tests/js/), so that it needs neither Leaflet nor a page. */
var MMDates = (function () {
  "use strict";

  var DAY_MS = 86400000;

  function isoToDay(iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY_MS);
  }

  function dayToIso(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function addMonths(iso, months) {
    var p = iso.split("-"), y = +p[0], m = +p[1] - 1 + months, d = +p[2];
    y += Math.floor(m / 12);
    m = ((m % 12) + 12) % 12;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return dayToIso(Math.round(Date.UTC(y, m, Math.min(d, last)) / DAY_MS));
  }

  /* `1920-12-03` → `3 Aralık 1920`, as the Python side words a day (i18n.day_text); the month
   * names come from the page's settings, in its language. */
  function dayText(iso, months) {
    var p = iso.split("-");
    return (+p[2]) + " " + months[+p[1] - 1] + " " + p[0];
  }

  /* In force on `iso`: `start` and `end` are ISO days and both belong to the span, as a
   * catalogue record's dates do (When.contains). */
  function inForce(entry, iso) {
    return entry.start <= iso && iso <= entry.end;
  }

  return { isoToDay: isoToDay, dayToIso: dayToIso, addMonths: addMonths, dayText: dayText, inForce: inForce };
})();
if (typeof module === "object" && module.exports) module.exports = MMDates;
