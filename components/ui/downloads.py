"""Downloads of what is shown: the data behind a view, chart images and the brief's deck.

Data comes as two files, both made when clicked (components/export.py): a ZIP of `<stem>.csv` (pure data),
`sources.csv` and `README.md`, and an XLSX with a "data" and a "sources" sheet. The sources are rows of
queries/sources.sql (a frame); the ids in a frame's `source_id`/`Sources` column are added to them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import queries
from components.export import image_credit, sheet_names, sources_named_in, to_xlsx_bytes, to_zip_bytes
from components.i18n import _, fmt_int, language, ngettext

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _ids_in(frame: pd.DataFrame) -> set[str]:
    ids: set[str] = set()
    for col in dict.fromkeys(("source_id", "Sources", "sources", _("Sources"))):  # a page's column, as shown
        if col in frame.columns:
            for cell in frame[col].dropna().unique():
                ids.update(i.strip() for i in str(cell).split(";") if i.strip())
    return ids


def _as_sources(sources, frame: pd.DataFrame) -> pd.DataFrame:
    """The sources of a download as rows of queries/sources.sql: the ones given, and those the frame names."""
    from components.ui.sources import SOURCE_COLUMNS, sources_frame

    given = sources if isinstance(sources, pd.DataFrame) else pd.DataFrame(columns=SOURCE_COLUMNS)
    if sources is not None and not isinstance(sources, pd.DataFrame) and len(sources):  # plain credit lines
        given = pd.DataFrame({"source_id": list(sources), "citation": list(sources)}).reindex(columns=SOURCE_COLUMNS)
    missing = _ids_in(frame) - set(given["source_id"].dropna())
    if missing:
        given = pd.concat([given, sources_frame(missing)], ignore_index=True) if len(given) else sources_frame(missing)
    return given.drop_duplicates(subset=["source_id"], ignore_index=True)


def csv_label(label: str) -> str:
    """The CSV button's text for what it downloads ("Download the data behind this chart (CSV)")."""
    return _("Download {label} (CSV)").format(label=label)


def download_bar(
    frame: pd.DataFrame, file_stem: str, sources: pd.DataFrame | list[str] | None, label: str, view: str = ""
) -> None:
    """The data of what is shown, made when clicked: CSV (a ZIP with its sources and a README) and XLSX (a data
    and a sources sheet). `frame` must hold raw values (numbers as numbers), not display text."""
    all_sources = _as_sources(sources, frame)
    title = _("UTMC Explorer: {label}").format(label=label)
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            csv_label(label),
            data=lambda: to_zip_bytes(frame, file_stem, all_sources, title, view),
            file_name=f"{file_stem}.zip",
            mime="application/zip",
            icon=":material/download:",
            on_click="ignore",
            help=_(
                "A ZIP: {file}.csv (the data, numbers as numbers), sources.csv (publisher, licence, address "
                "of each source) and README.md (how to cite)."
            ).format(file=file_stem),
        )
        st.download_button(
            _("Excel (XLSX)"),
            data=lambda: to_xlsx_bytes(frame, all_sources, title, view),
            file_name=f"{file_stem}.xlsx",
            mime=XLSX,
            icon=":material/table:",
            on_click="ignore",
            help=_("{label} as a workbook: a “{data}” sheet and a “{sources}” sheet with licences.").format(
                label=label.capitalize(), data=sheet_names()[0], sources=sheet_names()[1]
            ),
        )


def image_downloads(figure, file_stem: str, sources: pd.DataFrame | None = None, source: str = "") -> None:
    """PNG and SVG of a chart, made on click (kaleido + chromium), with title, source and licence drawn in the
    picture; said plainly when they cannot be made."""
    from components.deck import chromium_available, figure_image, figure_source

    if not chromium_available():
        st.caption(_("Chart images need chromium on the server, and none is installed here; the CSV has the data."))
        return
    credit = None
    if sources is not None and len(sources):
        source = source or figure_source(figure) or _publishers(sources)
        credit = image_credit(source, sources_named_in(source, sources))
    with st.container(horizontal=True, gap="small"):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(
                f"{fmt.upper()}",
                data=lambda fmt=fmt: figure_image(figure, fmt, credit=credit),
                file_name=f"{file_stem}.{fmt}",
                mime=mime,
                icon=":material/image:",
                on_click="ignore",
                key=f"img_{file_stem}_{fmt}",
                help=_("Download this chart as {format}, with its source and licence in the picture").format(
                    format=fmt.upper()
                ),
            )


def _publishers(sources: pd.DataFrame) -> str:
    names = list(dict.fromkeys(p for p in sources["publisher"] if isinstance(p, str) and p.strip()))
    if len(names) <= 5:
        return "; ".join(names)
    more = len(names) - 5
    shown = "; ".join(names[:5])
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(names=shown, n=fmt_int(more))


def deck_key(filters: dict, with_flagged: bool) -> tuple:
    """What a deck is made for: the store version, the filters, the flagged-figures switch and the language."""
    from components.ui.store import _freeze

    return (queries.store_identity(), _freeze(filters), bool(with_flagged), language())


def deck_file_name(filters: dict) -> str:
    name = "-".join(filters["regions"]).lower().replace(" ", "-") or "all-regions"
    return f"utmc-brief-{name}.pptx"


def deck_download(slides: list, filters: dict) -> None:
    """Build the PPTX on request, with progress, then offer it — only while the view is the one it was made for:
    after a change of region, income group, network, flagged switch, language or store version, the old deck is
    dropped."""
    from components.deck import build_pptx, chromium_available
    from components.ui.sidebar import include_flagged

    if not chromium_available():
        st.caption(_("The deck needs chromium on the server for its chart images, and none is installed here."))
        return
    key = deck_key(filters, include_flagged())
    prepared = st.session_state.get("deck")
    if prepared is not None and prepared.get("key") != key:
        del st.session_state["deck"]  # made for another view: never offered here
        prepared = None
    if prepared is None and st.button(_("Prepare the deck (PPTX)"), icon=":material/co_present:", key="prepare_deck"):
        with st.status(_("Preparing the deck…"), expanded=True) as status:
            bar = st.progress(0.0)
            data = build_pptx(slides, progress=lambda f, m: bar.progress(f, text=m))
            status.update(label=_("Deck ready"), state="complete", expanded=False)
        prepared = st.session_state["deck"] = {"key": key, "data": data, "file_name": deck_file_name(filters),
                                               "title": slides[0].title}  # fmt: skip
    if prepared is not None:
        st.download_button(_("Download the deck ({file})").format(file=prepared["file_name"]), prepared["data"],
                           prepared["file_name"],
                           PPTX, icon=":material/download:", on_click="ignore", key="download_deck")  # fmt: skip
