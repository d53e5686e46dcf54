"""Text from the store (or the user) made safe for each renderer it reaches. Pure: no Streamlit.

Each renderer reads text differently (docs: /work/shared/FIELD-NOTES.md, "Text from data reaches four
renderers"):
- plotly titles, annotations, axis titles, legend names and hover text render a subset of HTML (`<a href>`,
  `<b>`, `<br>`, `<span style>`): `plotly_text` escapes it, plotly then shows `&lt;b&gt;` as `<b>`.
- Streamlit markdown (`st.markdown`, `st.caption`, `st.info` …) renders Markdown and auto-links bare
  `www.` and `http(s)://` text and e-mail addresses even when every Markdown special is backslash-escaped:
  `markdown_text` escapes the specials and breaks the auto-link patterns with an invisible word joiner.
- `st.html` is sanitised by DOMPurify, which keeps `<a href>`: `html_text` escapes it.
- Only a URL the store holds as a source's URL, and only http(s), becomes a link: `link_url`.
Dataframes show text as text and need nothing.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

WORD_JOINER = "\u2060"  # invisible, zero width: "www\u2060.x" is no longer "www." to a linkifier
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
_AUTOLINK = re.compile(r"(?i)(www)(?=\\?\.)|(https?|ftp|mailto)(?=\\?:)|(@)")


def plotly_text(value) -> str:
    """Text for a plotly title, annotation, axis title, legend entry or hover label: no tag takes effect."""
    return html.escape("" if value is None else str(value), quote=False)


def html_text(value) -> str:
    """Text inside st.html (or any HTML we write): no tag or entity takes effect."""
    return html.escape("" if value is None else str(value))


def markdown_text(value) -> str:
    """Text inside st.markdown / st.caption / alerts: no emphasis, heading, link, HTML or auto-link."""
    escaped = _MD_SPECIALS.sub(r"\\\1", "" if value is None else str(value))
    return _AUTOLINK.sub(lambda m: m.group() + WORD_JOINER, escaped)


def link_url(url) -> str | None:
    """The URL if it may become a link (http or https with a host and no spaces), else None."""
    if not isinstance(url, str) or not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        return None
    return url.strip()


def markdown_link(label, url) -> str:
    """A Markdown link from a source's label and URL; the label alone (as text) when the URL may not be a link."""
    safe = link_url(url)
    if safe is None:
        return markdown_text(label)
    target = safe.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{markdown_text(label)}]({target})"
