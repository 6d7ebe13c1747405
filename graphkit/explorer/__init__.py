"""The explorer: a browser workbench over the graph, served at ``/`` by ``graphkit serve``.

:mod:`graphkit.explorer.api` answers the page's requests (named questions,
entity suggestions, results with labels, evidence with passages) as plain
functions over a dataset; :mod:`graphkit.explorer.assets` serves the page and
its files from the package, so the explorer works with no network at all.
"""
