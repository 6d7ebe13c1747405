// The query page. Everything from the server or the data is inserted as text
// (textContent, createTextNode), never as HTML; the page's CSP forbids inline
// scripts and connections to other origins.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const PREFIXES = {
    "https://w3id.org/graphkit/id/": "gkd:",
    "https://w3id.org/graphkit/ontology#": "gk:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/org#": "org:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/oa#": "oa:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
  };
  let questions = [];

  function shortIri(iri) {
    for (const ns in PREFIXES) {
      if (iri.startsWith(ns)) return PREFIXES[ns] + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  function cellText(term) {
    if (!term) return "";
    if (term.type === "uri") return shortIri(term.value);
    if (term.type === "bnode") return "_:" + term.value;
    return term.value;
  }

  function setStatus(text, isError) {
    const status = $("status");
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function showTable(doc, truncated) {
    const out = $("result");
    out.replaceChildren();
    if (typeof doc.boolean === "boolean") {
      const pre = document.createElement("pre");
      pre.textContent = doc.boolean ? "true" : "false";
      out.appendChild(pre);
      return;
    }
    const vars = doc.head.vars;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of doc.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) {
        const td = row.insertCell();
        td.textContent = cellText(binding[v]);
        if (binding[v] && binding[v].type === "uri") td.title = binding[v].value;
      }
    }
    const n = doc.results.bindings.length;
    const caption = document.createElement("p");
    caption.textContent = n + (n === 1 ? " row" : " rows");
    out.appendChild(caption);
    if (truncated) {
      const note = document.createElement("p");
      note.className = "truncated";
      note.textContent = "Truncated: the answer has more rows than the server's row cap.";
      out.appendChild(note);
    }
    out.appendChild(table);
  }

  function showText(text, isError) {
    const out = $("result");
    out.replaceChildren();
    const pre = document.createElement("pre");
    pre.textContent = text;
    if (isError) pre.className = "error";
    out.appendChild(pre);
  }

  async function run() {
    setStatus("Running…", false);
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: $("query").value }),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      const truncated = response.headers.get("X-Graphkit-Truncated") === "true";
      if (!response.ok) {
        setStatus("Error " + response.status + " after " + seconds + " s", true);
        showText(await response.text(), true);
      } else if (type.startsWith("application/sparql-results+json")) {
        setStatus("Done in " + seconds + " s", false);
        showTable(await response.json(), truncated);
      } else {
        setStatus("Done in " + seconds + " s" + (truncated ? " (truncated)" : ""), false);
        showText(await response.text(), false);
      }
    } catch (err) {
      setStatus("Cannot reach the endpoint: " + err, true);
    }
  }

  function choose() {
    const name = $("question").value;
    const q = questions.find((x) => x.name === name);
    $("description").textContent = q
      ? q.description + (q.params.length
          ? " Parameters: " + q.params.map((p) => p.name + " (" + p.kind + "): " + p.description).join("; ") +
            ". Bind them by adding VALUES to the query, or with graphkit query --param."
          : "")
      : "";
    if (q) $("query").value = q.text;
  }

  async function loadQuestions() {
    try {
      const response = await fetch("/queries.json");
      questions = await response.json();
    } catch (err) {
      questions = [];
    }
    const select = $("question");
    for (const q of questions) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.name + " — " + q.title;
      select.appendChild(option);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("run").addEventListener("click", run);
    $("question").addEventListener("change", choose);
    $("query").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
    });
    loadQuestions();
  });
})();
