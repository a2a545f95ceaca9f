"""The window's tabs: the Overview and one tab per workstream."""
