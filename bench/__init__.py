"""Benchmarks: `python bench/run.py`; the plan generator is shared with the kill tests."""
