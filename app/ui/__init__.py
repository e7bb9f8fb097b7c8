"""Streamlit glue, one module per job; pages import the module they need.

- session: the DuckDB connection, the query pool, cached views and code labels
- locale: the language (?lang=), its switch, the translator
- router: the entry script's shell, the legacy pages/ router guard
- url: URL state (widgets bound to ?params) and the checks of what a URL asks for
- snapshots: the sidebar snapshot picker (?snapshot=)
- links: the permalink of the current view and its "copy link" popover
- widgets: source popover, provenance link, footer
- downloads: CSV / XLSX / Parquet / JSON buttons
- figures: cached maps, bars and hierarchy (views read here, built in app.figures)
- structure_facets: the structure explorer's facets and click-to-filter callbacks
- internals: the only use of Streamlit's private internals, and why
- editor: who is editing (checklist); url_state: code-valued widgets (checklist)
"""

# Re-exported for pages and modules of other areas that still call `ui.<name>`
# (checklist, scenarios, story, and tests/test_engine_faults.py); new code imports
# the submodule itself.
from app.ui.downloads import download_buttons
from app.ui.links import copy_link
from app.ui.locale import current_language, current_translator
from app.ui.session import clear_caches, connection, label, query_pool, view
from app.ui.snapshots import SNAPSHOT_KEY, chosen_snapshot
from app.ui.url import check_choice, check_flag, drop_params, notice, number_input
from app.ui.widgets import provenance_link, source_popover

__all__ = [
    "SNAPSHOT_KEY",
    "check_choice",
    "check_flag",
    "chosen_snapshot",
    "clear_caches",
    "connection",
    "copy_link",
    "current_language",
    "current_translator",
    "download_buttons",
    "drop_params",
    "label",
    "notice",
    "number_input",
    "provenance_link",
    "query_pool",
    "source_popover",
    "view",
]
