/* Millî Mücadele atlas: the time control, popups and legend over folium's Leaflet layers.
 *
 * Dates are ISO day strings ("1920-12-03") compared as text, never as Date objects sorted by
 * default: that is what breaks other sliders before 1970. Day arithmetic uses Date.UTC, which
 * is exact for negative (pre-1970) times.
 * Every text from the catalogue reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

  function isoToDay(iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY_MS);
  }

  function dayToIso(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function field(parent, label, value) {
    if (value === undefined || value === null || value === "" || (value.length === 0)) return;
    var p = el("p", "mm-field");
    p.appendChild(el("b", null, label + ": "));
    p.appendChild(document.createTextNode(Array.isArray(value) ? value.join("; ") : value));
    parent.appendChild(p);
  }

  function sourceList(parent, label, sources) {
    parent.appendChild(el("p", "mm-field mm-sources-label", label + ":"));
    var list = el("ol", "mm-sources");
    sources.forEach(function (s) { list.appendChild(el("li", null, s)); });
    parent.appendChild(list);
  }

  function popupContent(props, L10n) {
    var box = el("div", "mm-popup");
    box.appendChild(el("h3", null, props.title));
    var when = el("p", "mm-when");
    when.appendChild(el("b", null, L10n.date + ": "));
    when.appendChild(document.createTextNode(props.when_label + " "));
    when.appendChild(el("code", null, props.when));
    box.appendChild(when);
    if (props.date_variants && props.date_variants.length) {
      var differ = el("div", "mm-disagree");
      differ.appendChild(el("b", null, L10n.disagree + ":"));
      var list = el("ul");
      list.appendChild(el("li", null, props.when_label + " — " + props.sources.join("; ")));
      props.date_variants.forEach(function (v) {
        list.appendChild(el("li", null, v.when_label + " — " + v.sources.join("; ") + (v.note ? " (" + v.note + ")" : "")));
      });
      differ.appendChild(list);
      box.appendChild(differ);
    }
    if (props.summary) box.appendChild(el("p", "mm-summary", props.summary));
    if (props.layer === "event") {
      field(box, L10n.kind, props.category_label);
      field(box, L10n.places, props.places);
      field(box, L10n.actors, props.actors);
    } else if (props.layer === "territory") {
      field(box, L10n.holder, props.holder_label);
      field(box, L10n.kind, props.kind_label + (props.contested ? " (" + L10n.contested + ")" : ""));
    } else if (props.layer === "front") {
      field(box, L10n.sides, props.sides);
    }
    if (props.precision_label) {
      field(box, L10n.precision, props.precision_label);
      field(box, L10n.certainty, props.certainty_label);
    }
    field(box, L10n.note, props.note);
    sourceList(box, L10n.sources, props.sources);
    return box;
  }

  function Atlas(map, config, groups) {
    this.map = map;
    this.config = config;
    this.entries = [];
    this.first = isoToDay(config.start);
    this.last = isoToDay(config.end);
    this.current = null;
    this.timer = null;
    var self = this;
    groups.forEach(function (group) {
      group.eachLayer(function (sub) {
        var props = sub.feature.properties;
        sub.bindPopup(function () { return popupContent(props, config.labels); }, { maxWidth: 360 });
        self.entries.push({ layer: sub, group: group, start: props.start, end: props.end });
      });
    });
    this.buildTimeControl();
    this.buildLegend();
    window.addEventListener("hashchange", function () { self.setDate(self.hashDate() || self.current); });
    this.setDate(this.hashDate() || config.initial);
    map.getContainer().setAttribute("data-atlas-ready", "true");
  }

  Atlas.prototype.hashDate = function () {
    var text = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    return ISO_DAY.test(text) ? text : null;
  };

  Atlas.prototype.setDate = function (iso) {
    var day = Math.min(this.last, Math.max(this.first, isoToDay(iso)));
    iso = dayToIso(day);
    this.current = iso;
    this.entries.forEach(function (e) {
      var visible = e.start <= iso && iso <= e.end;
      var shown = e.group.hasLayer(e.layer);
      if (visible && !shown) e.group.addLayer(e.layer);
      else if (!visible && shown) e.group.removeLayer(e.layer);
    });
    this.slider.value = String(day - this.first);
    this.label.textContent = this.dayText(iso);
    this.label.setAttribute("datetime", iso);
    document.documentElement.setAttribute("data-atlas-date", iso);
    if (this.hashDate() !== iso) window.history.replaceState(null, "", "#" + iso);
  };

  Atlas.prototype.dayText = function (iso) {
    var p = iso.split("-");
    return (+p[2]) + " " + this.config.months[+p[1] - 1] + " " + p[0];
  };

  Atlas.prototype.step = function (direction) {
    var dates = this.config.eventDates, current = this.current, target = null, i;
    if (direction > 0) {
      for (i = 0; i < dates.length; i++) if (dates[i] > current) { target = dates[i]; break; }
    } else {
      for (i = dates.length - 1; i >= 0; i--) if (dates[i] < current) { target = dates[i]; break; }
    }
    if (target) this.setDate(target);
  };

  Atlas.prototype.togglePlay = function () {
    var self = this, L10n = this.config.labels;
    if (this.timer) {
      window.clearInterval(this.timer);
      this.timer = null;
    } else {
      if (isoToDay(this.current) >= this.last) this.setDate(this.config.start);
      this.timer = window.setInterval(function () {
        var next = isoToDay(self.current) + self.config.playDaysPerTick;
        self.setDate(dayToIso(next));
        if (next >= self.last) self.togglePlay();
      }, this.config.playTickMs);
    }
    this.playButton.textContent = this.timer ? "❚❚" : "▶";
    this.playButton.title = this.timer ? L10n.pause : L10n.play;
    this.playButton.setAttribute("aria-label", this.playButton.title);
  };

  Atlas.prototype.buildTimeControl = function () {
    var self = this, L10n = this.config.labels;
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "mm-time leaflet-bar");
      function button(text, title, action) {
        var b = el("button", "mm-button", text);
        b.type = "button";
        b.title = title;
        b.setAttribute("aria-label", title);
        b.addEventListener("click", action);
        box.appendChild(b);
        return b;
      }
      button("«", L10n.prev_event, function () { self.step(-1); });
      self.playButton = button("▶", L10n.play, function () { self.togglePlay(); });
      button("»", L10n.next_event, function () { self.step(1); });
      self.slider = el("input", "mm-slider");
      self.slider.type = "range";
      self.slider.min = "0";
      self.slider.max = String(self.last - self.first);
      self.slider.step = "1";
      self.slider.setAttribute("aria-label", L10n.slider);
      self.slider.addEventListener("input", function () {
        self.setDate(dayToIso(self.first + Number(self.slider.value)));
      });
      box.appendChild(self.slider);
      self.label = el("time", "mm-date");
      box.appendChild(self.label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(this.map);
  };

  Atlas.prototype.buildLegend = function () {
    var config = this.config;
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("div", "mm-legend leaflet-bar");
      box.appendChild(el("h4", null, config.labels.legend));
      config.legend.forEach(function (item) {
        var row = el("div", "mm-legend-row");
        var swatch = el("span", "mm-swatch mm-swatch-" + item.shape);
        swatch.style.background = item.colour;
        row.appendChild(swatch);
        row.appendChild(el("span", null, item.label));
        box.appendChild(row);
      });
      box.appendChild(el("p", "mm-legend-note", config.labels.legend_fuzzy));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(this.map);
  };

  window.MMAtlas = {
    start: function (map, config, groups) {
      window.MMAtlas.instance = new Atlas(map, config, groups);
      return window.MMAtlas.instance;
    }
  };
})();
