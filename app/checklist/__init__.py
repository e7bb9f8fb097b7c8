"""The recommendation checklist: the source's items, their progress kept in the state store.

model (statuses, edits and their validation), store (saves with optimistic concurrency
and an audit row per changed field), table (the items as one frame, progress counts),
labels (frames as the page shows them), export (spreadsheet and Markdown handout) and
form (the page's Streamlit state and callbacks; the only module importing Streamlit).
"""

# The names the story and other callers outside this package read as `checklist.X`;
# code inside the package imports the module that does the job.
from app.checklist.model import CATEGORY_ORDER, STATUSES, Status, make_edit
from app.checklist.store import get_item, save_item
from app.checklist.table import items, overall, progress

__all__ = [
    "CATEGORY_ORDER",
    "STATUSES",
    "Status",
    "get_item",
    "items",
    "make_edit",
    "overall",
    "progress",
    "save_item",
]
