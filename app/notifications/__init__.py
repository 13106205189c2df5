"""Notifications: one event vocabulary (events), the bell (services, views), the outbox the
worker drains (outbox), group bots and e-mail (senders), and who gets what besides (routes)."""
