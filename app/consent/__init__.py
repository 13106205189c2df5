"""Customer content under PIPL: authorisations on record, the gates that read them, withdrawal."""
