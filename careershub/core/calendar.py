"""The school calendar's one rule everybody shares: the academic year begins on 1 September and is
named by the calendar year it begins in (2026 is 2026/27)."""
from datetime import date


def academic_year_of(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(academic_year: int) -> str:
    """2026 -> "2026/27"."""
    return f"{academic_year}/{(academic_year + 1) % 100:02d}"
