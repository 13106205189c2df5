"""Scheduled publishing, database side (what /publishing shows): jobs, claims, leases, runner,
watchdog, channel settings. The platform adapters themselves are pure, in app.channels."""
