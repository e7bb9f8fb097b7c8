"""Reform scenarios: named, ordered steps applied to a copy of the agencies, before and after.

model: what a scenario and its steps are, and the presets; engine: the steps applied to
the rows (pure pandas); results: the views' figures over the source's rows and over the
scenario's (app.data.metrics); store: saved scenarios in the state store; export: XLSX
and JSON; wording: the page's sentences; form: the page's state, callbacks and caches
(the one module here that imports Streamlit).
"""
