"""Benchmarks: each figure is a ratio against a ceiling measured in the same run."""
