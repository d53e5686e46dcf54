"""Downloads of what a view shows. Pure: no Streamlit."""

from __future__ import annotations

import pandas as pd

# A cell starting with one of these runs as a formula when the file is opened in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Prefix text that a spreadsheet would take as a formula with a quote (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame, source_lines: list[str] | None = None) -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets read accents right), text cells neutralised,
    followed by the credit lines of the sources as comment rows."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise_cell)
    text = safe.to_csv(index=False, lineterminator="\n")
    if source_lines:
        text += "".join(f"# Source: {neutralise_cell(line)}\n" for line in source_lines)
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(table: pd.DataFrame, sources: pd.DataFrame, sheet: str = "Data") -> bytes:
    """Two sheets: the table (formula cells neutralised) and the sources with their licences."""
    import io

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        table.map(neutralise_cell).to_excel(writer, sheet_name=sheet[:31], index=False)
        columns = [c for c in ("source_id", "title", "publisher", "licence", "citation", "url") if c in sources.columns]
        sources[columns].map(neutralise_cell).to_excel(writer, sheet_name="Sources and licences", index=False)
    return buffer.getvalue()
