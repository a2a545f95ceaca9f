"""Files shipped with the app: the original 2018 action plan and images."""
