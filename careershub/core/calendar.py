"""The school calendar's one rule everybody shares: the academic year begins on 1 September and is
named by the calendar year it begins in (2026 is 2026/27)."""
from datetime import date


def academic_year_of(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(academic_year: int) -> str:
    """2026 -> "2026/27"."""
    return f"{academic_year}/{(academic_year + 1) % 100:02d}"


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day`` (someone born on 29 February turns a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
