"""Demo data for `flask --app app demo`: users, channels, topics and pieces of a clothing brand."""
