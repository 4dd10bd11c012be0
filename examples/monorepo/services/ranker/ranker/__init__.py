"""Second-stage ranking for help-centre search: semantic similarity, then a cross-encoder rerank."""
