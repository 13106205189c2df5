"""Checking content against the current word lists: the service around the pure engine.

``store`` reads the stored lexicon versions, ``current`` keeps each process's compiled lexicon up
to date, ``services`` checks pieces, drafts and API/CLI texts, ``reporting`` shows the hits.
The engine itself (app.compliance) is pure and knows nothing of this.
"""
