"""Downloads of what a view shows. Pure: no Streamlit.

Every data download is two files a user can open cleanly, each carrying its sources (as OWID's do):
- a ZIP of `<stem>.csv` (pure data: one header row, numbers as numbers, nothing after the last row),
  `sources.csv` (title, publisher, licence, URL, accessed, citation: one row per source, no internal ids)
  and `README.md` (what the file is, when it was made, how to cite it);
- an XLSX workbook with a "data" sheet (numbers as numbers) and a "sources" sheet.
Text cells that a spreadsheet would run as a formula are neutralised in both. What the files say (headers of
sources.csv, the README, sheet names, the note) is in the current language (components/i18n.py); the file names
are not."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import numpy as np
import pandas as pd

from components.i18n import N_, _

# A cell starting with one of these runs as a formula when the file is opened in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The columns of queries/sources.sql a download names its sources by, in the order a reader wants them (the
# English headers; sources_table gives them in the current language).
SOURCE_FIELDS = {"title": N_("Title"), "publisher": N_("Publisher"), "licence": N_("Licence"), "url": N_("URL"),
                 "accessed": N_("Accessed"), "citation": N_("Citation")}  # fmt: skip
# Columns of a frame that hold source ids (one, or several joined by "; "): named for people in a download.
SOURCE_ID_COLUMNS = {"source_id": N_("Source"), "Sources": N_("Sources"), "sources": N_("Sources")}


def sheet_names() -> tuple[str, str]:
    """The XLSX's two sheets, "data" and "sources", in the current language."""
    return _("data"), _("sources")


def _source_id_columns() -> dict[str, str]:
    """SOURCE_ID_COLUMNS in the current language, and a page's "Sources" column as it shows it."""
    return {col: _(name) for col, name in SOURCE_ID_COLUMNS.items()} | {_("Sources"): _("Sources")}


def neutralise_cell(value):
    """Prefix text that a spreadsheet would take as a formula with a quote (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells neutralised; lists (e.g. a city's networks) written as "a; b"."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(
                lambda v: neutralise_cell("; ".join(map(str, v)) if isinstance(v, list | tuple | np.ndarray) else v)
            )
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with a BOM, so spreadsheets read accents right), text cells neutralised, and
    nothing else: `pandas.read_csv` reads back the same rows and numeric columns."""
    return ("\ufeff" + _neutralised(frame).to_csv(index=False, lineterminator="\n")).encode("utf-8")


def source_name(row) -> str:
    """How a download names a source: "Publisher: Title" (or the one of them that is known)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k, None)
    parts = [v for v in (get("publisher"), get("title")) if isinstance(v, str) and v.strip()]
    if len(parts) == 2 and parts[1].startswith(parts[0]):
        parts = parts[1:]
    return ": ".join(parts) or str(get("source_id"))


def sources_table(sources: pd.DataFrame | None) -> pd.DataFrame:
    """The sources of a download for people: one row per source (no duplicates, no internal ids), its headers in
    the current language."""
    return _sources_rows(sources).rename(columns={label: _(label) for label in SOURCE_FIELDS.values()})


def _sources_rows(sources: pd.DataFrame | None) -> pd.DataFrame:
    """sources_table with the English headers (SOURCE_FIELDS), which the README reads."""
    if sources is None or not len(sources):
        return pd.DataFrame(columns=list(SOURCE_FIELDS.values()))
    frame = sources.drop_duplicates(subset=["source_id"] if "source_id" in sources else None)
    table = pd.DataFrame({label: frame[col] if col in frame else None for col, label in SOURCE_FIELDS.items()})
    table["Accessed"] = table["Accessed"].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else d)
    return table.drop_duplicates().sort_values(["Publisher", "Title"], na_position="last", ignore_index=True)


def readable_sources(frame: pd.DataFrame, sources: pd.DataFrame | None) -> pd.DataFrame:
    """The frame with its source-id columns (`source_id`, or `Sources` of ids joined by "; ") given as the
    sources' names, each named once per cell. Ids that are not among `sources` stay as they are."""
    renamed = _source_id_columns()
    cols = [c for c in frame.columns if c in renamed]
    if not cols:
        return frame
    names = {} if sources is None else {r["source_id"]: source_name(r) for r in sources.to_dict("records")}
    out = frame.copy()
    for col in cols:
        named = out[col].map(
            lambda ids: ids if not isinstance(ids, str)
            else "; ".join(dict.fromkeys(names.get(i.strip(), i.strip()) for i in ids.split(";") if i.strip()))
        )  # fmt: skip
        out[col] = named
        out = out.rename(columns={col: renamed[col]}) if renamed[col] not in out else out
    return out


