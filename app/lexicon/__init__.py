"""Word-list management for legal: versions, import/export, the compiled-lexicon cache."""
