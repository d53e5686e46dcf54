"""The Streamlit pieces every page shares: the store gate, cached named queries, the filter sidebar,
the download bar and the source footer. Everything else in components/ is pure."""

from __future__ import annotations

import hashlib
import html
import logging
import threading
import time

import pandas as pd
import streamlit as st

import queries
from components.escape import html_text, link_url
from components.export import to_csv_bytes
from data.store import store_path

log = logging.getLogger("utmc")
_build_lock = threading.Lock()

FILTER_KEYS = {"region": "region", "income": "income", "network": "network"}


def ensure_store() -> None:
    """Build the store on first start (with progress); stop with a clear message if it is unreadable."""
    path = store_path()
    if not path.exists():
        with _build_lock:
            if not path.exists():
                from data.build import BuildError, build

                with st.status("First start: building the store from registry packages…", expanded=True) as status:
                    bar = st.progress(0.0)
                    try:
                        report = build(path, progress=lambda f, msg: bar.progress(f, text=msg))
                    except BuildError as e:
                        log.error("store build refused: %s", e)
                        status.update(label="The store could not be built", state="error")
                        st.error(f"The store could not be built: {e}")
                        st.stop()
                    status.update(label=f"Store built in {report.seconds:.0f} s", state="complete", expanded=False)
    try:
        queries.connection()
    except queries.StoreError as e:
        log.error("store refused: %s", e)
        st.error(
            f"**The data store cannot be read.** {e}\n\n"
            "The file was left as it is. To start afresh, move it aside and run `python -m data build` "
            f"(store path: `{path}`; set `UTMC_STORE` to use another file)."
        )
        st.stop()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, store_ident: tuple, params_digest: str, _params: tuple) -> pd.DataFrame:
    return queries.run_query(name, store=store_ident[0], **dict(_params))


def query(name: str, **params) -> pd.DataFrame:
    """queries.run_query with a cache keyed by the query, its parameters and the store file version."""
    frozen = _freeze(params)
    return _cached(name, queries.store_identity(), _digest(frozen), frozen)


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_choices(store_ident: tuple) -> dict[str, tuple[str, ...]]:
    options = queries.run_query("filter_options", store=store_ident[0])
    return {f: tuple(options.loc[options["filter"] == f, "value"]) for f in ("region", "income_group", "network")}


def filter_choices() -> dict[str, tuple[str, ...]]:
    """The values each sidebar filter offers (queries/filter_options.sql), in display order."""
    return _filter_choices(queries.store_identity())


def sidebar_filters() -> dict[str, list[str]]:
    """Region, income group and network filters, bound to the URL (?region=Europe&network=C40)."""
    choices = filter_choices()
    with st.sidebar:
        st.header("Filters")
        region = st.multiselect(
            "World region (UN M49)",
            choices["region"],
            key=FILTER_KEYS["region"],
            bind="query-params",
            placeholder="All regions",
            help="Regions, sub-regions and intermediate regions of the UN M49 standard. "
            + "A city matches if its country lies in any region chosen.",
        )
        income = st.multiselect(
            "Income group (World Bank)",
            choices["income_group"],
            key=FILTER_KEYS["income"],
            bind="query-params",
            placeholder="All income groups",
        )
        network = st.multiselect(
            "Network",
            choices["network"],
            key=FILTER_KEYS["network"],
            bind="query-params",
            placeholder="All networks",
        )
        st.toggle(
            "Include flagged figures",
            key="flagged",
            bind="query-params",
            help="Figures that failed a plausibility check (data/checks.py; listed on the Data page) are left out of "
            "charts, trends, sums and comparisons. Switch this on to put them back; every view says how many.",
        )
        st.caption("The address bar holds these filters: copy it to share this view.")
    return {"regions": region, "income_groups": income, "networks": network}


def include_flagged() -> bool:
    """The sidebar's "Include flagged figures" switch (?flagged=true)."""
    return bool(st.session_state.get("flagged", False))


def filters_text(filters: dict[str, list[str]]) -> str:
    parts = [", ".join(v) for v in filters.values() if v]
    return "; ".join(parts) if parts else "all regions, income groups and networks"


