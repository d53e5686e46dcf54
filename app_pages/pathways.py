"""Pathways: the aggregate pathway of the cities selected in the sidebar (region, income group, network)."""

import streamlit as st

from components import ui
from components.charts import aggregate_figure
from components.pathway import (
    AGGREGATE_RULES,
    AGGREGATE_TABLE_DATA,
    AGGREGATE_TABLE_SHOWN,
    coverage_sentence,
)

st.title("Pathways")
filters = st.session_state["filters"]
described = ui.filters_text(filters)
st.caption(f"The paths the targets of the selected member cities imply, added up · {ui.escape_text(described)}")

result = ui.aggregate(filters)
cover = result["coverage"]
sentence = coverage_sentence(cover, described)
st.markdown(f"**{ui.escape_text(sentence)}**")

credit = None
if cover["drawn"] == 0:
    st.info(
        "No city in this selection has a target that can be drawn (a target with a level in tonnes, or a cut "
        "from a base year whose emissions are known). More targets and inventories can be imported (Data page).",
        icon=":material/timeline:",
    )
else:
    aggregate = result["aggregate"]
    credit = ui.source_footer(result["source_ids"])
    publishers = [row.publisher for row in ui.sources_for(result["source_ids"]) if isinstance(row.publisher, str)]
    title = f"Aggregate pathway: {cover['drawn']} cities ({described})"
    ui.chart(aggregate_figure(title, aggregate, "; ".join(sorted(set(publishers)))), sentence, aggregate,
             "utmc-aggregate-pathway", credit)  # fmt: skip
with st.expander("How the aggregate is made"):
    st.markdown(AGGREGATE_RULES)
st.subheader("The cities behind it")
table = result["table"]
st.dataframe(table[AGGREGATE_TABLE_SHOWN], hide_index=True, column_config={
    "City page": st.column_config.LinkColumn("City page", display_text="open"),
    "Population": st.column_config.NumberColumn(format="localized"),
})  # fmt: skip
ui.download_bar(table[AGGREGATE_TABLE_DATA], "utmc-pathway-cities", credit, "cities")
