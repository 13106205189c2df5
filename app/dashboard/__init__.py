"""The home page: what waits for each user."""
