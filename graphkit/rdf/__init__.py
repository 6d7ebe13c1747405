"""RDF: the closed vocabulary, the build from facts to a dataset, I/O, validation and the store."""
