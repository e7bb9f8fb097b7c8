"""The performance budgets of DESIGN.md, measured (`make bench`, i.e. `python -m bench`).

Printed, never asserted: tests/ holds the tests of this machinery, not its timings.
"""
