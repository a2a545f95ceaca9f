"""Dialogs: add update, preferences, import action plan, about, error reporting."""
