"""The Overview's dashboard: headline figures as buttons, RAG and status by workstream as
bar charts, and the RAG trend across reporting periods. Built the first time the Overview
is shown, so it costs nothing at start-up."""
