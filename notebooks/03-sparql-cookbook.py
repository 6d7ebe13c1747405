# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # SPARQL cookbook
#
# How to write your own SPARQL against the graphkit ontology: the prefixes, the model, ten
# worked queries from simple to property paths and aggregates, and the same question answered
# by the embedded engine and by a local SPARQL endpoint.

# %%
import threading

import pandas as pd

import graphkit as gk
from graphkit.paths import project_paths
from graphkit.vocab.namespaces import PREFIXES
from graphkit.sparql.endpoint import make_server
from graphkit.sparql.engine import Endpoint, run_query

pd.set_option("display.max_colwidth", 100)
ds = gk.load()


def sparql(text, source=ds):
    """Run a read-only query and return a DataFrame."""
    return run_query(source, text).to_dataframe()


# %% [markdown]
# ## Prefixes
#
# Every query graphkit runs may use these prefixes without declaring them (the `.rq` files
# declare their own, so they can be pasted into any SPARQL tool).

# %%
pd.Series(PREFIXES, name="namespace").to_frame()

# %% [markdown]
# ## The model in one picture
#
# ```
# hero (schema:Person) ──gk:country──▶ schema:Country
#   ▲
#   └─gk:recipient── gk:AwardConferral ──gk:award──▶ gk:Award "TIP Report Heroes Award"
#                       │ gk:awardYear "2023"^^xsd:gYear, dcterms:date, gk:presenter ▶ person
# gk:ProgramEdition ──gk:editionOf──▶ gk:Program "IVLP"
#   │ gk:participant ▶ person or gk:HeroCohort,  gk:counterpart ▶ organization or person
#   │ gk:implementer ▶ organization,  gk:placeVisited ▶ schema:City / schema:State
# org:Membership ──org:member ▶ person, org:role ▶ org:Role, org:organization ▶ organization
# schema:Quotation ──gk:speaker ▶ person, schema:text "…"
# ```
#
# Provenance: every fact `s p o` stated by a document is also an `rdf:Statement` in the graph
# `gkd:graph/provenance`, `prov:wasDerivedFrom` a `gk:EvidenceQuote` with `oa:exact`,
# `oa:start`, `oa:end`, `gk:sourceFile` and `prov:wasQuotedFrom` the document. The default graph
# is the union of the other named graphs (one per document, plus the entities, corpus and
# ontology): graphkit leaves provenance out, so ordinary patterns see facts only, and a query
# that wants provenance names its graph (sections 6 and 9).
#
# **One habit to keep:** a fact that several documents state sits in each of their graphs, and
# the union default graph returns it once per graph. Write `SELECT DISTINCT` (or count
# `DISTINCT` values) unless you want one row per supporting document.

# %% [markdown]
# ## 1. All people, by name

# %%
sparql("""
SELECT DISTINCT ?name WHERE { ?p a schema:Person ; skos:prefLabel ?name }
ORDER BY ?name
""")

# %% [markdown]
# ## 2. Heroes and their countries (a join)

# %%
sparql("""
SELECT DISTINCT ?hero ?country ?year WHERE {
  ?conferral gk:award gkd:tip-report-heroes-award ; gk:recipient ?p ; gk:awardYear ?year .
  ?p a schema:Person ; skos:prefLabel ?hero ; gk:country/skos:prefLabel ?country .
}
ORDER BY ?year ?hero
""")

# %% [markdown]
# ## 3. Who holds which title where (OPTIONAL for roles held at no named organization)

# %%
sparql("""
SELECT DISTINCT ?person ?title ?organization WHERE {
  ?m org:member/skos:prefLabel ?person ; org:role/skos:prefLabel ?title .
  OPTIONAL { ?m org:organization/skos:prefLabel ?organization }
}
ORDER BY ?person
""")

# %% [markdown]
# ## 4. Find an entity by any of its names (aliases are `skos:altLabel`)

# %%
sparql("""
SELECT DISTINCT ?entity ?label WHERE {
  ?entity skos:prefLabel ?label ; skos:altLabel ?alias .
  FILTER(LCASE(STR(?alias)) = "ijm")
}
""")

# %% [markdown]
# ## 5. Cities visited by each program edition, with their state (property path and OPTIONAL)

