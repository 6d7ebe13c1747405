/* graphkit page script: legend, tooltips, search, filters, focus, freeze.
 *
 * Every string that comes from the graph is put into the page with
 * textContent or as an attribute value through the DOM, never parsed as HTML.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("gk-data").textContent);
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

  var typeStyle = {};
  data.types.forEach(function (t) { typeStyle[t.name] = t; });
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var statusEl = document.getElementById("gk-status");
  var detailsEl = document.getElementById("gk-details");

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
  function setStatus(text) { statusEl.textContent = text; }
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

  // ---------------------------------------------------------------- content
  function nodeContent(n, cls, full) {
    var box = el("div", cls);
    box.appendChild(el("div", "gk-d-title", n.label));
    box.appendChild(el("div", "gk-d-type", n.type));
    var pairs = [];
    if (n.aliases.length) { pairs.push(["also known as", n.aliases.join("; ")]); }
    n.attrs.forEach(function (a) { pairs.push(full ? a : [a[0], shorten(a[1], 160)]); });
    if (pairs.length) { box.appendChild(rows(pairs)); }
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

  // ---------------------------------------------------------------- vis data
  var yearsPresent = {};
  data.nodes.forEach(function (n) { n.years.forEach(function (y) { yearsPresent[y] = true; }); });
  data.edges.forEach(function (e) { e.years.forEach(function (y) { yearsPresent[y] = true; }); });

  function nodeStyle(n, dim) {
    var t = typeStyle[n.type];
    var color = dim ? "#e4e7eb" : t.color;
    return {
      id: n.id,
      color: { background: color, border: dim ? "#cbd2d9" : "#1f2933",
               highlight: { background: color, border: "#000000" },
               hover: { background: color, border: "#000000" } },
      font: { color: dim ? "#b0b8c1" : "#1f2933" },
      label: dim ? " " : shorten(n.label, data.max_label)
    };
  }
  function edgeStyle(e, dim) {
    return {
      id: e.id,
      color: dim ? { color: "#eef1f4", opacity: 1 } : { color: "#9aa5b1", highlight: "#34495e", hover: "#34495e" },
      font: { color: dim ? "rgba(0,0,0,0)" : "#3d4852", strokeWidth: dim ? 0 : 3 }
    };
  }

  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    var t = typeStyle[n.type];
    var o = nodeStyle(n, false);
    o.shape = t.shape;
    o.value = n.value;
    o.title = nodeContent(n, "gk-tip", false);
    return o;
  }));
  var visEdges = new vis.DataSet(data.edges.map(function (e) {
    var o = edgeStyle(e, false);
    o.from = e.from;
    o.to = e.to;
    o.label = shorten(e.label, data.max_label);
    o.width = 1 + Math.min(e.support, 6) * 0.5;
    o.smooth = e.smooth;
    o.title = edgeContent(e, "gk-tip", false);
    return o;
  }));

  var container = document.getElementById("gk-network");
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, data.options);

  // ---------------------------------------------------------------- legend
  var typeOn = {};
  var typesEl = document.getElementById("gk-types");
  data.types.forEach(function (t) {
    typeOn[t.name] = true;
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.name;
    box.className = "gk-type-filter";
    box.addEventListener("change", function () { typeOn[t.name] = box.checked; applyFilters(); });
    var sw = el("span", "gk-swatch", SYMBOLS[t.shape] || "\u25CF");
    sw.style.color = t.color;
    sw.setAttribute("aria-hidden", "true");
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", "gk-type-name", t.name));
    label.appendChild(el("span", "gk-count", "(" + t.count + ")"));
    li.appendChild(label);
    typesEl.appendChild(li);
  });
  document.getElementById("gk-legend-note").textContent =
    "Colour and shape show the type (untick to hide). Node size: " +
    (MEASURES[data.size_by] || data.size_by) + ". Arrows point from subject to object; " +
    "thicker lines are supported by more documents.";

  // ---------------------------------------------------------------- search list
  var names = document.getElementById("gk-names");
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

  // ---------------------------------------------------------------- filters
  var yearSel = document.getElementById("gk-year");
  Object.keys(yearsPresent).map(Number).sort(function (a, b) { return a - b; }).forEach(function (y) {
    var o = el("option", null, String(y));
    o.value = String(y);
    yearSel.appendChild(o);
  });
  yearSel.disabled = yearSel.options.length <= 1;
  yearSel.addEventListener("change", applyFilters);

  var visibleNodes = {};
  var visibleEdges = {};
  function applyFilters() {
    var year = yearSel.value ? Number(yearSel.value) : null;
    var keep = {};
    var edgeKeep = {};
    data.nodes.forEach(function (n) {
      keep[n.id] = typeOn[n.type] && (year === null || n.years.indexOf(year) >= 0);
    });
    if (year !== null) {
      // A year shows what is dated that year and the direct links of dated entities.
      var dated = {};
      data.nodes.forEach(function (n) { if (keep[n.id]) { dated[n.id] = true; } });
      data.edges.forEach(function (e) {
        if (e.years.indexOf(year) >= 0 || dated[e.from] || dated[e.to]) {
          if (typeOn[nodeById[e.from].type] && typeOn[nodeById[e.to].type]) {
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
  }

  // ---------------------------------------------------------------- highlight & details
  var highlighted = null;
  function highlight(id) {
    highlighted = id;
    var near = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    var nearEdges = {};
    network.getConnectedEdges(id).forEach(function (e) { nearEdges[e] = true; });
    visNodes.update(data.nodes.map(function (n) { return nodeStyle(n, !near[n.id]); }));
    visEdges.update(data.edges.map(function (e) { return edgeStyle(e, !nearEdges[e.id]); }));
  }
  function unhighlight() {
    if (highlighted === null) { return; }
    highlighted = null;
    visNodes.update(data.nodes.map(function (n) { return nodeStyle(n, false); }));
    visEdges.update(data.edges.map(function (e) { return edgeStyle(e, false); }));
  }

  function clearDetails() {
    while (detailsEl.childNodes.length > 1) { detailsEl.removeChild(detailsEl.lastChild); }
  }
  function linkButton(text, onClick) {
    var b = el("button", "gk-link", text);
    b.type = "button";
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
    Object.keys(typeOn).forEach(function (t) { typeOn[t] = true; });
    Array.prototype.forEach.call(document.querySelectorAll(".gk-type-filter"), function (b) { b.checked = true; });
    applyFilters();
  }
  function select(id, kind) {
    reveal(id, kind);
    if (kind === "node") {
      network.selectNodes([id]);
      highlight(id);
      showNodeDetails(id);
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    } else {
      var e = edgeById[id];
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
      unhighlight();
      showEdgeDetails(id);
      var a = network.getPosition(e.from), b = network.getPosition(e.to);
      network.moveTo({ position: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, animation: { duration: 300 } });
    }
    api.selected = { id: id, kind: kind };
    setStatus(kind === "node"
      ? "Selected " + nodeById[id].label + " (" + nodeById[id].type + ")"
      : "Selected relation \u201C" + edgeById[id].label + "\u201D");
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showNodeDetails(params.nodes[0]);
      api.selected = { id: params.nodes[0], kind: "node" };
    } else if (params.edges.length) {
      unhighlight();
      showEdgeDetails(params.edges[0]);
      api.selected = { id: params.edges[0], kind: "edge" };
    } else {
      unhighlight();
      api.selected = null;
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { network.unselectAll(); unhighlight(); api.selected = null; }
  });

  // ---------------------------------------------------------------- search
  var searchEl = document.getElementById("gk-search");
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
    // a label beats an alias of the same rank; ties go to the shorter label,
    // then to the more central entity.
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
      var key = [score, n.label.length, -n.value];
      if (bestKey === null || key[0] < bestKey[0] ||
          (key[0] === bestKey[0] && (key[1] < bestKey[1] ||
           (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = n.id;
        bestKey = key;
      }
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
  document.getElementById("gk-search-go").addEventListener("click", function () { search(searchEl.value); });

  // ---------------------------------------------------------------- layout freeze
  var freezeBtn = document.getElementById("gk-freeze");
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
  document.getElementById("gk-reset").addEventListener("click", function () {
    yearSel.value = "";
    Object.keys(typeOn).forEach(function (t) { typeOn[t] = true; });
    Array.prototype.forEach.call(document.querySelectorAll(".gk-type-filter"), function (b) { b.checked = true; });
    applyFilters();
    network.unselectAll();
    unhighlight();
    network.fit({ animation: { duration: 300 } });
  });

  var api = {
    data: data,
    network: network,
    nodes: visNodes,
    edges: visEdges,
    find: find,
    search: search,
    select: select,
    applyFilters: applyFilters,
    ready: false,
    frozen: false,
    selected: null,
    shown: null,
    stabilizationMs: null
  };
  window.graphkit = api;
  applyFilters();

  var started = (window.performance && performance.now) ? performance.now() : 0;
  function done() {
    if (api.ready) { return; }
    setFrozen(true);
    api.stabilizationMs = ((window.performance && performance.now) ? performance.now() : 0) - started;
    api.ready = true;
    document.documentElement.setAttribute("data-gk-ready", "true");
    applyFilters();
  }
  network.on("stabilizationProgress", function (p) {
    setStatus("Laying out the graph\u2026 " + Math.round(100 * p.iterations / p.total) + "%");
  });
  network.once("stabilizationIterationsDone", done);
  network.once("stabilized", done);
  if (!data.nodes.length) { done(); }
}());
