"""Routes for import/export of word lists (filled in by the import/export work)."""
