"""Browser Back and Forward step through the views of a session, never out of the app.

Streamlit 1.67 writes a bound widget's change into the URL with history.replaceState (no
history entry: Back then leaves the app) and a st.query_params change with pushState. On
Back/Forward it reruns with the restored URL as a history navigation (bound widgets take
the URL's values; app.ui.url re-reads what pages seed before drawing).

The script below, run once per browser tab, makes a change of the query string that
follows a user's action a new history entry, and keeps the rewrites Streamlit makes while
restoring a view after Back/Forward in place (so Forward still works). It is static text,
never user data, and loads nothing.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

SCRIPT: Final = """<script>
(() => {
  const w = window;
  if (w.__atlasHistory) return;
  w.__atlasHistory = true;
  const h = w.history;
  const push = h.pushState.bind(h);
  const replace = h.replaceState.bind(h);
  // true from Back/Forward until the reader next clicks or types: the app is restoring
  let restoring = false;
  w.addEventListener("popstate", () => { restoring = true; }, true);
  for (const kind of ["pointerdown", "keydown"]) {
    w.addEventListener(kind, () => { restoring = false; }, true);
  }
  const sameView = (url) => {
    if (url === undefined || url === null) return null;
    const next = new URL(String(url), w.location.href);
    if (next.pathname !== w.location.pathname) return null;
    return next.search !== w.location.search;
  };
  h.replaceState = function (state, unused, url) {
    if (!restoring && sameView(url)) return push(state, unused, url);
    return replace(state, unused, url);
  };
  h.pushState = function (state, unused, url) {
    if (restoring && sameView(url) !== null) return replace(state, unused, url);
    return push(state, unused, url);
  };
})();
</script>"""


def follow() -> None:
    """Install the script (the entry script calls this on every run; it acts once per tab)."""
    st.html(SCRIPT, unsafe_allow_javascript=True)
