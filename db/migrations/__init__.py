"""Alembic migration environment for the tracker's SQLite schema."""
