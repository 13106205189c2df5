"""Scheduled publishing on the database side: exactly-once runner, watchdog, alerts, settings."""
