"""Small reusable widgets and delegates: filter bar, RAG chip, optional date edit."""
