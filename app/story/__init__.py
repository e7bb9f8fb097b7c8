"""Story mode: the case as numbered slides, each built from the live views.

model (what a slide is, what slides read), slides (the seven in order, each with the
inputs it declares; builders in case, measures, progress, scenario), evidence and parts
(what several slides share), navigation (?slide=, ?present=), display (arrangement and
projector mode), briefing (the offline HTML), form (the Streamlit side: where the page
is, what a slide reads, the controls' callbacks) and slide_form (a slide drawn on a
screen or a projector); only the two form modules import Streamlit or app.ui.
"""
