/* Millî Mücadele atlas: time control, grouped layers, period place names, search, lecture
 * stops and legend over folium's Leaflet layers; and the two-date comparison page.
 *
 * Dates are ISO day strings ("1920-12-03") compared as text, never as Date objects sorted by
 * default: that is what breaks other sliders before 1970. Day arithmetic uses Date.UTC, which
 * is exact for negative (pre-1970) times.
 * Every text from the catalogue reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var isoToDay = MMDates.isoToDay, dayToIso = MMDates.dayToIso, addMonths = MMDates.addMonths;
  var periodName = MMNames.periodName, styleFor = MMStyle.styleFor, readable = MMStyle.readable;
  var decodePath = MMTimeline.decodePath, entryAt = MMTimeline.entryAt;
  var spellStart = MMTimeline.spellStart, edgeStart = MMTimeline.edgeStart;
  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  var LABEL_ALL_ZOOM = 7;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(parent, text, title, action, className) {
    var b = el("button", "mm-button" + (className ? " " + className : ""), text);
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    parent.appendChild(b);
    return b;
  }

  /* A drawn shape reachable by Tab and opened with Enter, named for screen readers. */
  function focusable(layer, name, owner) {
    if (!layer.getElement && layer.eachLayer) {  // an event at several places: each marker
      layer.eachLayer(function (part) { focusable(part, name, owner || layer); });
      return;
    }
    var node = layer.getElement && layer.getElement();
    if (!node || node.hasAttribute("tabindex")) return;
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", name());
    node.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      (owner || layer).openPopup(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
      event.preventDefault();
    });
  }

  function quiet(box) {
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
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
      field(box, L10n.kind, props.kind_label);
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

  /* Areas of control: each ledger town's cell, coloured by its holder on the day shown; borders
   * and fronts are the edges between cells whose holders differ that day. Python decided every
   * timeline (mmatlas/render/atlas/control_data.py); this only looks up the entry in force. */
  function ControlMap(atlas, data) {
    var self = this;
    this.atlas = atlas;
    this.data = data;
    this.state = [];
    this.cells = data.cells.map(function (cell, index) {
      var polygon = L.polygon(cell.g.map(function (rings) { return rings.map(decodePath); }), {
        stroke: true, weight: 1.5, opacity: 1, fillOpacity: 1, className: "mm-cell",
        pane: "mm-areas", renderer: atlas.areaRenderer
      });
      polygon.bindPopup(function () { return self.popup(index); }, { maxWidth: 360 });
      polygon.on("add", function () {
        var node = polygon.getElement();
        if (node) node.setAttribute("data-town", cell.p);
        focusable(polygon, function () {
          var place = atlas.places[cell.p];
          var year = +(atlas.current || atlas.config.initial).slice(0, 4);
          return place ? periodName(place, year, atlas.config.lang) : cell.p;
        });
        self.paint(index, true);
      });
      return polygon;
    });
    this.edges = data.edges.map(function (edge) { return decodePath(edge.g); });
    var areas = atlas.layers.control && atlas.layers.control.layer;
    if (areas) {
      this.cells.forEach(function (polygon) { areas.addLayer(polygon); });
      this.borders = L.polyline([], {
        color: "#4a4a4a", weight: 1.2, opacity: 0.9, interactive: false, className: "mm-border",
        pane: "mm-areas", renderer: atlas.areaRenderer
      });
      areas.addLayer(this.borders);
    }
    this.fronts = {};
    data.theatres.forEach(function (theatre) {
      var group = atlas.layers["fronts-" + theatre];
      if (!group) return;
      var line = L.polyline([], { color: "#111111", weight: 4.5, opacity: 0.95, className: "mm-front mm-front-" + theatre });
      line.bindPopup(function () { return self.frontPopup(theatre); }, { maxWidth: 360 });
      group.layer.addLayer(line);
      focusable(line, function () { return atlas.config.theatres[theatre]; });
      line.on("add", function () { focusable(line, function () { return atlas.config.theatres[theatre]; }); });
      self.fronts[theatre] = line;
    });
  }

  ControlMap.prototype.spell = function (index, iso) {
    if (iso >= this.data.end) return null;
    return entryAt(this.data.cells[index].t, iso, spellStart);
  };

  ControlMap.prototype.paint = function (index, force) {
    var spell = this.spell(index, this.atlas.current || "0000"), holders = this.atlas.config.holders;
    var faint = !!(spell && spell.f && this.atlas.current <= spell.f);
    var key = spell ? spell.h + (faint ? ":faint" : "") : "";
    if (!force && this.state[index] === key) return;
    this.state[index] = key;
    var polygon = this.cells[index];
    if (!spell) { polygon.setStyle({ opacity: 0, fillOpacity: 0 }); return; }
    var colour = faint ? holders[spell.h].faint : holders[spell.h].fill;
    polygon.setStyle({ color: colour, fillColor: colour, opacity: 1, fillOpacity: 1, dashArray: null });
    var node = polygon.getElement();
    if (node) {
      node.setAttribute("data-holder", spell.h);
      node.setAttribute("data-faint", faint ? "true" : "false");
    }
  };

  ControlMap.prototype.setDate = function (iso) {
    var self = this, borders = [], fronts = {};
    this.cells.forEach(function (_, index) { self.paint(index, false); });
    this.data.edges.forEach(function (edge, index) {
      var entry = iso < self.data.end ? entryAt(edge.t, iso, edgeStart) : null;
      var status = entry ? entry[1] : null;
      if (status === "border") borders.push(self.edges[index]);
      else if (status) (fronts[status] = fronts[status] || []).push(self.edges[index]);
    });
    if (this.borders) this.borders.setLatLngs(borders);
    Object.keys(this.fronts).forEach(function (theatre) {
      self.fronts[theatre].setLatLngs(fronts["fronts-" + theatre] || []);
    });
  };

  /* What a reader sees on clicking an area: the town whose cell it is, who held it since when,
   * on whose authority, and the town's whole timeline. */
  ControlMap.prototype.popup = function (index) {
    var atlas = this.atlas, config = atlas.config, L10n = config.labels, cell = this.data.cells[index];
    var iso = atlas.current, year = +iso.slice(0, 4), citations = this.data.citations;
    var place = atlas.places[cell.p], spell = this.spell(index, iso);
    var box = el("div", "mm-popup mm-cell-popup");
    box.appendChild(el("h3", null, place ? periodName(place, year, config.lang) : cell.p));
    if (!spell) {
      box.appendChild(el("p", null, L10n.no_holder));
      return box;
    }
    field(box, L10n.holder, config.holders[spell.h].label);
    field(box, L10n.since, spell.w || L10n.since_start);
    if (spell.f && iso <= spell.f) box.appendChild(el("p", "mm-fuzzy-note", L10n.legend_fuzzy));
    if (spell.v && spell.v.length) {
      var differ = el("div", "mm-disagree");
      differ.appendChild(el("b", null, L10n.disagree + ":"));
      var list = el("ul");
      list.appendChild(el("li", null, (spell.w || "") + " — " + spell.r.map(function (i) { return citations[i]; }).join("; ")));
      spell.v.forEach(function (v) {
        list.appendChild(el("li", null, v.w + " — " + v.r.map(function (i) { return citations[i]; }).join("; ") + (v.n ? " (" + v.n + ")" : "")));
      });
      differ.appendChild(list);
      box.appendChild(differ);
    }
    field(box, L10n.note, spell.n);
    field(box, L10n.precision, config.km.replace("{}", String(cell.km)) + " — " + L10n.cell_of);
    sourceList(box, L10n.sources, spell.r.map(function (i) { return citations[i]; }));
    box.appendChild(el("p", "mm-field mm-sources-label", L10n.timeline + ":"));
    var steps = el("ul", "mm-timeline");
    cell.t.forEach(function (entry) {
      var item = el("li", entry === spell ? "mm-now" : null, (entry.w || L10n.since_start) + " — " + config.holders[entry.h].label);
      steps.appendChild(item);
    });
    box.appendChild(steps);
    return box;
  };

  ControlMap.prototype.frontPopup = function (theatre) {
    var atlas = this.atlas, config = atlas.config, L10n = config.labels, iso = atlas.current;
    var citations = this.data.citations, box = el("div", "mm-popup");
    box.appendChild(el("h3", null, config.theatres[theatre]));
    box.appendChild(el("p", null, L10n.derived_front_note));
    this.data.wars.forEach(function (war) {
      if (war.theatre !== theatre || iso < war.start || iso > war.end) return;
      field(box, war.name, war.when_label);
      field(box, L10n.sides, war.sides);
      sourceList(box, L10n.sources, war.r.map(function (i) { return citations[i]; }));
    });
    return box;
  };

  function Atlas(map, config, data, shared) {
    this.map = map;
    this.config = config;
    this.data = data;
    this.shared = shared;
    this.entries = [];
    this.byId = {};
    this.layers = {};
    this.eventIndex = [];
    this.first = isoToDay(config.start);
    this.last = isoToDay(config.end);
    this.current = null;
    this.timer = null;
    this.useHash = config.hash !== false;
    var self = this;
    // Panes: the land, then the areas of control, under every other overlay (events, fronts,
    // claims): each in its own pane, so that what is drawn later never covers what matters more.
    [["mm-land", 300], ["mm-areas", 350], ["mm-waters", 360]].forEach(function (pane) {
      map.createPane(pane[0]).style.zIndex = String(pane[1]);
    });
    this.areaRenderer = L.svg({ pane: "mm-areas" });
    // The tile-free base: Natural Earth land, drawn under everything and never clickable.
    L.geoJSON(shared.land, {
      interactive: false, pane: "mm-land", renderer: L.svg({ pane: "mm-land" }),
      style: { fillColor: "#efe9dc", color: "#a8a090", weight: 0.6, fillOpacity: 1.0 }
    }).addTo(map);
    // The land is drawn from 12° W to 62° E and 26° to 60° N: the map does not pan far past it.
    map.setMaxBounds([[20, -20], [64, 70]]);
    map.options.maxBoundsViscosity = 1.0;
    // Rivers and lakes over the areas of control (which are opaque), under everything else.
    if (shared.waters) {
      L.geoJSON(shared.waters, {
        interactive: false, pane: "mm-waters", renderer: L.svg({ pane: "mm-waters" }),
        style: function (feature) {
          return feature.properties.kind === "lake"
            ? { color: "#7aa7c7", weight: 0.8, fillColor: "#cfe3ef", fillOpacity: 1 }
            : { color: "#5d95c2", weight: 1.4, opacity: 0.9, fill: false };
        }
      }).addTo(map);
    }
    data.layers.forEach(function (features, index) {
      var meta = config.layers[index];
      var group = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: function (feature) { return styleFor(feature.properties, config, feature.geometry.type); },
        pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, styleFor(feature.properties, config)); }
      });
      if (meta.show) group.addTo(map);
      self.layers[meta.key] = { meta: meta, layer: group };
      group.eachLayer(function (sub) {
        var props = sub.feature.properties;
        sub.bindPopup(function () { return popupContent(readable(props, config, data.citations), config.labels); }, { maxWidth: 360 });
        var name = function () { return props.title + ", " + props.when_label; };
        sub.on("add", function () { focusable(sub, name); });
        if (map.hasLayer(sub)) focusable(sub, name);
        var entry = { layer: sub, group: group, start: props.start, end: props.end, id: props.id };
        if (props.layer === "event") {
          entry.event = true;
          entry.style = styleFor(props, config, sub.feature.geometry.type);
        }
        self.entries.push(entry);
        self.byId[props.id] = entry;
        if (props.layer === "event") self.eventIndex.push({ props: props, layer: sub });
        if (props.layer === "event" && sub.feature.geometry.type === "LineString") {
          // A route shows its direction: arrowheads on each leg, shown and hidden with it.
          var route = sub.feature.geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
          var heads = L.polyline(MMStyle.arrowheads(route), styleFor(props, config, "LineString"));
          heads.options.interactive = false;
          self.entries.push({ layer: heads, group: group, start: props.start, end: props.end, id: props.id + ":arrows" });
        }
      });
    });
    this.places = {};
    config.places.forEach(function (p) { self.places[p.id] = p; });
    this.control = shared.control.cells.length ? new ControlMap(this, shared.control) : null;
    this.labels = L.layerGroup().addTo(map);
    map.on("zoomend", function () {
      if (self.current) self.drawLabels(self.visibleEvents || {}, +self.current.slice(0, 4));
    });
    this.relief = null;
    if (map.zoomControl) {  // Leaflet's own buttons speak English: give them the page's language
      [[map.zoomControl._zoomInButton, config.labels.zoom_in], [map.zoomControl._zoomOutButton, config.labels.zoom_out]]
        .forEach(function (pair) { pair[0].title = pair[1]; pair[0].setAttribute("aria-label", pair[1]); });
    }
    this.buildTimeControl();
    this.buildLayerControl();
    if (!config.compact) this.buildSearch();
    if (config.stops.length) this.buildStops();
    if (config.compare) this.buildSideTitle();
    this.buildLegend();
    if (this.useHash) this.buildPresent();
    this.listenToKeys();
    if (this.useHash) {
      window.addEventListener("hashchange", function () { self.setDate(self.hashDate() || self.current); });
    }
    var linked = this.useHash && this.hashDate();
    this.setDate(linked || config.initial);
    // With no date asked for, the atlas opens on the tour's first stop: its view and caption.
    if (!linked && config.openOnStop && config.stops.length) this.goToStop(0);
    if (this.useHash && hashParts().indexOf("present") > 0) this.present(true, true);
    map.getContainer().setAttribute("data-atlas-ready", "true");
    // For benchmarks/atlas.py: milliseconds from navigation to a drawn, working atlas.
    map.getContainer().setAttribute("data-atlas-ready-ms", String(Math.round(performance.now())));
  }

  /* `#1920-12-03`, optionally followed by options: `#1920-12-03&embed`. */
  function hashParts() {
    return decodeURIComponent(window.location.hash.replace(/^#/, "")).split("&");
  }

  /* On the comparison page, each side says its date and the events of that day. */
  Atlas.prototype.buildSideTitle = function () {
    var self = this;
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      self.sideTitle = el("div", "mm-side-title");
      self.sideTitle.setAttribute("aria-live", "polite");
      return quiet(self.sideTitle);
    };
    control.addTo(this.map);
  };

  Atlas.prototype.showSideTitle = function (iso) {
    if (!this.sideTitle) return;
    var box = this.sideTitle;
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el("b", "mm-side-date", this.dayText(iso)));
    this.eventIndex.forEach(function (e) {
      if (MMDates.inForce(e.props, iso)) box.appendChild(el("div", "mm-side-event", e.props.title));
    });
  };

  /* Presentation mode (a button, or `#…&present`): full screen when asked by a click, a large
   * date, the stop's title and caption on the map, the controls reduced to the timeline. */
  Atlas.prototype.buildPresent = function () {
    var self = this, L10n = this.config.labels;
    this.presentCaption = el("div", "mm-present-caption");
    this.presentCaption.setAttribute("aria-live", "polite");
    this.map.getContainer().appendChild(this.presentCaption);
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var box = el("div", "mm-present leaflet-bar");
      self.presentButton = button(box, L10n.present_short, L10n.present, function () { self.present(!self.presenting); });
      self.presentButton.removeAttribute("aria-label");
      self.presentButton.setAttribute("aria-pressed", "false");
      return quiet(box);
    };
    control.addTo(this.map);
  };

  Atlas.prototype.present = function (on, fromLink) {
    var root = document.documentElement, options = hashParts().slice(1).filter(function (o) { return o !== "present"; });
    this.presenting = on;
    root.classList.toggle("mm-presenting", on);
    // Its name stays the word on it; whether the mode is on is its pressed state.
    this.presentButton.title = on ? this.config.labels.present_exit : this.config.labels.present;
    this.presentButton.removeAttribute("aria-label");
    this.presentButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (!fromLink && root.requestFullscreen) {
      if (on && !document.fullscreenElement) root.requestFullscreen().catch(function () { return null; });
      if (!on && document.fullscreenElement) document.exitFullscreen().catch(function () { return null; });
    }
    if (on) options.push("present");
    window.history.replaceState(null, "", "#" + [this.current].concat(options).join("&"));
    this.map.invalidateSize();
    this.showPresentCaption(this.current);
  };

  Atlas.prototype.showPresentCaption = function (iso) {
    var box = this.presentCaption;
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var stop = this.config.stops[this.stopIndex];
    if (!stop || stop.date !== iso) stop = this.config.stops.filter(function (s) { return s.date === iso; })[0];
    if (!stop) return;
    box.appendChild(el("b", "mm-present-title", stop.title));
    box.appendChild(el("p", "mm-present-text", stop.caption));
  };

  Atlas.prototype.hashDate = function () {
    var text = hashParts()[0];
    return ISO_DAY.test(text) ? text : null;
  };

  Atlas.prototype.setDate = function (iso) {
    var day = Math.min(this.last, Math.max(this.first, isoToDay(iso)));
    iso = dayToIso(day);
    this.current = iso;
    var visibleEvents = {};
    // While playing, an event stays a while after its last day, fading, so a class can read it.
    var lingerUntil = this.timer ? dayToIso(day - this.config.lingerDays) : null;
    this.entries.forEach(function (e) {
      var inForce = MMDates.inForce(e, iso);
      var lingering = !inForce && lingerUntil !== null && e.event && e.start <= iso && e.end >= lingerUntil;
      if (inForce) visibleEvents[e.id] = true;
      var visible = inForce || lingering, shown = e.group.hasLayer(e.layer);
      if (visible && !shown) e.group.addLayer(e.layer);
      else if (!visible && shown) e.group.removeLayer(e.layer);
      if (e.event && e.layer.setStyle && e.lingering !== lingering) {
        e.layer.setStyle(lingering ? { opacity: 0.35, fillOpacity: 0.25 } : e.style);
        e.lingering = lingering;
      }
    });
    if (this.control) this.control.setDate(iso);
    this.showSideTitle(iso);
    if (this.presentCaption) this.showPresentCaption(iso);
    if (this.nowMark) this.nowMark.style.left = this.stripAt(iso) + "%";
    if (this.legendBody) this.updateLegend(iso);
    this.drawLabels(visibleEvents, +iso.slice(0, 4));
    this.slider.value = String(day - this.first);
    this.label.textContent = this.dayText(iso);
    this.label.setAttribute("datetime", iso);
    this.map.getContainer().setAttribute("data-atlas-date", iso);
    if (this.useHash) {
      document.documentElement.setAttribute("data-atlas-date", iso);
      var options = hashParts().slice(1);
      var hash = "#" + [iso].concat(options).join("&");
      if (window.location.hash !== hash) window.history.replaceState(null, "", hash);
    }
    if (this.onDate) this.onDate(iso);
  };

  /* Labels under the name the place then bore: the places of the day's events first, then the
   * reference towns (at every zoom), then, zoomed in to a region, every other town of the
   * catalogue, then the named rivers and lakes; a label that would overlap one placed before it
   * is left out. Regions (Anadolu, a front) are named in italics, and only for the day's events. */
  Atlas.prototype.drawLabels = function (visibleEvents, year) {
    var self = this, lang = this.config.lang, close = this.map.getZoom() >= LABEL_ALL_ZOOM;
    this.visibleEvents = visibleEvents;
    this.labels.clearLayers();
    var wanted = [];
    this.config.places.forEach(function (place) {
      var today = place.e.some(function (id) { return visibleEvents[id]; });
      var rank = today ? 0 : place.r ? 1 : close && place.e.length && !place.k ? 2 : -1;
      if (rank >= 0 && (!place.k || today)) wanted.push({ place: place, rank: rank });
    });
    wanted.sort(function (a, b) { return a.rank - b.rank; });
    // The named rivers and lakes last: a town's name matters more than the water's beside it.
    (this.shared.water_labels || []).forEach(function (water) {
      wanted.push({ place: { id: "water:" + water.name, lat: water.lat, lon: water.lon }, name: water.name, water: water.kind });
    });
    var placed = [];
    wanted.forEach(function (w) {
      var place = w.place, name = w.water ? w.name : periodName(place, year, lang);
      var kind = w.water ? "mm-label mm-label-water mm-label-" + w.water
        : "mm-label" + (w.rank === 1 ? " mm-label-ref" : "") + (place.k ? " mm-label-region" : "");
      var icon = L.divIcon({ className: kind, html: "", iconSize: null });
      // Labels never take a click: the areas, fronts and markers under them do. A place's own
      // popup opens from the search box.
      var marker = L.marker([place.lat, place.lon], { icon: icon, interactive: false, keyboard: false });
      marker.on("add", function () {
        var node = marker.getElement();
        node.textContent = name;
        node.setAttribute("data-place", place.id);
      });
      self.labels.addLayer(marker);
      var node = marker.getElement();
      if (!node) return;
      var box = node.getBoundingClientRect();
      var clash = placed.some(function (b) {
        return box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom;
      });
      if (clash) self.labels.removeLayer(marker); else placed.push(box);
    });
  };

  /* A place: the name it bore that year, today's name, its names in time, the events there, and
   * where its position comes from. */
  Atlas.prototype.placePopup = function (place, year) {
    var self = this, config = this.config, L10n = config.labels, box = el("div", "mm-popup mm-place-popup");
    box.appendChild(el("h3", null, periodName(place, year, config.lang)));
    field(box, L10n.place_today, place.m);
    var names = place.n.map(function (n) {
      var span = n[2] === null && n[3] === null ? "" : " (" + (n[2] === null ? "" : n[2]) + "–" + (n[3] === null ? "" : n[3]) + ")";
      return n[0] + span;
    });
    field(box, L10n.place_names, names.join(", "));
    var events = place.e.map(function (id) { return self.byId[id]; }).filter(Boolean)
      .map(function (e) { var p = e.layer.feature.properties; return p.title + " — " + p.when_label; });
    if (events.length) sourceList(box, L10n.place_events, events);
    sourceList(box, L10n.sources, [place.g ? "GeoNames " + place.g + " (geonames.org)" : "geo/places.yaml"]);
    return box;
  };

  Atlas.prototype.dayText = function (iso) {
    return MMDates.dayText(iso, this.config.months);
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

  Atlas.prototype.stepMonth = function (direction) {
    this.setDate(addMonths(this.current, direction));
  };

  /* Playback at the chosen speed (a month in 1, 3 or 10 s), a day per tick; it pauses at each
   * lecture stop when asked. */
  Atlas.prototype.togglePlay = function () {
    var self = this, L10n = this.config.labels;
    if (this.timer) {
      window.clearInterval(this.timer);
      this.timer = null;
      this.setDate(this.current);  // lingering events go
    } else {
      if (isoToDay(this.current) >= this.last) this.setDate(this.config.start);
      var tickMs = Math.round((this.playSeconds || this.config.playSpeed) * 1000 / 30);
      this.timer = window.setInterval(function () {
        var before = self.current, next = isoToDay(before) + 1, iso = dayToIso(next);
        var stop = self.pauseAtStops && self.config.stops.filter(function (s) { return s.date > before && s.date <= iso; })[0];
        self.setDate(iso);
        if (next >= self.last || stop) {
          self.togglePlay();
          if (stop) self.goToStop(self.config.stops.indexOf(stop));
        }
      }, tickMs);
    }
    this.playButton.textContent = this.timer ? "❚❚" : "▶";
    this.playButton.title = this.timer ? L10n.pause : L10n.play;
    this.playButton.setAttribute("aria-label", this.playButton.title);
  };

  /* Where a day sits on the timeline strip, as a percentage of its width. */
  Atlas.prototype.stripAt = function (iso) {
    return 100 * (isoToDay(iso) - this.first) / Math.max(1, this.last - this.first);
  };

  /* The strip under the slider: months and years marked, a tick per event coloured by its
   * category (a click goes to its day), the day shown; facts outside the period listed beside. */
  Atlas.prototype.buildStrip = function (box) {
    var self = this, config = this.config, L10n = config.labels;
    var strip = el("div", "mm-strip");
    strip.setAttribute("role", "group");
    strip.setAttribute("aria-label", L10n.timeline_strip);
    strip.title = L10n.timeline_strip;
    var month = config.start.slice(0, 7) + "-01";
    for (; month <= config.end; month = addMonths(month, 1)) {
      if (month < config.start) continue;
      var january = month.slice(5, 7) === "01";
      var mark = el("span", "mm-strip-month" + (january ? " mm-strip-year" : ""));
      mark.style.left = this.stripAt(month) + "%";
      if (january) mark.appendChild(el("span", "mm-strip-year-label", month.slice(0, 4)));
      strip.appendChild(mark);
    }
    this.eventIndex.forEach(function (e) {
      var p = e.props;
      if (p.start < config.start || p.start > config.end) return;
      var tick = el("span", "mm-tick");
      tick.style.left = self.stripAt(p.start) + "%";
      tick.style.background = config.categories[p.category].colour;
      tick.title = p.title + " — " + p.when_label;
      tick.setAttribute("data-event", p.id);
      tick.addEventListener("click", function () { self.setDate(p.start); });
      strip.appendChild(tick);
    });
    this.nowMark = el("span", "mm-strip-now");
    strip.appendChild(this.nowMark);
    box.appendChild(strip);
    if (config.outside.length) {
      var more = el("details", "mm-outside");
      more.appendChild(el("summary", null, L10n.outside_period.replace("{}", String(config.outside.length))));
      var list = el("ul");
      config.outside.forEach(function (o) { list.appendChild(el("li", null, o.when + ": " + o.title)); });
      more.appendChild(list);
      box.appendChild(more);
    }
  };

  Atlas.prototype.buildPlayOptions = function (box) {
    var self = this, config = this.config, L10n = config.labels;
    var speed = el("select", "mm-speed");
    speed.setAttribute("aria-label", L10n.play_speed);
    speed.title = L10n.play_speed;
    config.playSpeeds.forEach(function (seconds) {
      var option = el("option", null, L10n.seconds.replace("{}", String(seconds)));
      option.value = String(seconds);
      option.selected = seconds === config.playSpeed;
      speed.appendChild(option);
    });
    speed.addEventListener("change", function () {
      self.playSeconds = Number(speed.value);
      if (self.timer) { self.togglePlay(); self.togglePlay(); }
    });
    box.appendChild(speed);
    if (config.stops.length) {
      var label = el("label", "mm-pause-stops");
      var check = el("input");
      check.type = "checkbox";
      check.addEventListener("change", function () { self.pauseAtStops = check.checked; });
      label.appendChild(check);
      label.appendChild(document.createTextNode(" " + L10n.pause_at_stops));
      box.appendChild(label);
    }
  };

  Atlas.prototype.buildTimeControl = function () {
    var self = this, L10n = this.config.labels;
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "mm-time leaflet-bar" + (self.config.compact ? " mm-compact" : ""));
      self.timeBox = box;
      button(box, "«", L10n.prev_event, function () { self.step(-1); });
      button(box, "‹", L10n.prev_month, function () { self.stepMonth(-1); });
      self.playButton = button(box, "▶", L10n.play, function () { self.togglePlay(); });
      button(box, "›", L10n.next_month, function () { self.stepMonth(1); });
      button(box, "»", L10n.next_event, function () { self.step(1); });
      self.slider = el("input", "mm-slider");
      self.slider.type = "range";
      self.slider.min = "0";
      self.slider.max = String(self.last - self.first);
      self.slider.step = "1";
      self.slider.setAttribute("aria-label", L10n.slider);
      self.slider.title = L10n.keys;
      self.slider.addEventListener("input", function () {
        self.setDate(dayToIso(self.first + Number(self.slider.value)));
      });
      var track = el("div", "mm-track");
      track.appendChild(self.slider);
      if (!self.config.compact) self.buildStrip(track);
      box.appendChild(track);
      self.label = el("time", "mm-date");
      box.appendChild(self.label);
      if (!self.config.compact) self.buildPlayOptions(box);
      return quiet(box);
    };
    control.addTo(this.map);
  };

  /* ←/→ step to the previous or next event (Shift: a month), Space plays. Caught before
   * Leaflet's own keyboard handler, so the map does not pan as well. Embedded in a slide deck
   * (`#…&embed`), the page leaves every key to the deck unless the reader is in the time control. */
  function dateKeys(event, atlas, within) {
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey || event.altKey) return false;
    if (within && !within.contains(event.target)) return false;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var direction = event.key === "ArrowRight" ? 1 : -1;
      if (event.shiftKey) atlas.stepMonth(direction); else atlas.step(direction);
    } else if (event.key === " " && !within) {
      atlas.togglePlay();
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  Atlas.prototype.listenToKeys = function () {
    var self = this;
    if (!this.useHash) return;  // two atlases on one page: Compare listens for both
    document.addEventListener("keydown", function (event) {
      var embedded = hashParts().indexOf("embed") > 0;
      dateKeys(event, self, embedded ? self.timeBox : null);
    }, true);
  };

  /* The layer list, grouped under headings; folded to a button until pointed at. */
  Atlas.prototype.buildLayerControl = function () {
    var self = this, config = this.config;
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var box = el("div", "mm-layers leaflet-bar");
      var toggle = button(box, "☰ " + config.labels.layers, config.labels.layers, function () {
        box.classList.toggle("mm-open");
      }, "mm-layers-toggle");
      toggle.setAttribute("aria-haspopup", "true");
      box.addEventListener("mouseenter", function () { box.classList.add("mm-open"); });
      box.addEventListener("mouseleave", function () { box.classList.remove("mm-open"); });
      var panel = el("div", "mm-layers-panel");
      config.groups.forEach(function (group) {
        var section = el("fieldset", "mm-layer-group");
        section.setAttribute("data-group", group.key);
        section.appendChild(el("legend", null, group.label));
        config.layers.forEach(function (meta) {
          if (meta.group !== group.key) return;
          section.appendChild(self.checkbox(meta.key, meta.label, meta.show, function (on) { self.showLayer(meta.key, on); }));
        });
        if (group.key === "base") {
          section.appendChild(self.checkbox("labels", config.labels.layer_labels, true, function (on) { self.showLayer("labels", on); }));
          section.appendChild(self.checkbox("relief", config.labels.layer_relief, false, function (on) { self.showRelief(on); }));
        }
        if (section.children.length > 1) panel.appendChild(section);
      });
      box.appendChild(panel);
      return quiet(box);
    };
    control.addTo(this.map);
  };

  Atlas.prototype.checkbox = function (key, text, checked, action) {
    var row = el("label", "mm-layer");
    var input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.setAttribute("data-layer", key);
    input.addEventListener("change", function () { action(input.checked); });
    row.appendChild(input);
    row.appendChild(el("span", null, text));
    return row;
  };

  Atlas.prototype.showLayer = function (key, on) {
    var layer = key === "labels" ? this.labels : (this.layers[key] && this.layers[key].layer);
    if (!layer) return;
    if (on && !this.map.hasLayer(layer)) this.map.addLayer(layer);
    if (!on && this.map.hasLayer(layer)) this.map.removeLayer(layer);
    var input = this.map.getContainer().querySelector('input[data-layer="' + key + '"]');
    if (input) input.checked = on;
  };

  /* The online relief is created only when asked for: offline, nothing is ever requested. */
  Atlas.prototype.showRelief = function (on) {
    if (on && !this.relief) {
      var r = this.config.relief;
      this.relief = L.tileLayer(r.url, { attribution: r.attribution, maxZoom: r.maxZoom, opacity: 0.55 });
    }
    if (!this.relief) return;
    if (on) { this.relief.addTo(this.map); this.relief.bringToBack(); } else this.map.removeLayer(this.relief);
  };

  /* Which layers a lecture stop shows: 'events' stands for every category, 'fronts' for all. */
  Atlas.prototype.applyLayerKeys = function (keys) {
    var self = this;
    Object.keys(this.layers).forEach(function (key) {
      var wanted = keys.indexOf(key) >= 0 || (key.indexOf("events-") === 0 && keys.indexOf("events") >= 0);
      self.showLayer(key, wanted);
    });
    this.showLayer("labels", keys.indexOf("labels") >= 0);
  };

  /* The search box: a combobox over a listbox of places and events; ↓/↑ move, Enter opens. */
  Atlas.prototype.buildSearch = function () {
    var self = this, config = this.config;
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var box = el("div", "mm-search leaflet-bar");
      var input = el("input", "mm-search-input");
      input.type = "search";
      input.placeholder = config.labels.search;
      input.setAttribute("aria-label", config.labels.search);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      var results = el("ul", "mm-search-results");
      results.id = "mm-search-results-" + L.stamp(self);
      results.setAttribute("role", "listbox");
      results.setAttribute("aria-label", config.labels.search);
      input.setAttribute("aria-controls", results.id);
      self.searchInput = input;
      input.addEventListener("input", function () { self.showResults(input.value, results); });
      input.addEventListener("keydown", function (event) {
        var options = results.querySelectorAll("[role=option]");
        if (!options.length) return;
        var now = Array.prototype.indexOf.call(options, results.querySelector("[aria-selected=true]"));
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          var next = event.key === "ArrowDown" ? Math.min(options.length - 1, now + 1) : Math.max(0, now - 1);
          self.selectOption(input, options, next);
          event.preventDefault();
        } else if (event.key === "Enter") {
          options[Math.max(0, now)].onclick();
          event.preventDefault();
        }
      });
      box.appendChild(input);
      box.appendChild(results);
      return quiet(box);
    };
    control.addTo(this.map);
  };

  Atlas.prototype.selectOption = function (input, options, index) {
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  };

  /* Places before events; within each, the whole name, then the start of a word, then inside. */
  Atlas.prototype.search = function (text) {
    var query = MMNames.fold(text, this.config.caseSuffixes), found = [], year = +this.current.slice(0, 4), lang = this.config.lang;
    if (query.length < 2) return found;
    function best(texts) {
      var ranks = texts.map(function (t) { return MMNames.matchRank(query, t); }).filter(function (r) { return r >= 0; });
      return ranks.length ? Math.min.apply(null, ranks) : -1;
    }
    this.config.places.forEach(function (p) {
      var rank = best(p.n.map(function (n) { return n[0]; }).concat(p.m ? [p.m] : []));
      if (rank < 0) return;
      var name = periodName(p, year, lang);
      // The modern name, unless it only repeats the period one ("Arpaçay (Kars)" for Arpaçay).
      var text = !p.m ? name : p.m.indexOf(name) === 0 ? p.m : name + " (" + p.m + ")";
      found.push({ kind: "place", rank: rank, item: p, text: text });
    });
    this.eventIndex.forEach(function (e) {
      var p = e.props, rank = best([p.title, p.other || ""]);
      if (rank < 0) return;
      var at = e.layer.getBounds ? e.layer.getBounds().getCenter() : e.layer.getLatLng();
      found.push({ kind: "event", rank: 3 + rank, item: { id: p.id, s: p.start, lat: at.lat, lon: at.lng }, text: p.title + " — " + p.when_label });
    });
    found.sort(function (a, b) { return a.rank - b.rank || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0); });
    return found.slice(0, 12);
  };

  Atlas.prototype.showResults = function (text, list) {
    var self = this;
    while (list.firstChild) list.removeChild(list.firstChild);
    var found = this.search(text);
    if (!found.length && MMNames.fold(text, this.config.caseSuffixes).length >= 2) list.appendChild(el("li", "mm-none", this.config.labels.no_results));
    found.forEach(function (r, i) {
      var li = el("li", "mm-result mm-result-" + r.kind, r.text);
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.onclick = function () { self.goTo(r); };
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus in the box
      list.appendChild(li);
    });
    if (this.searchInput) {
      this.searchInput.setAttribute("aria-expanded", found.length ? "true" : "false");
      this.searchInput.removeAttribute("aria-activedescendant");
    }
  };

  Atlas.prototype.goTo = function (result) {
    var item = result.item;
    this.map.closePopup();  // the popup of the previous choice must not stay open
    if (result.kind === "event") this.setDate(item.s);
    this.map.setView([item.lat, item.lon], Math.max(this.map.getZoom(), 7));
    if (result.kind === "place") {
      L.popup({ maxWidth: 360 }).setLatLng([item.lat, item.lon])
        .setContent(this.placePopup(item, +this.current.slice(0, 4))).openOn(this.map);
    }
    if (result.kind === "event" && this.byId[item.id]) {
      var entry = this.byId[item.id];
      if (!this.map.hasLayer(entry.group)) this.map.addLayer(entry.group);
      entry.layer.openPopup([item.lat, item.lon]);
    }
  };

  Atlas.prototype.buildStops = function () {
    var self = this, config = this.config, L10n = config.labels;
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var box = el("div", "mm-stops leaflet-bar");
      var head = el("div", "mm-stops-head");
      head.appendChild(el("b", null, L10n.stops));
      button(head, "‹", L10n.prev_stop, function () { self.goToStop(self.stopIndex - 1); });
      self.stopSelect = el("select", "mm-stop-select");
      self.stopSelect.setAttribute("aria-label", L10n.stops);
      var none = el("option", null, L10n.choose_stop);
      none.value = "-1";
      none.disabled = true;
      none.selected = true;
      self.stopSelect.appendChild(none);
      config.stops.forEach(function (stop, i) {
        var option = el("option", null, (i + 1) + ". " + stop.title);
        option.value = String(i);
        self.stopSelect.appendChild(option);
      });
      self.stopSelect.addEventListener("change", function () { self.goToStop(Number(self.stopSelect.value)); });
      head.appendChild(self.stopSelect);
      button(head, "›", L10n.next_stop, function () { self.goToStop(self.stopIndex + 1); });
      box.appendChild(head);
      self.caption = el("p", "mm-caption");
      box.appendChild(self.caption);
      return quiet(box);
    };
    this.stopIndex = -1;
    control.addTo(this.map);
  };

  Atlas.prototype.goToStop = function (index) {
    var stops = this.config.stops;
    if (index < 0 || index >= stops.length) return;
    var stop = stops[index];
    this.stopIndex = index;
    this.stopSelect.value = String(index);
    this.caption.textContent = stop.caption;
    this.applyLayerKeys(stop.layers);
    this.map.setView([stop.lat, stop.lon], stop.zoom, { animate: false });
    this.setDate(stop.date);
    this.map.getContainer().setAttribute("data-atlas-stop", stop.id);
  };

  /* The legend of what is on the map that day: the holders of the areas shown, the outlines
   * (claims, treaty zones, lines), fronts, routes and event categories drawn, and the faint
   * rule only when something faint is drawn. Folded at first on narrow screens and half pages. */
  Atlas.prototype.buildLegend = function () {
    var self = this, config = this.config;
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var folded = config.compact || window.innerWidth < 1280;
      var box = el("div", "mm-legend leaflet-bar" + (folded ? " mm-folded" : ""));
      var head = el("button", "mm-legend-head", config.labels.legend);
      head.type = "button";
      head.setAttribute("aria-expanded", folded ? "false" : "true");
      head.addEventListener("click", function () {
        box.classList.toggle("mm-folded");
        head.setAttribute("aria-expanded", box.classList.contains("mm-folded") ? "false" : "true");
      });
      box.appendChild(head);
      self.legendBody = el("div", "mm-legend-body");
      box.appendChild(self.legendBody);
      return quiet(box);
    };
    control.addTo(this.map);
  };

  Atlas.prototype.updateLegend = function (iso) {
    var self = this, config = this.config, L10n = config.labels, body = this.legendBody;
    var holders = {}, kinds = {}, categories = {}, fronts = false, faint = false, journeys = false;
    if (this.control && this.layers.control && this.map.hasLayer(this.layers.control.layer)) {
      this.control.data.cells.forEach(function (cell, index) {
        var spell = self.control.spell(index, iso);
        if (!spell) return;
        holders[spell.h] = true;
        if (spell.f && iso <= spell.f) faint = true;
      });
    }
    Object.keys(this.control ? this.control.fronts : {}).forEach(function (theatre) {
      var line = self.control.fronts[theatre];
      if (self.map.hasLayer(line) && line.getLatLngs().length) fronts = true;
    });
    this.entries.forEach(function (e) {
      if (!e.layer.feature || !self.map.hasLayer(e.group) || !e.group.hasLayer(e.layer)) return;
      var p = e.layer.feature.properties;
      if (p.faint) faint = true;
      if (p.layer === "territory") kinds[p.kind] = p.holder;
      else if (p.layer === "front") fronts = true;
      else if (p.layer === "event") {
        categories[p.category] = true;
        if (e.layer.feature.geometry.type === "LineString") journeys = true;
      }
    });
    while (body.firstChild) body.removeChild(body.firstChild);
    function row(swatch, text) {
      var line = el("div", "mm-legend-row");
      line.appendChild(swatch);
      line.appendChild(el("span", null, text));
      body.appendChild(line);
    }
    function area(colour) { var s = el("span", "mm-swatch"); s.style.background = colour; return s; }
    function stroke(dash, width) {  // the line as the map draws it, dashes included
      var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
      svg.setAttribute("class", "mm-swatch-line");
      svg.setAttribute("width", "26");
      svg.setAttribute("height", "10");
      svg.setAttribute("aria-hidden", "true");
      var line = document.createElementNS(ns, "line");
      [["x1", "0"], ["y1", "5"], ["x2", "26"], ["y2", "5"], ["stroke", "#333"], ["stroke-width", String(width)]]
        .forEach(function (a) { line.setAttribute(a[0], a[1]); });
      if (dash) line.setAttribute("stroke-dasharray", dash);
      svg.appendChild(line);
      return svg;
    }
    Object.keys(config.holders).forEach(function (code) {
      if (holders[code]) row(area(config.holders[code].fill), config.holders[code].label);
    });
    ["claim", "treaty_zone", "line"].forEach(function (kind) {
      if (!(kind in kinds)) return;
      var outline = config.outlines[kind];
      row(stroke(outline.dash, outline.weight), config.kinds[kind]);
    });
    if (fronts) row(stroke(null, 4), L10n.layer_fronts);
    if (journeys) row(stroke(null, 3), config.categories.journey.label + " →");
    Object.keys(config.categories).forEach(function (c) {
      if (!categories[c] || c === "journey") return;
      var dot = el("span", "mm-swatch mm-swatch-circle");
      dot.style.background = config.categories[c].colour;
      row(dot, config.categories[c].label);
    });
    if (faint) body.appendChild(el("p", "mm-legend-note", L10n.legend_fuzzy));
  };

  /* Two atlases side by side: one pan and zoom, two dates, both in the URL (#A/B). */
  function Compare(left, right, defaults) {
    var self = this;
    this.left = left;
    this.right = right;
    this.defaults = defaults;
    var syncing = false;
    function follow(from, to) {
      from.map.on("move", function () {
        if (syncing) return;
        syncing = true;
        to.map.setView(from.map.getCenter(), from.map.getZoom(), { animate: false });
        syncing = false;
      });
    }
    follow(left, right);
    follow(right, left);
    left.onDate = right.onDate = function () { self.writeHash(); };
    // ←/→ and Space act on the side last pointed at or focused (the left one at first).
    this.active = left;
    [left, right].forEach(function (side) {
      ["mousedown", "focusin", "touchstart"].forEach(function (kind) {
        side.map.getContainer().addEventListener(kind, function () { self.active = side; }, { passive: true });
      });
    });
    document.addEventListener("keydown", function (event) { dateKeys(event, self.active, null); }, true);
    window.addEventListener("hashchange", function () { self.readHash(); });
    this.readHash();
    document.documentElement.setAttribute("data-compare-ready", "true");
  }

  Compare.prototype.readHash = function () {
    var parts = decodeURIComponent(window.location.hash.replace(/^#/, "")).split("/");
    var a = ISO_DAY.test(parts[0] || "") ? parts[0] : this.defaults[0];
    var b = ISO_DAY.test(parts[1] || "") ? parts[1] : this.defaults[1];
    if (this.left.current !== a) this.left.setDate(a);
    if (this.right.current !== b) this.right.setDate(b);
    this.writeHash();
  };

  Compare.prototype.writeHash = function () {
    if (!this.left.current || !this.right.current) return;
    var hash = this.left.current + "/" + this.right.current;
    document.documentElement.setAttribute("data-compare", hash);
    if (window.location.hash.replace(/^#/, "") !== hash) window.history.replaceState(null, "", "#" + hash);
  };

  window.MMAtlas = {
    start: function (map, config, data, shared) {
      var first = (window.MMAtlas.all || [])[0];
      // One main landmark with the page's title as its heading, the maps inside it: what screen
      // readers and their users navigate by.
      var main = document.getElementById("mm-main");
      if (!main) {
        main = el("main");
        main.id = "mm-main";
        var heading = el("h1", "mm-visually-hidden", document.title);
        main.appendChild(heading);
        document.body.insertBefore(main, document.body.firstChild);
      }
      main.appendChild(map.getContainer());
      map.getContainer().setAttribute("aria-label", config.compare ? config.labels.date + " " + (first ? 2 : 1) : document.title);
      map.invalidateSize();
      // The comparison page carries its data once: the second atlas is given null and reuses it.
      var atlas = new Atlas(map, config, data || first.data, shared || first.shared);
      window.MMAtlas.instance = window.MMAtlas.instance || atlas;
      window.MMAtlas.all = (window.MMAtlas.all || []).concat([atlas]);
      if (config.compare && window.MMAtlas.all.length === 2) {
        window.MMAtlas.compare = new Compare(window.MMAtlas.all[0], window.MMAtlas.all[1], config.compare);
      }
      return atlas;
    },
    fold: function (text) { return MMNames.fold(text, (window.MMAtlas.instance || {config: {}}).config.caseSuffixes); }
  };
})();
