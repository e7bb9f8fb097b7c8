"""Entry point: page config, language, navigation. Pages live in pages/, logic in app/."""

import streamlit as st

from app import ui
from app.i18n import translator

st.set_page_config(page_title="Digital-government atlas", page_icon="🗺️", layout="wide")
lang = ui.language()
t = translator(lang)
ui.language_switch(t)

# url_path equals each file's stem, so the legacy pages/ router and st.navigation agree
# on a first deep link (the pages/ folder beside this script turns the legacy router on).
pages = {
    t("app.nav.section_atlas"): [
        st.Page(
            "pages/overview.py",
            title=t("app.nav.overview"),
            icon=":material/home:",
            url_path="overview",
            default=True,
        ),
    ],
}
st.navigation(pages).run()
ui.footer(t)
