"""The detail panel beside each workstream's tree: an action's or area's fields."""
