"""Rows of the permission matrix for the opportunities app, one list per part of it."""
import importlib

PARTS = ("menu", "applications", "placements", "encounters", "pledge", "reviews")

ROWS = []
for part in PARTS:
    try:
        module = importlib.import_module(f"careershub.opportunities.tests.matrix_{part}")
    except ModuleNotFoundError as missing:
        if missing.name != f"careershub.opportunities.tests.matrix_{part}":
            raise
        continue
    ROWS.extend(module.ROWS)
