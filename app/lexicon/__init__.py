"""Word-list management for legal: editing entries, versions, diff and rollback, import/export,
impact previews, false-positive reports. Checking content with the lists lives in app.checks."""
