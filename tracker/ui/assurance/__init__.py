"""The window's assurance views: the plan's RAG rule and the coverage of its findings and
quality statements."""
