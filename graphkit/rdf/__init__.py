"""RDF: the build from facts to a dataset, deterministic serialization, validation and the store."""
