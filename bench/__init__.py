"""Benchmark with budgets (outside the test run): `make bench` writes bench/results.json and bench/REPORT.md."""