@st.cache_resource(show_spinner=False, max_entries=4)
def _all_sources(store_ident: tuple) -> dict[str, tuple]:
    """Every source of the store: source_id -> its row of queries/sources.sql (shared, read-only)."""
    table = queries.run_query("sources", store=store_ident[0], source_ids=[])
    return {row.source_id: row for row in table.itertuples(index=False)}


def sources_for(source_ids, store_ident: tuple | None = None) -> list[tuple]:
    """The rows of queries/sources.sql for these ids, in id order (unknown ids are left out)."""
    table = _all_sources(store_ident or queries.store_identity())
    return [table[i] for i in sorted(set(source_ids)) if i in table]


SOURCE_COLUMNS = ["source_id", "title", "publisher", "url", "licence", "accessed", "citation"]  # sources.sql


def sources_frame(source_ids, store_ident: tuple | None = None) -> pd.DataFrame:
    """sources_for as a frame (the columns of queries/sources.sql), for tables and downloads."""
    return pd.DataFrame(sources_for(source_ids, store_ident), columns=SOURCE_COLUMNS)


FOOTER_LISTED = 100


def source_footer(source_ids: list[str], label: str = "Sources") -> list[str]:
    """Print the credit lines of the given sources under a view; return them all for downloads.

    The list under the view stops at FOOTER_LISTED entries; past that, a download carries them all."""
    if not len(source_ids):
        return []
    sources = sources_for(source_ids)
    lines = [row.citation for row in sources]
    more = len(sources) - FOOTER_LISTED
    listed = sources[:FOOTER_LISTED]
    items = "".join(
        f"<li>{html_text(row.citation)}"
        + (
            f' — <a href="{html_text(link_url(row.url))}" target="_blank" rel="noopener">{html_text(row.url)}</a>'
            if link_url(row.url)
            else (f" — {html_text(row.url)}" if isinstance(row.url, str) and row.url else "")
        )
        + f" ({html.escape(row.licence if isinstance(row.licence, str) else 'licence not stated')})</li>"
        for row in listed
    )
    if more > 0:
        items += f"<li>… and {more:,} more: download the whole list below.</li>"
    # st.html, not st.markdown(unsafe_allow_html=True): markdown with raw HTML loads a 190 kB parser
    # (rehype-raw) into the browser on the first view; st.html sanitises with DOMPurify (30 kB) (docs/field-notes.md).
    st.html(
        "<style>.utmc-sources a{color:#0b5fa5}.utmc-sources summary{cursor:pointer}</style>"
        f'<details class="utmc-sources"><summary>{html.escape(label)} ({len(lines):,})</summary>'
        f"<ul>{items}</ul></details>"
    )
    if more > 0:
        download_bar(
            pd.DataFrame(sources, columns=SOURCE_COLUMNS),
            "utmc-sources-of-this-view",
            [],
            f"all {len(sources):,} sources",
        )
    return lines


