"""Streamlit glue, one module per job; pages import the module they need.

- session: the DuckDB connection, the query pool, cached views and code labels
- locale: the language (?lang=), its switch, the translator
- router: the entry script's shell, the legacy pages/ router guard
- url: the URL state of every page (widgets bound to ?params, code-valued widgets) and
  the checks of what a URL asks for
- snapshots: the sidebar snapshot picker (?snapshot=)
- links: the permalink of the current view and its "copy link" popover
- widgets: source popover, provenance link, footer
- downloads: CSV / XLSX / Parquet / JSON buttons
- figures: cached maps, bars and hierarchy (views read here, built in app.figures)
- structure_facets: the structure explorer's facets and click-to-filter callbacks
- internals: the only use of Streamlit's private internals, and why
- editor: who is editing (checklist, scenarios)
"""
