"""The "What changed since the source" section of a slide in the HTML briefing: the same
content the app's section shows (app.ui.since), every value escaped as text."""

from __future__ import annotations

from collections.abc import Sequence

from app.core import since
from app.core.text import html_text
from app.story.model import Translator


def since_html(shown: Sequence[since.SinceItem], t: Translator) -> str:
    """The section as HTML: labelled as reported elsewhere; addresses as text, not links."""
    if not shown:
        return ""
    parts = [
        '<div class="since">',
        f"<h3>{html_text(t('since.title'))}</h3>",
        f'<p class="notice">{html_text(t("since.reported_elsewhere"))}</p>',
        "<ul>",
    ]
    for item in shown:
        addresses = "<br>".join(html_text(a) for a in item.addresses)
        parts.append(
            f"<li><strong>{html_text(item.happened)}</strong> · {html_text(item.what)}"
            f'<div class="note">{html_text(t("since.how_sure", text=item.how_sure))}</div>'
            f'<div class="note">{html_text(t("since.reported_at"))}<br>'
            f"<code>{addresses}</code></div></li>"
        )
    parts.append("</ul>")
    if open_points := since.unknowns(tuple(shown)):
        parts.append(f"<p><strong>{html_text(t('since.unknown_heading'))}</strong></p>")
        parts.append("<ul>" + "".join(f"<li>{html_text(p)}</li>" for p in open_points) + "</ul>")
    parts.append("</div>")
    return "".join(parts)
