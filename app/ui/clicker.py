"""A presenter's clicker and keyboard, and the size of the screen a slide is shown on.

A clicker sends PageDown/PageUp or the arrow keys; a keyboard also has Space. One small
offline component (st.components.v2: its script runs in the app's own document, not in
an iframe) listens on that document and reports a step of +1 or -1; it ignores keys
typed into a field and Space on a focused control (which Space presses). Each run
replaces the previous listener, so a key never acts twice. When asked, it also reports
the window's size, so a projector slide can size its charts' type to the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import streamlit as st

# Static code, never user text.
JS: Final = """
const NEXT = new Set(["PageDown", "ArrowRight", "ArrowDown", " "]);
const PREVIOUS = new Set(["PageUp", "ArrowLeft", "ArrowUp"]);
// where a key belongs to what has the focus: fields, lists, sliders, menus, an open panel
const TYPING = "input:not([type='checkbox']):not([type='button']), textarea, select, "
  + "[contenteditable=''], [contenteditable='true'], [role='textbox'], [role='combobox'], "
  + "[role='listbox'], [role='option'], [role='slider'], [role='spinbutton'], [role='menu'], "
  + "[role='menuitem'], [role='radio'], [role='tab'], [role='grid'], [role='dialog'], "
  + "[data-testid='stPopoverBody']";
const PRESSABLE = "button, a[href], summary, [role='button'], [role='switch'], "
  + "[role='checkbox'], input[type='checkbox'], label";

export default function (component) {
  const { data, setTriggerValue, setStateValue } = component;
  if (window.__atlasClicker) window.__atlasClicker();  // the previous run's listener

  const onKey = (event) => {
    if (event.defaultPrevented || event.isComposing || event.repeat) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const step = NEXT.has(event.key) ? 1 : PREVIOUS.has(event.key) ? -1 : 0;
    if (!step) return;
    const target = event.composedPath()[0];
    if (target instanceof Element) {
      if (target.closest(TYPING)) return;
      if (event.key === " " && target.closest(PRESSABLE)) return;
    }
    event.preventDefault();  // no page scroll: the key is the slide's
    setTriggerValue("step", step);
  };
  document.addEventListener("keydown", onKey);

  let timer = 0;
  const report = () => setStateValue("screen", [window.innerWidth, window.innerHeight]);
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  if (data && data.measure) {
    report();
    window.addEventListener("resize", onResize);
  }

  const stop = () => {
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("resize", onResize);
    clearTimeout(timer);
    if (window.__atlasClicker === stop) delete window.__atlasClicker;
  };
  window.__atlasClicker = stop;
  return stop;
}
"""

_component = st.components.v2.component("atlas_clicker", js=JS)


@dataclass(frozen=True)
class Screen:
    width: int
    height: int


def step(key: str) -> int:
    """The step (+1 or -1) the component with `key` reported in this run; 0 for none."""
    value = st.session_state[key].get("step") if key in st.session_state else None
    return value if value in (1, -1) else 0


def clicker(key: str, on_step: Callable[[], None], *, measure: bool = False) -> Screen | None:
    """Mount the listener; on_step runs (a callback, before the run) when a key steps.
    With measure, the window's size in CSS pixels once the browser has reported it."""
    result = _component(
        key=key,
        data={"measure": measure},
        on_step_change=on_step,
        on_screen_change=lambda: None,
        width="stretch",
        height="content",
    )
    screen = result.get("screen") if measure else None
    if isinstance(screen, list) and len(screen) == 2 and all(isinstance(v, int) for v in screen):
        return Screen(*screen)
    return None
