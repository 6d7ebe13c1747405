"""The vocabulary: namespaces, prefixes, IRI patterns and the ontology's terms.

It sits below every other layer (corpus, facts, rdf, sparql, network, viz), so
each of them imports it and it imports none of them.
"""
