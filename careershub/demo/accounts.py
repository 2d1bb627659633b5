"""The demo accounts, one per role, filled in by `careershub demo`."""
DEMO_ACCOUNTS: list[dict] = []
