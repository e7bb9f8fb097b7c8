"""The recommendation checklist: the source's items, their progress kept in the state store.

model (statuses, edits and their validation), store (saves with optimistic concurrency
and an audit row per changed field), table (the items as one frame, progress counts),
labels (frames as the page shows them), export (spreadsheet and Markdown handout) and
form (the page's Streamlit state and callbacks; the only module importing Streamlit).
"""
