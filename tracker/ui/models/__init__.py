"""Qt item models: the action tree, the overview figures and an action's update history."""
