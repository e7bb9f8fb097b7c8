"""The benchmark's output: one row per measurement beside its budget, PASS or OVER."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    what: str
    value: float
    unit: str
    budget: float | None  # None: printed for reference, no budget

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "-"
        return "PASS" if self.value <= self.budget else "OVER"


class Table:
    WIDTH = 76

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def section(self, title: str) -> None:
        print(f"\n== {title}", flush=True)
        print(f"{'measurement':<{self.WIDTH}} {'value':>9} {'unit':<8} {'budget':>8}  verdict")

    def add(self, row: Row) -> None:
        self.rows.append(row)
        budget = "-" if row.budget is None else f"<= {row.budget:g}"
        print(
            f"{row.what:<{self.WIDTH}} {row.value:>9.2f} {row.unit:<8} {budget:>8}  {row.verdict}",
            flush=True,
        )

    def summary(self) -> None:
        budgeted = [r for r in self.rows if r.budget is not None]
        over = [r for r in budgeted if r.verdict == "OVER"]
        print(f"\n{len(budgeted) - len(over)} of {len(budgeted)} budgeted measurements PASS")
        for r in over:
            print(f"  OVER: {r.what}: {r.value:.2f} {r.unit} (budget {r.budget:g})")
