"""Builders that turn frames into figures, maps and tables (pure, no Streamlit), plus `ui`, the few
Streamlit pieces every page shares."""
