"""Content calendar and posting policy; the pure rules live in ``app.schedule.policy``."""
