"""A styled table as st.dataframe sends it, its styles worked out once.

st.dataframe computes a pandas Styler's styles and translates them into cells in every
run (Styler._compute, Styler._translate: per cell, most of a small styled table's cost),
again for a cached table that never changes. `drawn(styler)` does both once and has the
Styler answer those two calls with the results. Streamlit takes only a Styler itself (it
checks the exact type), so the two methods are replaced on the instance, not subclassed.
The Styler must not be changed afterwards; its uuid (its CSS selectors) stays the same.
"""

from __future__ import annotations

from typing import Any

from pandas.io.formats.style import Styler

DRAWN_ARGS = (False, False)  # sparse_index, sparse_columns: what st.dataframe translates with


def drawn(styler: Styler) -> Styler:
    """styler, computed and translated now; st.dataframe then reuses both in every run."""
    styler._compute()
    translated = styler._translate(*DRAWN_ARGS)

    def compute() -> Styler:
        return styler  # computed above: the styles are in styler.ctx

    def translate(*args: Any, **kwargs: Any) -> dict[str, Any]:
        if args == DRAWN_ARGS and not kwargs:
            return translated
        return Styler._translate(styler, *args, **kwargs)  # any other rendering, as usual

    styler._compute = compute  # type: ignore[method-assign]
    styler._translate = translate  # type: ignore[method-assign]
    return styler
