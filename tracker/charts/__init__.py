"""Charts painted with QPainter (QtGui only), shared by the window's dashboard and the
highlight report PDF: bars of RAG and status by workstream, and the RAG trend across
reporting periods."""
