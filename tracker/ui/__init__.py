"""The desktop window: workstream tabs where leads read, edit and update their actions.

Modules here import only Qt, the standard library and the light ``tracker.domain`` /
``tracker.errors`` at start-up; the service layer (SQLAlchemy) is imported on a worker
thread while the window is already on screen, and the modules that call it
(:mod:`tracker.ui.editing`, the dialogs that write) are imported once a database is open.
"""