# %%
sparql("""
SELECT DISTINCT ?edition ?city ?state WHERE {
  ?e a gk:ProgramEdition ; skos:prefLabel ?edition ; gk:placeVisited ?place .
  ?place skos:prefLabel ?city .
  OPTIONAL { ?place schema:containedInPlace/skos:prefLabel ?state }
}
ORDER BY ?edition ?city
""")

# %% [markdown]
# ## 6. Counting: statements each document supports (GRAPH and aggregates)

# %%
sparql("""
SELECT ?title (COUNT(?st) AS ?statements) WHERE {
  GRAPH <https://w3id.org/graphkit/id/graph/provenance> {
    ?st a rdf:Statement ; prov:wasDerivedFrom/prov:wasQuotedFrom ?doc .
  }
  ?doc dcterms:title ?title .
}
GROUP BY ?title ORDER BY DESC(?statements)
""")

# %% [markdown]
# ## 7. Entities mentioned by more than one document (HAVING)

# %%
sparql("""
SELECT ?entity (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?doc schema:mentions ?e . ?e skos:prefLabel ?entity .
}
GROUP BY ?entity HAVING (COUNT(DISTINCT ?doc) > 1)
ORDER BY DESC(?documents) ?entity
""")

# %% [markdown]
# ## 8. Everything the documents say about one organization, in either direction (UNION)

# %%
sparql("""
SELECT DISTINCT ?subject ?relation ?object WHERE {
  { gkd:polaris-project ?p ?o . BIND(gkd:polaris-project AS ?s) }
  UNION
  { ?s ?p gkd:polaris-project . }
  FILTER(?p NOT IN (rdf:type, schema:mentions))
  ?s skos:prefLabel ?subject .
  ?p rdfs:label ?relation .
  OPTIONAL { ?o skos:prefLabel ?olabel }
  BIND(COALESCE(?olabel, "Polaris Project") AS ?object)
}
ORDER BY ?subject ?relation
""")

# %% [markdown]
# ## 9. The evidence for one fact (reification and provenance)

# %%
sparql("""
SELECT DISTINCT ?quote ?start ?end ?title WHERE {
  GRAPH <https://w3id.org/graphkit/id/graph/provenance> {
    ?st rdf:subject gkd:zaheer-ahmed ; rdf:predicate gk:country ; rdf:object gkd:pakistan ;
        prov:wasDerivedFrom ?ev .
    ?ev oa:exact ?quote ; oa:start ?start ; oa:end ?end ; prov:wasQuotedFrom ?doc .
  }
  ?doc dcterms:title ?title .
}
""")

# %% [markdown]
# ## 10. Two hops: heroes' edition counterparts and the people who work there

# %%
sparql("""
SELECT DISTINCT ?edition ?organization ?person ?title WHERE {
  ?e gk:counterpart ?org ; skos:prefLabel ?edition .
  ?org a/rdfs:subClassOf* schema:Organization ; skos:prefLabel ?organization .
  ?m org:organization ?org ; org:member/skos:prefLabel ?person ; org:role/skos:prefLabel ?title .
}
ORDER BY ?edition ?organization
""")

# %% [markdown]
# ## Safety: what the engine refuses
#
# Queries never write and never reach the network: updates, `SERVICE` and foreign `FROM` are
# refused before anything runs.

# %%
for text in ("DROP ALL", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
    try:
        sparql(text)
    except gk.QueryError as error:
        print(type(error).__name__, "-", error)

# %% [markdown]
# ## The same question through a local SPARQL endpoint
#
# `graphkit serve` runs a read-only SPARQL 1.1 endpoint. Here we start one on a free port on
# 127.0.0.1 inside the notebook, ask it question 2, and check that it gives the same answer as
# the embedded engine.

# %%
server = make_server(project_paths().nquads, port=0)
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
endpoint = Endpoint(server.url)
question = """
SELECT DISTINCT ?hero ?country WHERE {
  ?c gk:recipient ?p . ?p a schema:Person ; skos:prefLabel ?hero ; gk:country/skos:prefLabel ?country .
} ORDER BY ?hero
"""
remote = sparql(question, endpoint)
embedded = sparql(question)
print("same answer:", remote.equals(embedded), "-", len(remote), "rows from the endpoint on 127.0.0.1")
server.shutdown()
server.close()
remote
