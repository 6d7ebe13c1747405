// graphkit explorer. Everything from the server or the data is inserted as
// text (textContent, createTextNode, SVG <title>), never parsed as HTML; the
// page's CSP allows only its own scripts and requests to its own origin.
// State (question, parameters, view, opened entity, selection) lives in the
// URL's hash, so a link reopens the same view.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMBERS = ["integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger"].map((t) => XSD + t);
  const VIEW_NAMES = { table: "Table", graph: "Graph", timeline: "Timeline", bar: "Bar chart", map: "Map" };
  const PREFIXES = [
    ["gk", "https://w3id.org/graphkit/ontology#"], ["gkd", "https://w3id.org/graphkit/id/"],
    ["schema", "https://schema.org/"], ["skos", "http://www.w3.org/2004/02/skos/core#"],
    ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"], ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["org", "http://www.w3.org/ns/org#"], ["prov", "http://www.w3.org/ns/prov#"],
    ["dcterms", "http://purl.org/dc/terms/"], ["oa", "http://www.w3.org/ns/oa#"],
    ["xsd", "http://www.w3.org/2001/XMLSchema#"],
  ];
  const DEFAULT_QUERY = PREFIXES.map((p) => "PREFIX " + p[0] + ": <" + p[1] + ">").join("\n") +
    "\n\nSELECT DISTINCT ?person ?country WHERE {\n  ?person a schema:Person ;\n          gk:country ?country .\n}\nORDER BY ?person\n";

  let questions = [];
  let state = {};
  let answer = null;      // the current result: {columns, rows, ...}
  let view = null;        // the graph view, when shown
  let world = null;       // the map geometry, loaded on first use
  let sort = null;        // {column, descending}

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function setStatus(text) { $("ex-status").textContent = text; }
  function cellText(c) { return c ? (c.label || c.value) : ""; }
  async function api(path, params) {
    const response = await fetch(path + "?" + new URLSearchParams(params || {}), { headers: { Accept: "application/json" } });
    let body;
    try { body = await response.json(); } catch (e) { body = { error: "The server answered " + response.status }; }
    if (!response.ok && !body.error) body.error = "The server answered " + response.status;
    return body;
  }

  // ------------------------------------------------------------------ state in the URL
  function readHash() {
    const out = { params: {} };
    new URLSearchParams(location.hash.slice(1)).forEach((v, k) => {
      if (k.startsWith("p.")) out.params[k.slice(2)] = v; else out[k] = v;
    });
    return out;
  }
  function writeHash(replace) {
    const h = new URLSearchParams();
    for (const k of ["mode", "q", "query", "view", "focus", "sel"]) if (state[k]) h.set(k, state[k]);
    for (const k in state.params || {}) if (state.params[k]) h.set("p." + k, state.params[k]);
    const next = "#" + h.toString();
    if (next === location.hash) return;
    if (replace) history.replaceState(null, "", next); else history.pushState(null, "", next);
  }
  function runParams() {
    const out = {};
    for (const k in state.params || {}) if (state.params[k]) out[k] = state.params[k];
    return out;
  }

  // ------------------------------------------------------------------ gallery and form
  function showGallery() {
    const ul = $("ex-questions");
    ul.replaceChildren();
    for (const q of questions) {
      const li = el("li");
      const a = el("a", "ex-q", q.title);
      a.href = "#q=" + encodeURIComponent(q.name);
      a.dataset.name = q.name;
      li.appendChild(a);
      li.appendChild(el("span", "ex-q-view", VIEW_NAMES[q.view]));
      ul.appendChild(li);
    }
  }
  function markCurrent() {
    for (const a of document.querySelectorAll("#ex-questions a")) {
      if (a.dataset.name === state.q) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    }
  }
  function buildForm(q) {
    const form = $("ex-form");
    form.replaceChildren();
    for (const p of q.params) {
      const id = "ex-p-" + p.name;
      const label = el("label", null, p.name + (p.required ? " (required)" : ""));
      label.htmlFor = id;
      const input = el("input");
      input.id = id;
      input.name = p.name;
      input.value = state.params[p.name] || "";
      input.required = p.required;
      input.setAttribute("list", id + "-list");
      const list = el("datalist");
      list.id = id + "-list";
      let timer = null;
      input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const found = await api("/api/resolve", { q: input.value });
          list.replaceChildren();
          for (const s of Array.isArray(found) ? found : []) {
            const o = el("option");
            o.value = s.label;
            o.label = s.type;
            list.appendChild(o);
          }
        }, 150);
      });
      form.appendChild(label);
      form.appendChild(input);
      form.appendChild(list);
      form.appendChild(el("p", "gk-hint", p.description));
    }
    const run = el("button", null, "Run");
    run.type = "submit";
    run.id = "ex-run";
    form.appendChild(run);
  }
  $("ex-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const params = {};
    for (const input of $("ex-form").querySelectorAll("input")) params[input.name] = input.value.trim();
    state.params = params;
    state.focus = state.sel = "";
    writeHash(false);
    load();
  });

  // ------------------------------------------------------------------ evidence
  function passageBlock(s) {
    const box = el("blockquote", "ex-passage");
    if (!s.passage) {
      box.appendChild(el("span", null, "\u201C" + s.quote + "\u201D"));
      box.appendChild(el("span", "gk-muted", " (the stored document is not available)"));
      return box;
    }
    const text = s.passage.text;
    const a = s.start - s.passage.offset, b = s.end - s.passage.offset;
    box.appendChild(document.createTextNode(text.slice(0, a)));
    box.appendChild(el("mark", null, text.slice(a, b)));
    box.appendChild(document.createTextNode(text.slice(b)));
    return box;
  }
  async function showEvidence(params, heading) {
    const body = $("ex-evidence-body");
    body.replaceChildren(el("p", "gk-hint", "Loading the evidence\u2026"));
    const found = await api("/api/evidence", params);
    body.replaceChildren();
    body.appendChild(el("h3", null, heading));
    if (found.error) { body.appendChild(el("p", "ex-error", found.error)); return; }
    if (!found.statements.length) { body.appendChild(el("p", "gk-hint", "No statement with evidence.")); return; }
    const seen = {};
    for (const s of found.statements) {
      const item = el("div", "ex-statement");
      const line = el("p", "ex-triple");
      line.appendChild(el("strong", null, cellText(s.subject)));
      line.appendChild(document.createTextNode(" \u2014 " + cellText(s.predicate) + " \u2192 "));
      line.appendChild(el("strong", null, cellText(s.object)));
      item.appendChild(line);
      const key = s.evidence;
      if (!seen[key]) {
        seen[key] = true;
        item.appendChild(passageBlock(s));
        item.appendChild(el("cite", "gk-cite", s.document + " (characters " + s.start + "\u2013" + s.end + ")"));
      } else {
        item.appendChild(el("p", "gk-muted", "Same sentence as above."));
      }
      body.appendChild(item);
    }
  }
  function openEntity(iri, label) {
    state.focus = iri;
    state.sel = "node:" + iri;
    writeHash(false);
    showEvidence({ iri: iri }, label || iri);
    if (state.view === "graph") render();
  }

  // ------------------------------------------------------------------ views
  function dateColumn() {
    return answer.columns.findIndex((c, i) => answer.rows.some((r) => r[i] && r[i].type === "literal" && /^\d{4}(-|$|\/)/.test(r[i].value)));
  }
  function numberColumn() {
    return answer.columns.findIndex((c, i) => answer.rows.length && answer.rows.every((r) => !r[i] || (r[i].type === "literal" && (NUMBERS.includes(r[i].datatype) || /^\d+(\.\d+)?$/.test(r[i].value)))) &&
      answer.rows.some((r) => r[i]) && !answer.rows.some((r) => r[i] && /^\d{4}$/.test(r[i].value) && /year|date/.test(c)));
  }
  function placeCells() { return answer.rows.some((r) => r.some((c) => c && c.place)); }
  function labelColumn() { return Math.max(0, answer.columns.findIndex((c, i) => answer.rows.some((r) => r[i] && r[i].type === "uri"))); }
  function availableViews() {
    const out = ["table"];
    if (answer.form === "SELECT" && answer.rows.some((r) => r.some((c) => c && c.type === "uri"))) out.push("graph");
    if (dateColumn() >= 0) out.push("timeline");
    if (numberColumn() >= 0) out.push("bar");
    if (placeCells()) out.push("map");
    return out;
  }
  function showTabs() {
    const tabs = $("ex-views");
    tabs.replaceChildren();
    for (const v of availableViews()) {
      const b = el("button", "ex-tab", VIEW_NAMES[v]);
      b.type = "button";
      b.dataset.view = v;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", v === state.view ? "true" : "false");
      b.addEventListener("click", () => { state.view = v; state.sel = state.focus ? "node:" + state.focus : ""; writeHash(false); render(); });
      tabs.appendChild(b);
    }
  }
  function cellNode(c, row, column) {
    if (!c) return el("span", "gk-muted", "");
    if (c.type === "uri") {
      const b = el("button", "gk-link", c.label || c.value);
      b.type = "button";
      b.title = c.value;
      b.addEventListener("click", () => openEntity(c.value, c.label));
      return b;
    }
    const entity = row && row.find((x) => x && x.type === "uri");
    if (!entity) return el("span", null, c.value);
    // A value's evidence is that of the row's entity, whose statements state it.
    const b = el("button", "gk-link ex-value", c.value);
    b.type = "button";
    b.title = "Evidence for " + (entity.label || entity.value);
    b.addEventListener("click", () => {
      showEvidence({ iri: entity.value }, (entity.label || entity.value) + " \u2014 " + column + ": " + c.value);
    });
    return b;
  }
  function renderTable(out) {
    if (answer.form === "ASK") { out.appendChild(el("p", "ex-boolean", answer.boolean ? "Yes (true)" : "No (false)")); return; }
    if (answer.turtle !== undefined) { out.appendChild(el("pre", null, answer.turtle)); return; }
    const rows = answer.rows.slice();
    if (sort) {
      const i = answer.columns.indexOf(sort.column);
      const num = (c) => (c && /^-?\d+(\.\d+)?$/.test(c.value) ? Number(c.value) : null);
      rows.sort((a, b) => {
        const x = a[i], y = b[i];
        const nx = num(x), ny = num(y);
        const r = nx !== null && ny !== null ? nx - ny : cellText(x).localeCompare(cellText(y));
        return sort.descending ? -r : r;
      });
    }
    const table = el("table", "ex-table");
    const head = table.createTHead().insertRow();
    for (const c of answer.columns) {
      const th = el("th");
      const b = el("button", "ex-sort", c + (sort && sort.column === c ? (sort.descending ? " \u25BC" : " \u25B2") : ""));
      b.type = "button";
      b.addEventListener("click", () => {
        sort = { column: c, descending: !!(sort && sort.column === c && !sort.descending) };
        render();
      });
      th.appendChild(b);
      th.setAttribute("aria-sort", sort && sort.column === c ? (sort.descending ? "descending" : "ascending") : "none");
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      r.forEach((c, i) => {
        const td = tr.insertCell();
        td.appendChild(cellNode(c, r, answer.columns[i]));
        if (state.focus && c && c.value === state.focus) td.className = "ex-focus";
      });
    }
    out.appendChild(table);
  }
  async function renderGraph(out) {
    const params = state.mode === "query" ? { query: state.query } : Object.assign({ name: state.q }, runParams());
    if (state.focus) params.focus = state.focus;
    const data = await api("/api/graph", params);
    if (data.error) { out.appendChild(el("p", "ex-error", data.error)); return; }
    const root = el("div", "gk-view ex-graph");
    out.appendChild(root);
    const wanted = state.sel;
    view = window.GraphkitView.mount(root, data, {
      onSelect: (sel) => {
        if (!sel) return;
        if (sel.kind === "node") {
          state.sel = "node:" + sel.id;
          showEvidence({ iri: sel.id }, sel.item.label);
        } else {
          const e = sel.item;
          state.sel = "edge:" + e.from + "|" + e.to + "|" + e.label;
          const from = data.nodes.find((n) => n.id === e.from), to = data.nodes.find((n) => n.id === e.to);
          const heading = from.label + " \u2014 " + e.label + " \u2192 " + to.label;
          showEvidence(e.record ? { iri: e.record } : { s: e.from, p: e.predicate, o: e.to }, heading);
        }
        writeHash(true);
      },
      onReady: (api2) => {
        if (wanted && wanted.startsWith("node:")) api2.select(wanted.slice(5), "node");
        else if (wanted && wanted.startsWith("edge:")) {
          const [from, to, label] = wanted.slice(5).split("|");
          const e = data.edges.find((x) => x.from === from && x.to === to && x.label === label);
          if (e) api2.select(e.id, "edge");
        }
        document.documentElement.setAttribute("data-ex-graph", "ready");
        window.explorer.graph = api2;
      },
    });
  }
  function yearOf(c) { return c ? Number(c.value.slice(0, 4)) : NaN; }
  function renderTimeline(out) {
    const di = dateColumn(), li = labelColumn();
    const rows = answer.rows.filter((r) => r[di]).map((r) => ({ row: r, year: yearOf(r[di]), date: r[di].value }));
    rows.sort((a, b) => a.date.localeCompare(b.date));
    const years = rows.map((r) => r.year);
    const lo = Math.min(...years), hi = Math.max(...years) + 1;
    const W = 960, rowH = 22, top = 30, left = 10, span = W - 480;
    const s = svg("svg", { viewBox: "0 0 " + W + " " + (top + rows.length * rowH + 10), class: "ex-timeline", role: "img" });
    s.appendChild(svg("title", {}, "Timeline of " + rows.length + " rows from " + lo + " to " + (hi - 1)));
    for (let y = lo; y <= hi; y += 1) {
      const x = left + ((y - lo) / (hi - lo)) * span;
      s.appendChild(svg("line", { x1: x, x2: x, y1: top - 8, y2: top + rows.length * rowH, class: "ex-axis" }));
      if (y < hi) s.appendChild(svg("text", { x: x + 3, y: top - 12, class: "ex-tick" }, y));
    }
    rows.forEach((r, i) => {
      const m = /^(\d{4})(?:-(\d{2}))?/.exec(r.date);
      const frac = m && m[2] ? (Number(m[2]) - 1) / 12 : 0.5;
      const x = left + ((r.year - lo + frac) / (hi - lo)) * span, y = top + i * rowH + rowH / 2;
      const g = svg("g", { class: "ex-event", tabindex: 0 });
      g.appendChild(svg("circle", { cx: x, cy: y, r: 6 }));
      const cell = r.row[li];
      const text = r.date + "  " + cellText(cell);
      g.appendChild(svg("text", { x: left + span + 12, y: y + 4 }, text.length > 70 ? text.slice(0, 69) + "\u2026" : text));
      g.appendChild(svg("title", {}, r.date + ": " + cellText(cell)));
      if (cell && cell.type === "uri") g.addEventListener("click", () => openEntity(cell.value, cell.label));
      s.appendChild(g);
    });
    out.appendChild(s);
  }
  function renderBar(out) {
    const ni = numberColumn(), li = labelColumn();
    const rows = answer.rows.filter((r) => r[ni]).map((r) => ({ row: r, n: Number(r[ni].value) }));
    rows.sort((a, b) => b.n - a.n);
    const max = Math.max(1, ...rows.map((r) => r.n));
    const box = el("div", "ex-bars");
    box.appendChild(el("p", "gk-hint", answer.columns[ni] + " by " + answer.columns[li]));
    for (const r of rows) {
      const line = el("div", "ex-bar-row");
      line.appendChild(cellNode(r.row[li]));
      const bar = el("span", "ex-bar");
      bar.style.width = (100 * r.n / max).toFixed(1) + "%";
      const track = el("span", "ex-bar-track");
      track.appendChild(bar);
      line.appendChild(track);
      line.appendChild(el("span", "ex-bar-value", r.row[ni].value));
      box.appendChild(line);
    }
    out.appendChild(box);
  }
  // A small TopoJSON reader: arcs are delta-encoded and quantized.
  function rings(topo, geometry) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    const arc = (i) => {
      const a = topo.arcs[i < 0 ? ~i : i];
      let x = 0, y = 0;
      const pts = a.map((p) => { x += p[0]; y += p[1]; return [x * sx + tx, y * sy + ty]; });
      return i < 0 ? pts.reverse() : pts;
    };
    const ring = (ids) => ids.reduce((acc, i, k) => acc.concat(k ? arc(i).slice(1) : arc(i)), []);
    const polys = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    return polys.flatMap((poly) => poly.map(ring));
  }
  const W = 960, H = 500;
  // A ring as SVG path data; a jump across the antimeridian starts a new piece instead of a stray line.
  function ringPath(ring) {
    let d = "", last = null;
    for (const p of ring) {
      const xy = project(p[0], p[1]).map((v) => v.toFixed(1)).join(",");
      d += (last === null || Math.abs(p[0] - last) > 180 ? "M" : "L") + xy;
      last = p[0];
    }
    return d + "Z";
  }
  const project = (lon, lat) => [((lon + 180) / 360) * W, ((85 - lat) / 145) * H];
  async function renderMap(out) {
    if (!world) world = await (await fetch("/static/countries-110m.json")).json();
    const countries = {}, cities = {};
    for (const r of answer.rows) {
      const focusRow = state.focus && r.some((c) => c && c.value === state.focus);
      for (const c of r) {
        if (!c || !c.place) continue;
        const bucket = c.place.kind === "country" ? countries : cities;
        const key = c.place.kind === "country" ? c.place.iso_numeric : c.value;
        bucket[key] = bucket[key] || { cell: c, rows: 0, focus: false };
        bucket[key].rows += 1;
        bucket[key].focus = bucket[key].focus || !!focusRow;
      }
    }
    const s = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "ex-map", role: "img" });
    s.appendChild(svg("title", {}, "Map of the places in the answer"));
    s.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, class: "ex-sea" }));
    for (const g of world.objects.countries.geometries) {
      const d = rings(world, g).map(ringPath).join("");
      const hit = countries[g.id];
      const path = svg("path", { d: d, class: hit ? "ex-country ex-hit" + (hit.focus ? " ex-focus" : "") : "ex-country" });
      if (hit) {
        path.dataset.iri = hit.cell.value;
        path.appendChild(svg("title", {}, cellText(hit.cell) + ": " + hit.rows + (hit.rows === 1 ? " row" : " rows")));
        path.addEventListener("click", () => openEntity(hit.cell.value, hit.cell.label));
      } else {
        path.appendChild(svg("title", {}, g.properties.name));
      }
      s.appendChild(path);
    }
    for (const key in cities) {
      const c = cities[key];
      const [x, y] = project(c.cell.place.lon, c.cell.place.lat);
      const dot = svg("circle", { cx: x, cy: y, r: 5, class: "ex-city" + (c.focus ? " ex-focus" : "") });
      dot.dataset.iri = c.cell.value;
      dot.appendChild(svg("title", {}, cellText(c.cell) + ": " + c.rows + (c.rows === 1 ? " row" : " rows")));
      dot.addEventListener("click", () => openEntity(c.cell.value, c.cell.label));
      s.appendChild(dot);
      s.appendChild(svg("text", { x: x + 7, y: y + 4, class: "ex-city-label" }, cellText(c.cell)));
    }
    out.appendChild(s);
    const n = Object.keys(countries).length, m = Object.keys(cities).length;
    out.appendChild(el("p", "gk-hint", n + " countries and " + m + " cities. Boundaries: Natural Earth 1:110m (public domain); city coordinates: GeoNames (CC BY 4.0)."));
  }
  async function render() {
    if (view) { view.destroy(); view = null; }
    document.documentElement.removeAttribute("data-ex-graph");
    const out = $("ex-result");
    out.replaceChildren();
    if (!answer) return;
    const views = availableViews();
    if (!views.includes(state.view)) state.view = "table";
    showTabs();
    const n = answer.rows.length;
    setStatus(n + (n === 1 ? " row" : " rows") + (answer.truncated ? " (cut at the server's row cap)" : ""));
    if (state.view === "graph") await renderGraph(out);
    else if (state.view === "timeline") renderTimeline(out);
    else if (state.view === "bar") renderBar(out);
    else if (state.view === "map") await renderMap(out);
    else renderTable(out);
    document.documentElement.setAttribute("data-ex-view", state.view);
  }

  // ------------------------------------------------------------------ free query editor
  const KEYWORDS = new Set(("select distinct reduced where filter optional union minus graph bind values as order by asc desc limit offset group having " +
    "prefix base construct describe ask from named not exists in service silent a count sum min max avg sample group_concat separator " +
    "str lang datatype iri uri bnode coalesce if regex replace contains strstarts strends lcase ucase true false").split(" "));
  const TOKEN = /(#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(<[^<>"{}|^`\\\s]*>)|([?$][A-Za-z_][\w]*)|([A-Za-z][\w-]*)?:([\w.-]*)|(\d+(?:\.\d+)?)|([A-Za-z_]+)/g;
  function highlight(text, errorLine) {
    const pre = $("ex-highlight");
    pre.replaceChildren();
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      const span = el("span", i + 1 === errorLine ? "ex-line ex-line-error" : "ex-line");
      let last = 0;
      TOKEN.lastIndex = 0;
      let m;
      while ((m = TOKEN.exec(line)) !== null) {
        if (m.index > last) span.appendChild(document.createTextNode(line.slice(last, m.index)));
        let cls = null;
        if (m[1]) cls = "tk-comment"; else if (m[2]) cls = "tk-string"; else if (m[3]) cls = "tk-iri";
        else if (m[4]) cls = "tk-var"; else if (m[6] !== undefined) cls = "tk-pname"; else if (m[7]) cls = "tk-number";
        else if (m[8] && KEYWORDS.has(m[8].toLowerCase())) cls = "tk-keyword";
        span.appendChild(cls ? el("span", cls, m[0]) : document.createTextNode(m[0]));
        last = m.index + m[0].length;
      }
      span.appendChild(document.createTextNode(line.slice(last) + "\n"));
      pre.appendChild(span);
    });
  }
  function syncEditor() {
    const ta = $("ex-query");
    highlight(ta.value, null);
    $("ex-highlight").scrollTop = ta.scrollTop;
    $("ex-highlight").scrollLeft = ta.scrollLeft;
  }
  $("ex-query").addEventListener("input", syncEditor);
  $("ex-query").addEventListener("scroll", syncEditor);
  $("ex-query").addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) runFree(); });
  $("ex-run-query").addEventListener("click", runFree);
  function runFree() {
    state = { mode: "query", query: $("ex-query").value, params: {}, view: state.view || "table" };
    writeHash(false);
    load();
  }

  // ------------------------------------------------------------------ loading a state
  function downloads(base, params) {
    for (const fmt of ["csv", "json"]) {
      const a = $("ex-" + fmt);
      a.href = base + "?" + new URLSearchParams(Object.assign({}, params, { format: fmt }));
    }
  }
  async function load() {
    document.documentElement.removeAttribute("data-ex-ready");
    try {
      await loadState();
    } finally {
      document.documentElement.setAttribute("data-ex-ready", "true");
    }
  }
  async function loadState() {
    state = Object.assign({ params: {} }, readHash());
    answer = null;
    sort = null;
    const free = state.mode === "query";
    $("ex-editor-panel").hidden = !free;
    $("ex-question").hidden = free;
    $("ex-query-error").hidden = true;
    markCurrent();
    if (free) {
      $("ex-query").value = state.query || DEFAULT_QUERY;
      syncEditor();
      if (!state.query) { $("ex-toolbar").hidden = true; $("ex-result").replaceChildren(); return; }
      setStatus("Running\u2026");
      const found = await api("/api/query", { query: state.query });
      if (found.error) {
        const where = found.line ? " (line " + found.line + ", column " + found.column + ")" : "";
        $("ex-query-error").textContent = found.error.split("\n")[0] + where;
        $("ex-query-error").hidden = false;
        highlight($("ex-query").value, found.line || null);
        $("ex-toolbar").hidden = true;
        $("ex-result").replaceChildren();
        return;
      }
      answer = found;
      downloads("/api/query", { query: state.query });
    } else {
      const q = questions.find((x) => x.name === state.q);
      if (!q) {
        $("ex-edit").hidden = true;
        $("ex-title").textContent = "Pick a question";
        $("ex-form").replaceChildren();
        $("ex-toolbar").hidden = true;
        $("ex-result").replaceChildren();
        return;
      }
      $("ex-title").textContent = q.title;
      $("ex-description").textContent = q.description;
      $("ex-edit").href = "#" + new URLSearchParams({ mode: "query", query: q.text });
      $("ex-edit").hidden = false;
      buildForm(q);
      state.view = state.view || q.view;
      const missing = q.params.filter((p) => p.required && !state.params[p.name]);
      if (missing.length) {
        $("ex-toolbar").hidden = true;
        $("ex-result").replaceChildren(el("p", "gk-hint", "Fill in " + missing.map((p) => p.name).join(", ") + " and press Run."));
        return;
      }
      setStatus("Running\u2026");
      const found = await api("/api/run", Object.assign({ name: q.name }, runParams()));
      if (found.error) {
        $("ex-toolbar").hidden = true;
        $("ex-result").replaceChildren(el("p", "ex-error", found.error));
        return;
      }
      answer = found;
      downloads("/api/run", Object.assign({ name: q.name }, runParams()));
    }
    $("ex-toolbar").hidden = false;
    writeHash(true);
    await render();
    if (state.focus && state.view !== "graph") await showEvidence({ iri: state.focus }, labelOf(state.focus));
  }
  function labelOf(iri) {
    for (const r of (answer && answer.rows) || []) for (const c of r) if (c && c.value === iri && c.label) return c.label;
    return iri;
  }

  $("ex-copy-link").addEventListener("click", async () => {
    const link = location.href;
    try { await navigator.clipboard.writeText(link); setStatus("Link copied: " + link); } catch (e) { setStatus("Link: " + link); }
    window.explorer.copied = link;
  });
  window.addEventListener("hashchange", load);

  async function start() {
    const found = await api("/api/questions");
    questions = Array.isArray(found) ? found : [];
    showGallery();
    await load();
  }
  window.explorer = { state: () => state, answer: () => answer, graph: null, copied: null };
  document.addEventListener("DOMContentLoaded", start);
})();
