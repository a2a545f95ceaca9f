"""Action-plan tracker: a desktop tool for health and social care improvement plans."""

__version__ = "0.1.0"
