"""Pathways: the aggregate pathway of the cities selected in the sidebar (region, income group, network)."""

import streamlit as st

from components import ui
from components.charts import aggregate_figure
from components.i18n import _, fmt_int, ngettext, pgettext
from components.pathway import (
    AGGREGATE_RULES,
    AGGREGATE_TABLE_DATA,
    AGGREGATE_TABLE_SHOWN,
    aggregate_table_headers,
    coverage_sentence,
)

st.title(_("Pathways"))
filters = st.session_state["filters"]
described = ui.filters_text(filters)
st.caption(
    _("The paths the targets of the selected member cities imply, added up · {filters}").format(
        filters=ui.escape_text(described)
    )
)

result = ui.aggregate(filters)
cover = result["coverage"]
sentence = coverage_sentence(cover, described)
st.markdown(f"**{ui.escape_text(sentence)}**")

credit = None
if cover["drawn"] == 0:
    st.info(
        _(
            "No city in this selection has a target that can be drawn (a target with a level in tonnes, or a cut "
            "from a base year whose emissions are known). More targets and inventories can be imported (Data page)."
        ),
        icon=":material/timeline:",
    )
else:
    aggregate = result["aggregate"]
    credit = ui.source_footer(result["source_ids"])
    publishers = [row.publisher for row in ui.sources_for(result["source_ids"]) if isinstance(row.publisher, str)]
    title = ngettext(
        "Aggregate pathway: {n} city ({filters})", "Aggregate pathway: {n} cities ({filters})", cover["drawn"]
    ).format(n=fmt_int(cover["drawn"]), filters=described)
    ui.chart(aggregate_figure(title, aggregate, "; ".join(sorted(set(publishers)))), sentence, aggregate,
             "utmc-aggregate-pathway", credit)  # fmt: skip
with st.expander(_("How the aggregate is made")):
    st.markdown(_(AGGREGATE_RULES))
st.header(_("The cities behind it"))
headers = aggregate_table_headers()  # the columns' headers in the interface's language (the same in English)
table = result["table"]
st.dataframe(table[AGGREGATE_TABLE_SHOWN].rename(columns=headers), hide_index=True, column_config={
    headers["City page"]: st.column_config.LinkColumn(headers["City page"], display_text=_("open")),
    headers["Population"]: st.column_config.NumberColumn(format="localized"),
})  # fmt: skip
ui.download_bar(table[AGGREGATE_TABLE_DATA].rename(columns=headers), "utmc-pathway-cities", credit,
                pgettext("what a download holds", "cities"))  # fmt: skip
