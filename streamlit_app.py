"""Entry point: page config, language, navigation. Pages live in pages/, logic in app/."""

import streamlit as st

from app.core.i18n import translator
from app.ui import auth, history, links, locale, router, snapshots, widgets

router.begin_shell()
lang = locale.checked_language()  # reads ?lang= before anything rewrites it
t = translator(lang)
st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
link_slot = st.sidebar.container()  # copy-link first: visible without scrolling the sidebar
locale.language_switch(t)
auth.sign_in_block(t)  # who is reading, and whether they may edit
snapshots.data_snapshot(t)  # one picker for every page; pages read snapshots.chosen_snapshot()

# Each page's url_path is its file stem (DESIGN.md's paths); the overview is served at /.
# A first deep link to a fresh server is handled by router.guard_legacy_router (pages/ folder).
pages = {
    t("app.nav.section_atlas"): [
        st.Page(
            "pages/overview.py", title=t("app.nav.overview"), icon=":material/home:", default=True
        ),
        st.Page(
            "pages/structure.py",
            title=t("structure.nav"),
            icon=":material/account_tree:",
            url_path="structure",
        ),
        st.Page(
            "pages/models.py", title=t("models.nav"), icon=":material/public:", url_path="models"
        ),
        st.Page(
            "pages/compare.py",
            title=t("compare.nav"),
            icon=":material/compare_arrows:",
            url_path="compare",
        ),
    ],
    t("app.nav.section_decide"): [
        st.Page("pages/gap.py", title=t("gap.title"), icon=":material/straighten:", url_path="gap"),
        st.Page(
            "pages/scenarios.py",
            title=t("scenarios.title"),
            icon=":material/tune:",
            url_path="scenarios",
        ),
        st.Page(
            "pages/checklist.py",
            title=t("checklist.title"),
            icon=":material/checklist:",
            url_path="checklist",
        ),
    ],
    t("app.nav.section_analyse"): [
        st.Page(
            "pages/workbench.py",
            title=t("workbench.nav"),
            icon=":material/terminal:",
            url_path="workbench",
        ),
        st.Page(
            "pages/dictionary.py",
            title=t("dictionary.nav"),
            icon=":material/menu_book:",
            url_path="dictionary",
        ),
        st.Page(
            "pages/import.py",
            title=t("importer.nav"),
            icon=":material/upload_file:",
            url_path="import",
        ),
    ],
    t("app.nav.section_present"): [
        st.Page(
            "pages/story.py",
            title=t("story.nav"),
            icon=":material/slideshow:",
            url_path="story",
        ),
    ],
}
page = st.navigation(pages)
page.run()
links.copy_link(t, page.url_path, link_slot)  # after the page: its bound widgets are in the URL
widgets.footer(t)
history.follow()  # Back/Forward step through this session's views
router.end_shell()
