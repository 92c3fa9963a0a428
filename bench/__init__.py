"""Benchmarks: run `python bench/web.py`; they print JSON lines and are not tests."""
