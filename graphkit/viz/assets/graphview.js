/* graphkit graph view: the drawing shared by `graphkit viz` pages and the explorer.
 *
 * GraphkitView.mount(root, data, hooks) builds the toolbar (search, year
 * filter, freeze, show all), the drawing, the legend by family and the details
 * panel inside `root`, and returns an object to drive it. `data` is what
 * graphkit.viz.data.graph_data returns. Labels are placed so that none overlaps
 * another at the current zoom (the most central entities first); zooming in
 * shows more. Every string that comes from the graph is put into the page with
 * textContent or as an attribute value through the DOM, never parsed as HTML.
 */
(function () {
  "use strict";

  var SYMBOLS = {
    dot: "\u25CF", square: "\u25A0", diamond: "\u25C6", triangle: "\u25B2",
    triangleDown: "\u25BC", star: "\u2605", hexagon: "\u2B22"
  };
  var MEASURES = {
    degree: "degree centrality",
    betweenness: "betweenness centrality",
    documents: "number of documents that mention the entity"
  };
  var MAX_LIST = 8;
  var NODE_LABEL_PX = 13;   // on-screen size of entity labels
  var EDGE_LABEL_PX = 11;   // on-screen size of relation labels
  var EDGE_LABEL_SCALE = 1.4;
  var FEW_EDGES = 40;        // small views label their relations too (where the labels fit)
  var TOP_LABELS = 12;
  var LABEL_GAP = 3;        // pixels kept free between two labels      // the most central entities are labelled even over other shapes // zoom from which relation labels are shown without a selection

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function shorten(s, n) {
    s = String(s);
    return s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
  }
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function plural(n, word, many) { return n + " " + (n === 1 ? word : (many || word + "s")); }
  function rows(pairs) {
    var dl = el("dl", "gk-rows");
    pairs.forEach(function (p) {
      dl.appendChild(el("dt", null, p[0]));
      dl.appendChild(el("dd", null, p[1]));
    });
    return dl;
  }
  function list(items, limit) {
    var ul = el("ul", "gk-list");
    items.slice(0, limit).forEach(function (t) { ul.appendChild(el("li", null, t)); });
    if (items.length > limit) {
      ul.appendChild(el("li", "gk-muted", "and " + (items.length - limit) + " more"));
    }
    return ul;
  }
  function quoteBlock(q) {
    var b = el("blockquote", "gk-quote");
    b.appendChild(el("span", "gk-quote-text", "\u201C" + q.text + "\u201D"));
    if (q.document) { b.appendChild(el("cite", "gk-cite", q.document)); }
    return b;
  }
  function button(id, text, cls) {
    var b = el("button", cls || null, text);
    b.type = "button";
    if (id) { b.id = id; }
    return b;
  }

  // The toolbar, drawing, legend and details, built once per mount.
  function skeleton(root) {
    var bar = el("div", "gk-toolbar");
    bar.setAttribute("role", "search");
    var findLabel = el("label", null, "Find");
    findLabel.htmlFor = "gk-search";
    var search = el("input");
    search.id = "gk-search";
    search.type = "search";
    search.autocomplete = "off";
    search.placeholder = "Name or alias, then Enter";
    search.setAttribute("list", "gk-names");
    var names = el("datalist");
    names.id = "gk-names";
    var yearLabel = el("label", null, "Year");
    yearLabel.htmlFor = "gk-year";
    var year = el("select");
    year.id = "gk-year";
    var all = el("option", null, "All years");
    all.value = "";
    year.appendChild(all);
    var freeze = button("gk-freeze", "Freeze layout");
    freeze.setAttribute("aria-pressed", "false");
    var status = el("output", null, "Laying out the graph\u2026");
    status.id = "gk-status";
    status.setAttribute("aria-live", "polite");
    [findLabel, search, names, button("gk-search-go", "Find"), yearLabel, year, freeze,
     button("gk-fit", "Fit"), button("gk-reset", "Show all"), status].forEach(function (x) { bar.appendChild(x); });

    var main = el("div", "gk-main");
    var net = el("div");
    net.id = "gk-network";
    net.setAttribute("aria-label", "Graph drawing");
    var side = el("aside", "gk-side");
    var legend = el("section");
    legend.id = "gk-legend";
    legend.setAttribute("aria-label", "Legend");
    legend.appendChild(el("h2", null, "Legend"));
    var fams = el("ul");
    fams.id = "gk-families";
    legend.appendChild(fams);
    var note = el("p");
    note.id = "gk-legend-note";
    legend.appendChild(note);
    var details = el("section");
    details.id = "gk-details";
    details.setAttribute("aria-live", "polite");
    details.appendChild(el("h2", null, "Details"));
    details.appendChild(el("p", "gk-hint",
      "Hover over an entity or a relation for a summary; click it to zoom in and see its evidence here."));
    side.appendChild(legend);
    side.appendChild(details);
    main.appendChild(net);
    main.appendChild(side);
    root.appendChild(bar);
    root.appendChild(main);
  }

  function mount(root, data, hooks) {
    hooks = hooks || {};
    skeleton(root);
    var $ = function (id) { return root.querySelector("#" + id); };
    var familyStyle = {};
    data.families.forEach(function (f) { familyStyle[f.key] = f; });
    var nodeById = {};
    data.nodes.forEach(function (n) { nodeById[n.id] = n; });
    var edgeById = {};
    data.edges.forEach(function (e) { edgeById[e.id] = e; });
    var statusEl = $("gk-status");
    var detailsEl = $("gk-details");
    function setStatus(text) { statusEl.textContent = text; }

    // -------------------------------------------------------------- content
    function nodeContent(n, cls, full) {
      var box = el("div", cls);
      box.appendChild(el("div", "gk-d-title", n.label));
      box.appendChild(el("div", "gk-d-type", n.type));
      var pairs = [];
      if (n.aliases.length) { pairs.push(["also known as", n.aliases.join("; ")]); }
      n.attrs.forEach(function (a) { pairs.push(full ? a : [a[0], shorten(a[1], 160)]); });
      if (pairs.length) { box.appendChild(rows(pairs)); }
      if (n.quotes.length) {
        box.appendChild(el("div", "gk-sub", n.quotes.length === 1 ? "Quote" : "Quotes"));
        n.quotes.slice(0, full ? 1000 : 2).forEach(function (q) { box.appendChild(quoteBlock(q)); });
      }
      if (n.documents.length) {
        box.appendChild(el("div", "gk-sub", "Mentioned in " + plural(n.documents.length, "document")));
        box.appendChild(list(n.documents, full ? 1000 : MAX_LIST));
      }
      if (full) { box.appendChild(el("div", "gk-d-iri", n.id)); }
      return box;
    }
    function edgeContent(e, cls, full) {
      var box = el("div", cls);
      box.appendChild(el("div", "gk-d-title", e.label));
      var src = nodeById[e.from], dst = nodeById[e.to];
      box.appendChild(el("div", "gk-d-type", src.label + " \u2192 " + dst.label));
      var pairs = [["supported by", plural(e.support, "document")]];
      e.attrs.forEach(function (a) { pairs.push(a); });
      box.appendChild(rows(pairs));
      if (e.quotes.length) {
        box.appendChild(el("div", "gk-sub", e.quotes.length === 1 ? "Quote" : "Quotes"));
        var limit = full ? 1000 : 4;
        e.quotes.slice(0, limit).forEach(function (q) { box.appendChild(quoteBlock(q)); });
        if (e.quotes.length > limit) {
          box.appendChild(el("div", "gk-muted", "and " + (e.quotes.length - limit) + " more"));
        }
      } else if (e.documents.length) {
        box.appendChild(el("div", "gk-sub", "Documents"));
        box.appendChild(list(e.documents, full ? 1000 : MAX_LIST));
      }
      if (full && e.predicate) { box.appendChild(el("div", "gk-d-iri", e.predicate)); }
      return box;
    }

    // -------------------------------------------------------------- vis data
    var yearsPresent = {};
    data.nodes.forEach(function (n) { n.years.forEach(function (y) { yearsPresent[y] = true; }); });
    data.edges.forEach(function (e) { e.years.forEach(function (y) { yearsPresent[y] = true; }); });

    var dimmed = {};
    function nodeColor(n) {
      var f = familyStyle[n.family];
      var dim = !!dimmed[n.id];
      var color = dim ? "#e4e7eb" : f.color;
      return {
        color: { background: color, border: dim ? "#cbd2d9" : "#1f2933",
                 highlight: { background: color, border: "#000000" },
                 hover: { background: color, border: "#000000" } },
        font: { color: dim ? "#b0b8c1" : "#1f2933" }
      };
    }
    function edgeColor(e, dim) {
      return dim ? { color: "#eef1f4", opacity: 1 } : { color: "#9aa5b1", highlight: "#34495e", hover: "#34495e" };
    }

    var visNodes = new vis.DataSet(data.nodes.map(function (n) {
      var o = nodeColor(n);
      o.id = n.id;
      o.shape = familyStyle[n.family].shape;
      o.value = n.value;
      o.label = "";
      o.title = nodeContent(n, "gk-tip", false);
      return o;
    }));
    var visEdges = new vis.DataSet(data.edges.map(function (e) {
      return {
        id: e.id, from: e.from, to: e.to, label: "",
        color: edgeColor(e, false),
        width: 1 + Math.min(e.support, 6) * 0.5,
        smooth: e.smooth,
        title: edgeContent(e, "gk-tip", false)
      };
    }));

    var container = $("gk-network");
    var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, data.options);

    // -------------------------------------------------------------- labels
    // Labels are drawn at a fixed size on screen and placed greedily, most
    // central first, so that no two overlap; the rest appear as you zoom in.
    var measureCtx = document.createElement("canvas").getContext("2d");
    var nodeLabelOn = {}, edgeLabelOn = {};
    var forced = {};          // ids whose label is wanted whatever the ranking (selection)
    var highlighted = null;
    var selectedEdge = null;
    var visibleNodes = {}, visibleEdges = {};
    function overlaps(b, boxes) {
      for (var i = 0; i < boxes.length; i += 1) {
        var o = boxes[i];
        var m = LABEL_GAP;
        if (b.x0 - m < o.x1 && o.x0 < b.x1 + m && b.y0 - m < o.y1 && o.y0 < b.y1 + m) { return true; }
      }
      return false;
    }
    function placeLabels() {
      var s = network.getScale();
      var w = container.clientWidth, h = container.clientHeight;
      var nodeFont = NODE_LABEL_PX / s, edgeFont = EDGE_LABEL_PX / s;
      var boxes = [];
      var ids = data.nodes.filter(function (n) { return visibleNodes[n.id] && !dimmed[n.id]; });
      ids.sort(function (a, b) {
        return (forced[b.id] ? 1 : 0) - (forced[a.id] ? 1 : 0) || b.value - a.value ||
          (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
      });
      var pos = network.getPositions(ids.map(function (n) { return n.id; }));
      measureCtx.font = NODE_LABEL_PX + "px system-ui, sans-serif";
      var nextNodes = {};
      function radiusOf(id) {
        var body = network.body.nodes[id];
        return (body && body.shape && (body.shape.radius || body.shape.height / 2)) || 10;
      }
      // Shapes are obstacles too, except for the most central entities,
      // whose labels always show when they fit among the other labels.
      var shapes = [];
      ids.forEach(function (n) {
        var p = network.canvasToDOM(pos[n.id]);
        var r = radiusOf(n.id) * s * 0.8;
        shapes.push({ x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r });
      });
      ids.forEach(function (n, index) {
        var p = network.canvasToDOM(pos[n.id]);
        var radius = radiusOf(n.id);
        var text = shorten(n.label, data.max_label);
        var tw = measureCtx.measureText(text).width + 6;
        var top = p.y + radius * s + 2;
        var b = { x0: p.x - tw / 2, x1: p.x + tw / 2, y0: top, y1: top + NODE_LABEL_PX * 1.3 };
        var onScreen = b.x0 >= 0 && b.x1 <= w && b.y0 >= 0 && b.y1 <= h;
        var free = !overlaps(b, boxes) && (index < TOP_LABELS || !overlaps(b, shapes));
        if (onScreen && (forced[n.id] || free)) {
          boxes.push(b);
          nextNodes[n.id] = text;
        }
      });
      var edges = data.edges.filter(function (e) {
        if (!visibleEdges[e.id]) { return false; }
        if (selectedEdge === e.id) { return true; }
        if (highlighted !== null) { return e.from === highlighted || e.to === highlighted; }
        return s >= EDGE_LABEL_SCALE || (api.shown && api.shown.edges <= FEW_EDGES);
      });
      var epos = network.getPositions();
      measureCtx.font = EDGE_LABEL_PX + "px system-ui, sans-serif";
      var nextEdges = {};
      edges.forEach(function (e) {
        var a = epos[e.from], c = epos[e.to];
        if (!a || !c) { return; }
        var p = network.canvasToDOM({ x: (a.x + c.x) / 2, y: (a.y + c.y) / 2 });
        var text = shorten(e.label, data.max_label);
        var tw = measureCtx.measureText(text).width + 10;
        var b = { x0: p.x - tw / 2, x1: p.x + tw / 2, y0: p.y - EDGE_LABEL_PX * 0.8, y1: p.y + EDGE_LABEL_PX * 0.8 };
        if (selectedEdge === e.id || !overlaps(b, boxes)) {
          boxes.push(b);
          nextEdges[e.id] = text;
        }
      });
      var nu = [], eu = [];
      data.nodes.forEach(function (n) {
        var want = nextNodes[n.id] || "";
        if ((nodeLabelOn[n.id] || "") !== want || api.fontScale !== s) {
          nu.push({ id: n.id, label: want, font: { size: nodeFont } });
        }
      });
      data.edges.forEach(function (e) {
        var want = nextEdges[e.id] || "";
        if ((edgeLabelOn[e.id] || "") !== want || api.fontScale !== s) {
          eu.push({ id: e.id, label: want, font: { size: edgeFont } });
        }
      });
      nodeLabelOn = nextNodes;
      edgeLabelOn = nextEdges;
      api.fontScale = s;
      if (nu.length) { visNodes.update(nu); }
      if (eu.length) { visEdges.update(eu); }
      api.labels = { nodes: Object.keys(nextNodes).length, edges: Object.keys(nextEdges).length };
    }
    var labelTimer = null;
    function scheduleLabels() {
      if (labelTimer !== null) { clearTimeout(labelTimer); }
      labelTimer = setTimeout(function () { labelTimer = null; if (api.ready) { placeLabels(); } }, 90);
    }
    network.on("zoom", scheduleLabels);
    network.on("dragEnd", scheduleLabels);
    network.on("animationFinished", scheduleLabels);
    network.on("resize", scheduleLabels);

    // -------------------------------------------------------------- legend
    var familyOn = {};
    var famEl = $("gk-families");
    data.families.forEach(function (f) {
      familyOn[f.key] = true;
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = f.key;
      box.className = "gk-family-filter";
      box.addEventListener("change", function () { familyOn[f.key] = box.checked; applyFilters(true); });
      var sw = el("span", "gk-swatch", SYMBOLS[f.shape] || "\u25CF");
      sw.style.color = f.color;
      sw.setAttribute("aria-hidden", "true");
      label.appendChild(box);
      label.appendChild(sw);
      label.appendChild(el("span", "gk-family-name", f.name));
      label.appendChild(el("span", "gk-count", "(" + f.count + ")"));
      li.appendChild(label);
      li.appendChild(el("div", "gk-family-types", f.types.join(", ")));
      famEl.appendChild(li);
    });
    $("gk-legend-note").textContent =
      "Colour and shape show the family (untick to hide). Size: " +
      (MEASURES[data.size_by] || data.size_by) + ". Arrows point from subject to object; " +
      "thicker lines are supported by more documents. Zoom in for more labels." +
      (data.folded ? " " + plural(data.folded, "record") + " (award conferrals, roles held, quotations) " +
        (data.folded === 1 ? "is" : "are") + " drawn as the relations they describe." : "");

    // -------------------------------------------------------------- search list
    var names = $("gk-names");
    var seenName = {};
    data.nodes.forEach(function (n) {
      [n.label].concat(n.aliases).forEach(function (s) {
        if (seenName[s]) { return; }
        seenName[s] = true;
        var o = el("option");
        o.value = s;
        names.appendChild(o);
      });
    });

    // -------------------------------------------------------------- filters
    var yearSel = $("gk-year");
    Object.keys(yearsPresent).map(Number).sort(function (a, b) { return a - b; }).forEach(function (y) {
      var o = el("option", null, String(y));
      o.value = String(y);
      yearSel.appendChild(o);
    });
    yearSel.disabled = yearSel.options.length <= 1;
    yearSel.addEventListener("change", function () { applyFilters(true); });

    function fitVisible() {
      var ids = data.nodes.filter(function (n) { return visibleNodes[n.id]; }).map(function (n) { return n.id; });
      if (ids.length) { network.fit({ nodes: ids, maxZoomLevel: 1.6, animation: { duration: 300, easingFunction: "easeInOutQuad" } }); }
    }
    function applyFilters(refit) {
      var year = yearSel.value ? Number(yearSel.value) : null;
      var keep = {};
      var edgeKeep = {};
      data.nodes.forEach(function (n) {
        keep[n.id] = familyOn[n.family] && (year === null || n.years.indexOf(year) >= 0);
      });
      if (year !== null) {
        // A year shows what is dated that year and the direct links of dated entities.
        var dated = {};
        data.nodes.forEach(function (n) { if (keep[n.id]) { dated[n.id] = true; } });
        data.edges.forEach(function (e) {
          if (e.years.indexOf(year) >= 0 || dated[e.from] || dated[e.to]) {
            if (familyOn[nodeById[e.from].family] && familyOn[nodeById[e.to].family]) {
              keep[e.from] = true;
              keep[e.to] = true;
              edgeKeep[e.id] = true;
            }
          }
        });
      } else {
        data.edges.forEach(function (e) { edgeKeep[e.id] = keep[e.from] && keep[e.to]; });
      }
      var nodeUpdates = [], edgeUpdates = [];
      var shownN = 0, shownE = 0;
      data.nodes.forEach(function (n) {
        var v = !!keep[n.id];
        visibleNodes[n.id] = v;
        if (v) { shownN += 1; }
        nodeUpdates.push({ id: n.id, hidden: !v });
      });
      data.edges.forEach(function (e) {
        var v = !!edgeKeep[e.id] && !!keep[e.from] && !!keep[e.to];
        visibleEdges[e.id] = v;
        if (v) { shownE += 1; }
        edgeUpdates.push({ id: e.id, hidden: !v });
      });
      visNodes.update(nodeUpdates);
      visEdges.update(edgeUpdates);
      var filtered = shownN !== data.nodes.length || shownE !== data.edges.length;
      setStatus(filtered
        ? "Showing " + shownN + " of " + plural(data.nodes.length, "entity", "entities") +
          " and " + shownE + " of " + plural(data.edges.length, "relation") + (year !== null ? " (year " + year + ")" : "")
        : "Showing all " + plural(data.nodes.length, "entity", "entities") + " and " +
          plural(data.edges.length, "relation"));
      api.shown = { nodes: shownN, edges: shownE };
      // A selection the filters hid is stale: drop it and its details.
      if (api.selected) {
        var hidden = api.selected.kind === "node" ? !visibleNodes[api.selected.id] : !visibleEdges[api.selected.id];
        if (hidden) { deselect(); }
      }
      if (refit && api.ready) { fitVisible(); }
      if (api.ready) { placeLabels(); }
    }

    // -------------------------------------------------------------- highlight & details
    function highlight(id) {
      highlighted = id;
      var near = {};
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
      var nearEdges = {};
      network.getConnectedEdges(id).forEach(function (e) { nearEdges[e] = true; });
      dimmed = {};
      forced = {};
      data.nodes.forEach(function (n) { if (!near[n.id]) { dimmed[n.id] = true; } else { forced[n.id] = true; } });
      visNodes.update(data.nodes.map(function (n) { var o = nodeColor(n); o.id = n.id; return o; }));
      visEdges.update(data.edges.map(function (e) { return { id: e.id, color: edgeColor(e, !nearEdges[e.id]) }; }));
    }
    function unhighlight() {
      if (highlighted === null && !Object.keys(forced).length) { return; }
      highlighted = null;
      dimmed = {};
      forced = {};
      visNodes.update(data.nodes.map(function (n) { var o = nodeColor(n); o.id = n.id; return o; }));
      visEdges.update(data.edges.map(function (e) { return { id: e.id, color: edgeColor(e, false) }; }));
    }

    function clearDetails() {
      while (detailsEl.childNodes.length > 1) { detailsEl.removeChild(detailsEl.lastChild); }
    }
    function linkButton(text, onClick) {
      var b = button(null, text, "gk-link");
      b.addEventListener("click", onClick);
      return b;
    }
    function showNodeDetails(id) {
      clearDetails();
      var n = nodeById[id];
      detailsEl.appendChild(nodeContent(n, "gk-detail", true));
      var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
      if (links.length) {
        detailsEl.appendChild(el("div", "gk-sub", "Links (" + links.length + ")"));
        var ul = el("ul", "gk-list gk-links");
        links.forEach(function (e) {
          var li = el("li");
          var out = e.from === id;
          var other = nodeById[out ? e.to : e.from];
          li.appendChild(linkButton(out ? e.label + " \u2192" : "\u2190 " + e.label, function () { select(e.id, "edge"); }));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(linkButton(other.label, function () { select(other.id, "node"); }));
          if (e.quotes.length) {
            li.appendChild(quoteBlock(e.quotes[0]));
            if (e.quotes.length > 1) {
              li.appendChild(el("div", "gk-muted", "and " + (e.quotes.length - 1) + " more in the relation\u2019s details"));
            }
          }
          ul.appendChild(li);
        });
        detailsEl.appendChild(ul);
      }
    }
    function showEdgeDetails(id) {
      clearDetails();
      var e = edgeById[id];
      detailsEl.appendChild(edgeContent(e, "gk-detail", true));
      var p = el("p");
      p.appendChild(linkButton(nodeById[e.from].label, function () { select(e.from, "node"); }));
      p.appendChild(document.createTextNode(" \u2192 "));
      p.appendChild(linkButton(nodeById[e.to].label, function () { select(e.to, "node"); }));
      detailsEl.appendChild(p);
    }

    function reveal(id, kind) {
      var hidden = kind === "node" ? !visibleNodes[id] : !visibleEdges[id];
      if (!hidden) { return; }
      yearSel.value = "";
      Object.keys(familyOn).forEach(function (f) { familyOn[f] = true; });
      Array.prototype.forEach.call(root.querySelectorAll(".gk-family-filter"), function (b) { b.checked = true; });
      applyFilters(false);
    }
    function notify() {
      if (!hooks.onSelect) { return; }
      var sel = api.selected;
      hooks.onSelect(sel ? { kind: sel.kind, id: sel.id,
                             item: sel.kind === "node" ? nodeById[sel.id] : edgeById[sel.id] } : null, detailsEl);
    }
    function zoomTo(ids) {
      network.fit({ nodes: ids, maxZoomLevel: 1.6, animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    }
    function select(id, kind) {
      if (kind === "node" ? !nodeById[id] : !edgeById[id]) { return false; }
      reveal(id, kind);
      if (kind === "node") {
        selectedEdge = null;
        network.selectNodes([id]);
        highlight(id);
        showNodeDetails(id);
        zoomTo([id].concat(network.getConnectedNodes(id)));
      } else {
        var e = edgeById[id];
        network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
        unhighlight();
        selectedEdge = id;
        forced = {};
        forced[e.from] = true;
        forced[e.to] = true;
        showEdgeDetails(id);
        zoomTo([e.from, e.to]);
      }
      api.selected = { id: id, kind: kind };
      setStatus(kind === "node"
        ? "Selected " + nodeById[id].label + " (" + nodeById[id].type + ")"
        : "Selected relation \u201C" + edgeById[id].label + "\u201D");
      if (api.ready) { placeLabels(); }
      notify();
      return true;
    }
    function deselect() {
      network.unselectAll();
      unhighlight();
      selectedEdge = null;
      clearDetails();
      detailsEl.appendChild(el("p", "gk-hint", "Click an entity or a relation to see its evidence here."));
      api.selected = null;
      if (api.ready) { placeLabels(); }
      notify();
    }

    network.on("click", function (params) {
      if (params.nodes.length) {
        select(params.nodes[0], "node");
      } else if (params.edges.length) {
        select(params.edges[0], "edge");
      } else if (api.selected) {
        deselect();
      }
    });
    root.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { deselect(); }
    });

    // -------------------------------------------------------------- search
    var searchEl = $("gk-search");
    function rank(text, q) {
      var t = norm(text);
      if (t === q) { return 0; }
      if (t.indexOf(q) === 0) { return 1; }
      var i = t.indexOf(q);
      if (i > 0) { return /[\s\-.,:;(\/]/.test(t.charAt(i - 1)) ? 2 : 3; }
      return null;
    }
    function find(query) {
      // Best match wins: exact, then prefix, then word start, then anywhere;
      // a label beats an alias of the same rank; records never beat the
      // entities they are about; ties go to the shorter label, then to the
      // more central entity.
      var q = norm(query);
      if (!q) { return null; }
      var best = null, bestKey = null;
      data.nodes.forEach(function (n) {
        var score = null;
        var r = rank(n.label, q);
        if (r !== null) { score = 2 * r; }
        n.aliases.forEach(function (a) {
          var ra = rank(a, q);
          if (ra !== null && (score === null || 2 * ra + 1 < score)) { score = 2 * ra + 1; }
        });
        if (score === null) { return; }
        var key = [n.family === "records" ? 1 : 0, score, n.label.length, -n.value];
        var better = bestKey === null;
        for (var i = 0; !better && i < key.length; i += 1) {
          if (key[i] !== bestKey[i]) { better = key[i] < bestKey[i]; break; }
        }
        if (better) { best = n.id; bestKey = key; }
      });
      return best;
    }
    var lastQuery = null;
    function search(query) {
      lastQuery = String(query);
      var id = find(query);
      if (id === null) {
        setStatus("No entity matches \u201C" + String(query) + "\u201D");
        return null;
      }
      select(id, "node");
      setStatus("Found " + nodeById[id].label + " (" + nodeById[id].type + ")");
      return id;
    }
    searchEl.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); search(searchEl.value); }
    });
    // Picking a name from the list fires "change"; so does leaving the box after
    // Enter, which must not search again (it would rebuild the details under the
    // pointer and swallow the click that left the box).
    searchEl.addEventListener("change", function () {
      if (seenName[searchEl.value] && searchEl.value !== lastQuery) { search(searchEl.value); }
    });
    $("gk-search-go").addEventListener("click", function () { search(searchEl.value); });

    // -------------------------------------------------------------- layout freeze
    var freezeBtn = $("gk-freeze");
    var frozen = false;
    function setFrozen(on) {
      frozen = on;
      if (on) { network.stopSimulation(); }
      network.setOptions({ physics: { enabled: !on } });
      if (!on) { network.startSimulation(); }
      freezeBtn.setAttribute("aria-pressed", on ? "true" : "false");
      freezeBtn.textContent = on ? "Unfreeze layout" : "Freeze layout";
      api.frozen = on;
    }
    freezeBtn.addEventListener("click", function () { setFrozen(!frozen); });
    $("gk-fit").addEventListener("click", fitVisible);
    $("gk-reset").addEventListener("click", function () {
      yearSel.value = "";
      Object.keys(familyOn).forEach(function (f) { familyOn[f] = true; });
      Array.prototype.forEach.call(root.querySelectorAll(".gk-family-filter"), function (b) { b.checked = true; });
      deselect();
      applyFilters(true);
    });

    var api = {
      data: data,
      network: network,
      nodes: visNodes,
      edges: visEdges,
      find: find,
      search: search,
      select: select,
      deselect: deselect,
      applyFilters: applyFilters,
      placeLabels: placeLabels,
      labels: null,
      fontScale: null,
      ready: false,
      frozen: false,
      selected: null,
      shown: null,
      stabilizationMs: null,
      destroy: function () { network.destroy(); while (root.firstChild) { root.removeChild(root.firstChild); } }
    };
    applyFilters(false);

    var started = (window.performance && performance.now) ? performance.now() : 0;
    function done() {
      if (api.ready) { return; }
      setFrozen(true);
      api.stabilizationMs = ((window.performance && performance.now) ? performance.now() : 0) - started;
      network.fit();
      api.ready = true;
      applyFilters(false);
      if (hooks.onReady) { hooks.onReady(api); }
      root.setAttribute("data-gk-ready", "true");
    }
    network.on("stabilizationProgress", function (p) {
      setStatus("Laying out the graph\u2026 " + Math.round(100 * p.iterations / p.total) + "%");
    });
    network.once("stabilizationIterationsDone", done);
    network.once("stabilized", done);
    if (!data.nodes.length) { done(); }
    // With physics off (a pyvis user's choice) nothing stabilizes: ready once drawn.
    if (data.options.physics && data.options.physics.enabled === false) { network.once("afterDrawing", done); }
    return api;
  }

  window.GraphkitView = { mount: mount };
}());
