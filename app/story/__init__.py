"""Story mode: the case as numbered slides, each built from the live views.

model (what a slide is, what slides read), slides (the seven in order, each with the
inputs it declares; builders in case, measures, progress, scenario), evidence and parts
(what several slides share), navigation (?slide=, ?present=), display (arrangement and
projector mode), briefing (the offline HTML) and form (the Streamlit side: the only
module here that imports Streamlit or app.ui).
"""