def download_bar(frame: pd.DataFrame, file_stem: str, source_lines: list[str], label: str) -> None:
    """A CSV of what is shown, with its sources; made when clicked, not on every rerun."""
    st.download_button(
        f"Download {label} (CSV)",
        data=lambda: to_csv_bytes(frame, source_lines),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """A small table a viewer reads rather than sorts, as plain HTML (components/tables.py says why)."""
    from components.tables import html_table

    st.html(html_table(frame, caption))


def escape_text(text: str) -> str:
    from components.practices import escape_markdown

    return escape_markdown(text)


def legend_swatch(colour: str, label: str) -> str:
    """A legend entry: a coloured dot and its label in words (colour is never the only cue)."""
    return (
        f'<span style="display:inline-flex;align-items:center;margin-right:1rem">'
        f'<span style="width:.9rem;height:.9rem;border-radius:50%;background:{html.escape(colour)};'
        f'display:inline-block;margin-right:.35rem;border:1px solid #fff;box-shadow:0 0 0 1px #999"></span>'
        f"{html.escape(label)}</span>"
    )


def upload_form() -> None:
    """The gated import form: same importer, same report as the command line."""
    import tempfile
    from pathlib import Path

    from components.admin import admin_secret, is_admin
    from data.importers import FORMATS, ImportRefused, run_import

    with st.form("upload", clear_on_submit=True):
        fmt = st.radio(
            "Format",
            list(FORMATS),
            horizontal=True,
            help="CDP inventories or targets, Net Zero Tracker (xlsx), or our template",
        )
        upload = st.file_uploader("File", type=["csv", "xlsx"], accept_multiple_files=False)
        dry_run = st.checkbox("Check only (dry run): report, write nothing")
        secret = st.text_input("Admin secret", type="password", autocomplete="off")
        submitted = st.form_submit_button("Import", type="primary")
    if not submitted:
        return
    if not is_admin(secret, admin_secret()):
        log.warning("import refused: wrong admin secret")
        st.error("That is not the admin secret of this server. Nothing was imported.")
        return
    if upload is None:
        st.warning("Choose a file first.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getbuffer())
        bar = st.progress(0.0, text="Starting")
        try:
            report = run_import(fmt, path, store_path(), dry_run=dry_run, progress=lambda f, m: bar.progress(f, m))
        except (ImportRefused, OSError) as e:  # the same one line the command line prints (data/__main__.py)
            bar.empty()
            log.warning("import refused: %s", e)
            st.error(f"The file was refused; the store is unchanged. {escape_text(str(e))}")
            return
        except Exception as e:  # a case no check foresaw: the log keeps the traceback, the page says one line
            bar.empty()
            log.exception("import failed")
            st.error(f"The file was refused; the store is unchanged. {escape_text(f'unexpected {type(e).__name__}')}")
            return
    (st.success if report.rows_imported else st.warning)(
        f"{report.rows_imported:,} of {report.rows_read:,} rows "
        + ("would be imported (dry run)." if dry_run else "imported.")
    )
    st.code(report.summary(), language=None)
    problems = report.problems_frame()
    if len(problems):
        st.dataframe(problems, hide_index=True)
        download_bar(problems, "utmc-import-problems", [], "row problems")


def _choose_city(key: str) -> None:
    hits = st.session_state.get(f"{key}_hits")
    choice = st.session_state.get(f"{key}_choice")
    if hits is not None and choice is not None:
        st.query_params["city"] = str(int(hits.loc[choice, "city_id"]))
        st.session_state[f"{key}_q"] = ""


def _clear_city() -> None:
    st.query_params.pop("city", None)


def city_picker(key: str = "city", show_choice: bool = True) -> dict | None:
    """The city of the view: `?city=<GeoNames id>` in the URL, found with a search box.

    Returns the queries/city_profiles.sql row as a dict, or None (with a clear message for a bad id)."""
    from components.practices import escape_markdown

    raw = st.query_params.get("city", "")
    profile = None
    if raw:
        found = profiles([int(raw)]) if raw.isdigit() and len(raw) < 12 else None
        if found is not None and len(found):
            profile = found.iloc[0].to_dict()
        else:
            st.warning(
                f"No city has the id “{escape_markdown(raw[:40])}”. Find one with the search box below.",
                icon=":material/help:",
            )
    cols = st.columns([2, 3])
    typed = cols[0].text_input(
        "Find a city", key=f"{key}_q", placeholder="Type part of a name, e.g. Bogotá", max_chars=80
    )
    if typed.strip():
        hits = query("city_search", q=typed)
        st.session_state[f"{key}_hits"] = hits
        if hits.empty:
            cols[1].info(f"No city of 15,000+ people matches “{escape_markdown(typed[:40])}”.")
        else:
            cols[1].selectbox(
                f"{len(hits)} matches (network members first, then by population)",
                hits.index,
                index=None,
                key=f"{key}_choice",
                format_func=lambda i: (
                    f"{hits.loc[i, 'name']}, {hits.loc[i, 'country']}"
                    + (" · member" if hits.loc[i, "is_member"] else "")
                ),
                on_change=_choose_city,
                args=(key,),
            )
    if profile and show_choice:
        c = st.columns([5, 1])
        c[0].markdown(f"For **{escape_markdown(profile['city'])}**, {escape_markdown(profile['country'])}")
        c[1].button("Clear city", on_click=_clear_city, key=f"{key}_clear")
    return profile


def chart(figure, summary: str, data: pd.DataFrame, file_stem: str, source_lines: list[str]) -> None:
    """A chart with its one-sentence summary (shown, and its accessible description) and the CSV behind it."""
    st.plotly_chart(figure, config={"displaylogo": False, "toImageButtonOptions": {"filename": file_stem}}, alt=summary)
    st.markdown(f"**{escape_text(summary)}**")
    download_bar(data, file_stem, source_lines, "the data behind this chart")
    image_downloads(figure, file_stem)


def set_compared(ids: list[int]) -> None:
    """The Compare page's cities live in ?cities=; the picker's ?city= is consumed."""
    st.query_params.pop("city", None)
    if ids:
        st.query_params["cities"] = ",".join(str(i) for i in ids)
    else:
        st.query_params.pop("cities", None)


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _digest(frozen: tuple) -> str:
    """A cache key for frozen parameters: Streamlit hashes a long tuple item by item (1,800 source ids
    took tens of milliseconds); the repr of str/int/float tuples is exact and hashes at once."""
    return hashlib.sha1(repr(frozen).encode("utf-8")).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=16)
def _network_base(store_ident: tuple, networks: tuple) -> pd.DataFrame:
    """network_cities.sql for all regions and income groups, once per network choice (shared, read-only)."""
    return queries.run_query("network_cities", store=store_ident[0], networks=list(networks))


def _network_cities(store_ident: tuple, filters: tuple) -> pd.DataFrame:
    from components.network import filter_cities

    params = dict(filters)
    base = _network_base(store_ident, tuple(params["networks"]))
    return filter_cities(base, list(params["regions"]), list(params["income_groups"]))


def network_cities(filters: dict) -> pd.DataFrame:
    """The member cities the filters select (the rows of queries/network_cities.sql), a fresh copy."""
    return _network_cities(queries.store_identity(), _freeze(filters))


@st.cache_resource(show_spinner=False, max_entries=4)
def _outlines_json(store_ident: tuple) -> str:
    from components.maps import outlines_json

    return outlines_json(queries.run_query("country_outlines", store=store_ident[0]))


@st.cache_data(show_spinner=False, max_entries=64)
def _network_deck(store_ident: tuple, filters: tuple, networks: tuple) -> tuple[str, dict | None]:
    from components.maps import network_map, with_outlines

    cities = _network_cities(store_ident, filters)
    deck = network_map(cities, None, list(networks))
    return with_outlines(deck.to_json(), _outlines_json(store_ident)), deck._tooltip


def network_deck(filters: dict, networks: list[str]):
    """The Network map, serialised once per filter set and store version (the outlines make it large)."""
    from components.maps import FrozenDeck

    spec, tooltip = _network_deck(queries.store_identity(), _freeze(filters), tuple(networks))
    return FrozenDeck(spec, tooltip)


@st.cache_resource(show_spinner=False, max_entries=4)
def _peer_features(store_ident: tuple) -> pd.DataFrame:
    """Shared, not copied: find_peers only reads it."""
    return queries.run_query("peer_features", store=store_ident[0])


@st.cache_resource(show_spinner=False, max_entries=4)
def _all_profiles(store_ident: tuple) -> pd.DataFrame:
    """queries/city_profiles.sql for every city, indexed by id (shared, read-only; ~34,000 rows)."""
    return queries.run_query("city_profiles", store=store_ident[0], city_ids=[]).set_index("city_id", drop=False)


def profiles(city_ids: list[int]) -> pd.DataFrame:
    """The rows of queries/city_profiles.sql for these ids, in the order asked; unknown ids are absent and an id
    asked twice comes once. Looked up in memory: the query took ~10 ms even for one city."""
    table = _all_profiles(queries.store_identity())
    wanted = [i for i in dict.fromkeys(int(i) for i in city_ids) if i in table.index]
    return table.loc[wanted].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def _peer_members(store_ident: tuple) -> pd.DataFrame:
    """The peer features of the network members only (shared, read-only)."""
    features = _peer_features(store_ident)
    return features[features["is_member"].to_numpy(dtype=bool)]


@st.cache_data(show_spinner=False, max_entries=128)
def _peers(store_ident: tuple, city_id: int, weights: tuple, members_only: bool, limit: int) -> pd.DataFrame:
    from components.peers import find_peers

    return find_peers(_peer_features(store_ident), city_id, dict(weights), members_only, limit,
                      members=_peer_members(store_ident))  # fmt: skip


def peers(city_id: int, weights: dict[str, float], members_only: bool, limit: int = 10) -> pd.DataFrame:
    return _peers(queries.store_identity(), city_id, tuple(sorted(weights.items())), members_only, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregate(store_ident: tuple, filters: tuple, with_flagged: bool = False) -> dict:
    from components.pathway import aggregate_pathways, aggregate_table, city_pathways, coverage, flagged_left_out

    store = store_ident[0]
    cities = _network_cities(store_ident, filters)
    ids = [int(i) for i in cities["city_id"]]
    targets = queries.run_query("cities_targets", store=store, city_ids=ids)
    inventory = queries.run_query("cities_inventory", store=store, city_ids=ids)
    pathways = city_pathways(targets, inventory, with_flagged)
    flagged = flagged_left_out(targets, inventory)
    return {
        "coverage": {**coverage(cities, pathways), "flagged": flagged, "include_flagged": with_flagged},
        "aggregate": aggregate_pathways(pathways, range(2010, 2051)),
        "table": aggregate_table(cities, pathways),
        # the targets' sources, and the inventories that can start their paths (of the targets' own kinds)
        "source_ids": sorted(
            set(targets["source_id"])
            | set(inventory[inventory["data_kind"].isin(set(targets["data_kind"]))]["source_id"])
        ),
    }


def aggregate(filters: dict) -> dict:
    """The aggregate pathway of the selected cities, computed once per filter set and store version."""
    return _aggregate(queries.store_identity(), _freeze(filters), include_flagged())


@st.cache_data(show_spinner=False, max_entries=16)
def _brief(store_ident: tuple, filters: tuple, with_flagged: bool = False) -> list:
    import datetime as dt

    from components.brief import build_brief

    store = store_ident[0]
    params = {k: list(v) for k, v in filters}
    region = ", ".join(params["regions"])
    cities = _network_cities(store_ident, filters)
    ids = [int(i) for i in cities["city_id"]]
    networks = list(_filter_choices(store_ident)["network"])
    targets = queries.run_query("cities_targets", store=store, city_ids=ids)
    practices = queries.run_query("practices", store=store, q="", sectors=[], kinds=[], **params)
    funding = queries.run_query("funding", store=store, instruments=[], sectors=[], regions=params["regions"],
                                income_groups=params["income_groups"], open_now=False)  # fmt: skip
    aggregate = _aggregate(store_ident, filters, with_flagged)
    from components.network import membership_sources

    source_ids = {"geonames", "natural_earth", "hdx_taxonomy", *aggregate["source_ids"], *membership_sources(cities),
                  *practices["source_id"], *funding["source_id"]}  # fmt: skip
    sources = sources_frame(source_ids, store_ident)
    target_sources = sources[sources["source_id"].isin(aggregate["source_ids"])]
    aggregate = {**aggregate, "citations": "; ".join(target_sources["citation"]),
                 "publishers": "; ".join(sorted(set(target_sources["publisher"])))}  # fmt: skip
    outlines = queries.run_query("country_outlines", store=store)
    return build_brief(region, cities, outlines, networks, aggregate, targets, practices, funding, sources,
                       dt.date.today())  # fmt: skip


def brief(filters: dict) -> list:
    """The brief's slides for the filters (regions, income groups, networks), once per store version."""
    return _brief(queries.store_identity(), _freeze(filters), include_flagged())


def image_downloads(figure, file_stem: str) -> None:
    """PNG and SVG of a chart, made on click (kaleido + chromium); said plainly when they cannot be made."""
    from components.deck import chromium_available, figure_image

    if not chromium_available():
        st.caption("Chart images need chromium on the server, and none is installed here; the CSV has the data.")
        return
    cols = st.columns([1, 1, 4])
    for col, fmt, mime in ((cols[0], "png", "image/png"), (cols[1], "svg", "image/svg+xml")):
        col.download_button(
            f"{fmt.upper()}",
            data=lambda fmt=fmt: figure_image(figure, fmt),
            file_name=f"{file_stem}.{fmt}",
            mime=mime,
            icon=":material/image:",
            on_click="ignore",
            key=f"img_{file_stem}_{fmt}",
            help=f"Download this chart as {fmt.upper()}",
        )


def pick_region(region: str) -> None:
    st.session_state[FILTER_KEYS["region"]] = [region]  # a bound widget is set through session_state


def start_presenting() -> None:
    st.query_params["present"] = "1"
    st.query_params["slide"] = "1"


def _go_to(slide: int) -> None:
    st.query_params["slide"] = str(slide)


def _stop_presenting() -> None:
    st.query_params.pop("present", None)
    st.query_params.pop("slide", None)


PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 4rem !important; }
.stApp { background: #ffffff; color: #000000; }
h1 { font-size: 3.4rem !important; color: #000 !important; }
[data-testid="stMarkdownContainer"] p { font-size: 1.9rem !important; line-height: 1.35; color: #000; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.5rem !important; color: #000; }
</style>
"""


def present(slides: list) -> None:
    """Presenter mode: one slide at a time, large type, no sidebar; ←/→ and the buttons move, Esc leaves."""
    from components.brief import slide_html

    raw = st.query_params.get("slide", "1")
    n = int(raw) if raw.isdigit() else 1
    n = min(max(n, 1), len(slides))
    slide = slides[n - 1]
    st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
    st.title(escape_text(slide.title))
    st.markdown(slide_html(slide.lines, slide.table, 1.7 if slide.figure is not None else 2.1), unsafe_allow_html=True)
    if slide.figure is not None:
        st.plotly_chart(slide.figure, height=560, alt=slide.alt, config={"displayModeBar": False}, key=f"slide_{n}")
    cols = st.columns([1.4, 1.4, 5, 1])
    cols[0].button("◀ Previous", on_click=_go_to, args=(n - 1,), disabled=n == 1, shortcut="left", key="prev")
    cols[1].button("Next ▶", on_click=_go_to, args=(n + 1,), disabled=n == len(slides), shortcut="right", key="next")
    cols[2].markdown(
        f"<div style='text-align:center;font-size:1.2rem'>{n} / {len(slides)}</div>", unsafe_allow_html=True
    )
    cols[3].button("Exit", on_click=_stop_presenting, shortcut="escape", key="exit")


def deck_download(slides: list, filters: dict) -> None:
    """Build the PPTX on request, with progress, then offer it."""
    from components.deck import build_pptx, chromium_available

    if not chromium_available():
        st.caption("The deck needs chromium on the server for its chart images, and none is installed here.")
        return
    if st.button("Prepare the deck (PPTX)", icon=":material/co_present:"):
        with st.status("Preparing the deck…", expanded=True) as status:
            bar = st.progress(0.0)
            data = build_pptx(slides, progress=lambda f, m: bar.progress(f, text=m))
            status.update(label="Deck ready", state="complete", expanded=False)
        st.session_state["deck"] = data
    if st.session_state.get("deck"):
        name = "-".join(filters["regions"]).lower().replace(" ", "-")
        st.download_button("Download the deck", st.session_state["deck"], f"utmc-brief-{name}.pptx",
                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           icon=":material/download:", on_click="ignore")  # fmt: skip


def warm_up() -> None:
    """Do before any visitor arrives what the first visit would otherwise wait for: the imports the pages
    need, the store connection, the filter choices and the default Network map (serve.py calls it once, in
    a thread). A missing or unreadable store is left to the first page run, which builds or explains it."""
    started = time.perf_counter()
    try:
        import components.maps  # noqa: F401 - the imports are half of what is warmed
        import components.network  # noqa: F401

        if not store_path().exists():
            return
        everything = {"regions": [], "income_groups": [], "networks": []}
        network_deck(everything, list(filter_choices()["network"]))
        _all_sources(queries.store_identity())
        _all_profiles(queries.store_identity())
    except Exception:  # noqa: BLE001 - never let the warm-up take the server down; the page run reports
        log.exception("warm-up failed; the first page run will do the work")
        return
    log.info("warmed up in %.2f s", time.perf_counter() - started)
