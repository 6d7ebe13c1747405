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
# # Exploring the TIP Report Heroes knowledge graph
#
# This notebook loads the graph through graphkit's public API and looks at what is in it:
# the documents, the entities by type, the answers to the named questions, a few pictures,
# and — most important — the evidence behind each fact.
#
# Every number and figure below is computed from the graph when the notebook runs.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.ticker import MaxNLocator

import graphkit as gk
from graphkit.sparql.engine import add_labels
from graphkit.sparql.library import list_queries, run_named
from graphkit.sparql.results import fold_labels

pd.set_option("display.max_colwidth", 120)
ds = gk.load()  # builds only if the inputs changed since the last build


def ask(name, **params):
    """Answer a named question as a DataFrame, IRIs shown as their labels."""
    return fold_labels(add_labels(run_named(ds, name, params), ds)).to_dataframe()


# %% [markdown]
# ## What is in the graph

# %%
summary = gk.summarize(ds)
pd.Series(
    {
        "triples": summary.triples,
        "documents": summary.documents,
        "entities": summary.entities,
        "statements with provenance": summary.statements,
        "evidence quotes": summary.evidence_quotes,
    },
    name="count",
).to_frame()

# %%
by_type = pd.Series(summary.entities_by_type, name="entities").sort_values()
ax = by_type.plot.barh(figsize=(7, 8), color="#4C72B0")
ax.set_xlabel("entities")
ax.set_title("Entities by type")
plt.tight_layout()

# %% [markdown]
# ## The documents
#
# Five documents: two from the State Department's Bureau of Educational and Cultural Affairs,
# a press release from International Justice Mission, the opening of the 2021 TIP Report and an
# article by Meridian International Center. `statements` counts the facts each one supports.

# %%
ask("documents")

# %% [markdown]
# ## The named questions
#
# graphkit ships a library of SPARQL questions (`graphkit query --list`). Each runs here as a
# DataFrame.

# %%
pd.DataFrame([(q.name, q.title, ", ".join(p.name for p in q.params)) for q in list_queries()],
             columns=["name", "question", "parameters"])

# %%
heroes = ask("heroes")
heroes

# %%
ask("program-editions")

# %%
ask("people-roles")

# %% [markdown]
# ## Heroes by country and year

# %%
counts = heroes.groupby(["country", "award_year"]).size().unstack(fill_value=0)
ax = counts.plot.barh(stacked=True, figsize=(7, 4))
ax.set_xlabel("named heroes")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set_title("TIP Report Heroes named in the corpus, by country and award year")
plt.tight_layout()

# %% [markdown]
# ## Organizations by the number of documents that mention them

# %%
orgs = ask("organizations")
orgs["n_documents"] = orgs["documents"].str.split("; ").str.len()
top = orgs.sort_values(["n_documents", "organization"], ascending=[True, False]).tail(15)
ax = top.plot.barh(x="organization", y="n_documents", legend=False, figsize=(7, 6), color="#55A868")
ax.set_xlabel("documents mentioning it")
ax.set_ylabel("")
ax.set_title("Organizations across the corpus")
plt.tight_layout()

# %% [markdown]
# ## A timeline

# %%
timeline = ask("timeline")
timeline

# %%
dated = timeline.assign(year=timeline["date"].astype(str).str[:4].astype(int))
per_year = dated.groupby("year").size()
ax = per_year.plot.bar(figsize=(6, 3), color="#C44E52", rot=0)
ax.set_ylabel("events")
ax.set_title("What happened when")
plt.tight_layout()

# %% [markdown]
# ## The evidence behind a fact
#
# Every fact points to the verbatim quote that states it, with the document, the character
# offsets and the facts file and line. Here is why the graph believes what it says about Sister
# Imelda Poole (`gk.evidence` takes any name graphkit's resolver understands), quotes in full:

# %%
imelda = gk.evidence(ds, "Sister Imelda Poole")
with pd.option_context("display.max_colwidth", None):
    display(imelda[["predicate", "other", "quote", "document", "start", "end", "source"]])

# %% [markdown]
# The quote is an exact slice of the document: offsets count characters of the UTF-8 text.

# %%
corpus = gk.load_corpus()
doc = corpus["eca-2021-virtual-ivlp-blog"]
start, end = doc.find("Sister Imelda Poole works")[0]
doc.text[start - 60 : end + 60]