def readme_text(
    title: str, stem: str, sources: pd.DataFrame | None, view: str = "", today: dt.date | None = None
) -> str:
    """README.md of a ZIP download: what the data is, where it comes from, how to cite it."""
    today = today or dt.date.today()
    day = today.isoformat()  # ISO dates read the same in every language
    table = _sources_rows(sources)
    lines = [
        f"# {title}",
        "",
        _("Downloaded from UTMC Explorer (Urban Transitions Mission Centre) on {date}.").format(date=day),
    ]
    if view:
        lines += ["", _("View: {view}").format(view=view)]
    files = _("`{file}.csv`: the data, one header row, numbers as plain numbers (no thousands separators), UTF-8.")
    lines += ["", "## " + _("Files"), "", "- " + files.format(file=stem),
              "- " + _("`sources.csv`: every source of these figures with its licence and citation."),
              "", "## " + _("Sources and licences"), ""]  # fmt: skip
    if table.empty:
        lines.append(_("No source is recorded for this table (it was computed by UTMC Explorer)."))
    for r in table.to_dict("records"):
        licence = r["Licence"] if isinstance(r["Licence"], str) and r["Licence"] else _("licence not stated")
        url = f" <{r['URL']}>" if isinstance(r["URL"], str) and r["URL"] else ""
        lines.append(f"- {r['Citation'] or source_name({'publisher': r['Publisher'], 'title': r['Title']})} "
                     f"({licence}){url}")  # fmt: skip
    cite = '"' + _("UTMC Explorer, {title}, downloaded {date}").format(title=title, date=day) + '"'
    how = _("Cite the sources above under their licences, and UTMC Explorer for the selection and any computed "
            "columns: {citation}.")  # fmt: skip
    lines += ["", "## " + _("How to cite"), "", how.format(citation=cite), ""]
    return "\n".join(lines)


def to_zip_bytes(
    frame: pd.DataFrame, stem: str, sources: pd.DataFrame | None, title: str, view: str = "",
    today: dt.date | None = None,
) -> bytes:  # fmt: skip
    """`<stem>.csv` (pure data), `sources.csv` and `README.md` in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{stem}.csv", to_csv_bytes(readable_sources(frame, sources)))
        z.writestr("sources.csv", to_csv_bytes(sources_table(sources)))
        z.writestr("README.md", readme_text(title, stem, sources, view, today))
    return buffer.getvalue()


def to_xlsx_bytes(
    frame: pd.DataFrame, sources: pd.DataFrame | None, title: str = "", view: str = "", today: dt.date | None = None
) -> bytes:
    """A workbook: "data" (numbers stored as numbers, formula-like text neutralised) and "sources" (one row per
    source with its licence, then how to cite)."""
    today = today or dt.date.today()
    data = _neutralised(readable_sources(frame, sources))
    for col in data.columns:  # Excel has no time zones
        if isinstance(data[col].dtype, pd.DatetimeTZDtype):
            data[col] = data[col].dt.tz_localize(None)
    buffer = io.BytesIO()
    # in_memory: xlsxwriter otherwise writes each sheet to a temp file while saving, and a download of the
    # sandbox's peers carries a user's own figures that must never touch the disk (issue 19).
    data_sheet, sources_sheet = sheet_names()
    day = today.isoformat()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": {"in_memory": True}}) as writer:
        data.to_excel(writer, sheet_name=data_sheet, index=False)
        table = _neutralised(sources_table(sources))
        table.to_excel(writer, sheet_name=sources_sheet, index=False)
        sheet = writer.sheets[sources_sheet]
        note = (
            _("UTMC Explorer, {title}, downloaded {date}").format(title=title, date=day)
            if title
            else _("UTMC Explorer, downloaded {date}").format(date=day)
        )
        if view:
            note = _("{note}. View: {view}").format(note=note, view=view)
        sheet.write(len(table) + 2, 0, neutralise_cell(note))
        writer.sheets[data_sheet].freeze_panes(1, 0)
    return buffer.getvalue()


def sources_named_in(text: str, sources: pd.DataFrame | None) -> pd.DataFrame | None:
    """The sources whose publisher or title `text` names (a chart's own source line): an image's licences are
    those of what it draws, not of every source of the view. All of them when the text names none."""
    if not text or sources is None or not len(sources):
        return sources
    from components.inventory import source_name as chart_name  # the short names charts give the open datasets

    named = [
        any(isinstance(v, str) and v.strip() and v in text for v in (r.get("publisher"), r.get("title"), chart_name(r)))
        for r in sources.to_dict("records")
    ]
    return sources[named] if any(named) else sources


def image_credit(source: str, sources: pd.DataFrame | None) -> str:
    """The line an exported image carries under its title: who the figures come from and under which licences."""
    licences = []
    if sources is not None and len(sources) and "licence" in sources:
        licences = sorted({v for v in sources["licence"] if isinstance(v, str) and v.strip()})
    licence = "; ".join(licences) if licences else _("see the sources list in UTMC Explorer's Data page")
    return _("Source: {source} · Licence: {licence} · UTMC Explorer").format(
        source=source or "UTMC Explorer", licence=licence
    )
