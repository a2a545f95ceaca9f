"""Services: what the CLI and the window ask of the database, in domain terms.

The UI calls these and never builds SQL; each write is one transaction.
"""
