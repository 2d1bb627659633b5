"""Careers Hub: the platform of a place-based careers partnership."""
