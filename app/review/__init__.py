"""The review queue and review decisions."""
