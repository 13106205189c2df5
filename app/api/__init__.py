"""The JSON API (bearer tokens): compliance checks now, the calendar later."""
