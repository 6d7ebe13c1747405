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
# # Network analysis
#
# The knowledge graph projected to networkx: who is central, which groups form, who brokers
# between them, and how a 2023 hero is connected to an organization the 2021 heroes met —
# with the quote behind every hop. Every table and picture is computed from the graph.

# %%
import html

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import HTML

import graphkit as gk
from graphkit import network as gn
from graphkit.viz import FAMILIES, build_page, family_of, fold_records

pd.set_option("display.max_colwidth", 90)
G = gn.project(gk.load())
print(G)

# %% [markdown]
# ## What the projection holds
#
# Nodes are entities (people, organizations, places, program editions, award conferrals...);
# edges are the relations the documents state, each with its quotes and a `support` weight: the
# number of documents that state it.

# %%
print(gn.summary(G))

# %%
hero = gn.resolve(G, "Zaheer Ahmed")  # forgiving: case, aliases ("Ahmed"), accents
dict(sorted(G.nodes[hero].items()))

# %% [markdown]
# ## Centrality

# %%
gn.centrality(G, measures=["betweenness", "degree", "pagerank"], top=12)

# %% [markdown]
# ## Communities (Louvain, seeded so the result is reproducible)

# %%
gn.communities(G, seed=42)

# %% [markdown]
# ## Brokers: articulation points and bridges

# %%
print(gn.brokers(G))

# %% [markdown]
# ## From a 2023 hero to an organization the 2021 heroes met
#
# The shortest path from Zaheer Ahmed (2023) to Freedom Network USA (met by the 2021 cohort),
# each hop printed with the sentence that supports it.

# %%
path = gn.shortest_path(G, "Zaheer Ahmed", "Freedom Network USA")
print(path)

# %% [markdown]
# ## Continuity across years: entities in both the 2021 and the 2023 material

# %%
gn.continuity(G, years=(2021, 2023))

# %% [markdown]
# ## Heroes and their counterparts
#
# The bipartite hero–counterpart graph, and its one-mode projection onto counterparts:
# two organizations are linked when the same heroes met both.

# %%
B = gn.hero_counterpart_graph(G)
C = gn.counterpart_projection(B)
pd.DataFrame(
    sorted(
        ((C.nodes[u]["label"], C.nodes[v]["label"], d["weight"]) for u, v, d in C.edges(data=True)),
        key=lambda row: (-row[2], row[0], row[1]),
    ),
    columns=["counterpart", "counterpart ", "shared heroes"],
).head(10)

# %% [markdown]
# ## A static picture
#
# Drawn the way the pages are: records (award conferrals, roles held, quotations) folded into the
# relations they describe, and entity types grouped in the same families, with the same colour
# and shape each (`graphkit.viz.FAMILIES`).

# %%
S = gn.simple_graph(fold_records(G))
position = nx.spring_layout(S, seed=7, k=0.35)
score = nx.betweenness_centrality(S)
MARKERS = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D", "star": "*",
           "triangleDown": "v", "hexagon": "h"}
fig, ax = plt.subplots(figsize=(12, 10))
nx.draw_networkx_edges(S, position, ax=ax, alpha=0.25, width=0.6, arrows=False)
for family in FAMILIES:
    members = [n for n in S if family_of(S.nodes[n]["type"]) is family]
    if members:
        nx.draw_networkx_nodes(
            S, position, nodelist=members, ax=ax, node_color=family.color, node_shape=MARKERS[family.shape],
            node_size=[60 + 2500 * score[n] for n in members], edgecolors="#1f2933", linewidths=0.5,
            label=f"{family.name} ({len(members)})",
        )
top = sorted(S, key=lambda n: -score[n])[:15]
nx.draw_networkx_labels(S, position, labels={n: S.nodes[n]["label"] for n in top}, font_size=8, ax=ax)
ax.legend(loc="lower left", fontsize=8, frameon=False, markerscale=0.6)
ax.set_title("The TIP Report Heroes graph (node size: betweenness)")
ax.axis("off")
plt.tight_layout()

# %% [markdown]
# ## The interactive page, embedded
#
# The same page `graphkit viz` writes: self-contained, no CDN, so it works offline. It is
# embedded as an inline `srcdoc` iframe, which renders in JupyterLab, VS Code and Colab alike.
# Search for "Sister Imelda Poole", click a node to see its neighbourhood, hover an edge to
# read the quote.

# %%
ego = gn.ego_view(G, "Sister Imelda Poole", radius=2)
page = build_page(ego, title="Sister Imelda Poole and her neighbourhood")
print(page.caption)
HTML(
    f'<div><iframe srcdoc="{html.escape(page.html, quote=True)}" '
    'style="width:100%;height:600px;border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>'
)
