"""Reading spreadsheets into plans and status returns."""
