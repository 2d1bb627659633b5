"""The gender and disadvantage balance of a cohort at each stage, as counts and percentages with
small numbers suppressed. Plain functions on plain values, no Django.

A cell of 1 to 4 people is shown as "fewer than 5" (a zero identifies nobody and is shown). Each
stage's total is shown, so a single suppressed cell in a group could be worked out from the others:
the smallest other cell that is not zero is suppressed too (complementary suppression). When every
other cell is zero the total itself is the small number, so the whole group is suppressed.
"""
from dataclasses import dataclass

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"

STAGES = (
    ("applied", "Applied"),
    ("shortlisted", "Shortlisted"),
    ("selected", "Selected"),
    ("withdrawn", "Withdrawn"),
)
GENDER = (("F", "Female"), ("M", "Male"), ("U", "Not known"))
DISADVANTAGE = ((True, "Disadvantaged"), (False, "Not disadvantaged"))


@dataclass(frozen=True)
class Applicant:
    """What the balance needs of one application."""

    sex: str
    disadvantaged: bool
    applied: bool = True
    shortlisted: bool = False
    selected: bool = False
    withdrawn: bool = False


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None when suppressed
    percent: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def text(self) -> str:
        if self.count is None:
            return FEWER_THAN
        return f"{self.count} ({self.percent}%)"


@dataclass(frozen=True)
class Row:
    stage: str
    label: str
    total: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Balance:
    gender: tuple[Row, ...]
    disadvantage: tuple[Row, ...]
    gender_labels: tuple[str, ...] = tuple(label for _, label in GENDER)
    disadvantage_labels: tuple[str, ...] = tuple(label for _, label in DISADVANTAGE)


def suppressed_positions(counts: list[int]) -> set[int]:
    """Which cells of one group to suppress: every cell of 1 to 4 and, when exactly one cell is
    suppressed (so it could be worked out from the total), the smallest other cell that is not zero;
    every cell when there is no such cell."""
    hidden = {i for i, n in enumerate(counts) if 0 < n < THRESHOLD}
    if len(hidden) == 1:
        others = sorted((n, i) for i, n in enumerate(counts) if i not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
        else:
            hidden = set(range(len(counts)))
    return hidden


def percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _row(stage: str, label: str, values: list, keys) -> Row:
    counts = [sum(1 for v in values if v == key) for key, _ in keys]
    total = len(values)
    hidden = suppressed_positions(counts)
    cells = tuple(
        Cell(label=name, count=None if i in hidden else counts[i], percent=None if i in hidden else percent(counts[i], total))
        for i, (_, name) in enumerate(keys)
    )
    return Row(stage=stage, label=label, total=total, cells=cells)


def in_stage(applicant: Applicant, stage: str) -> bool:
    return getattr(applicant, stage)


def balance_of(applicants: list[Applicant], stages=STAGES) -> Balance:
    gender_rows, disadvantage_rows = [], []
    for stage, label in stages:
        members = [a for a in applicants if in_stage(a, stage)]
        sexes = [a.sex if a.sex in ("F", "M") else "U" for a in members]
        gender_rows.append(_row(stage, label, sexes, GENDER))
        disadvantage_rows.append(_row(stage, label, [a.disadvantaged for a in members], DISADVANTAGE))
    return Balance(gender=tuple(gender_rows), disadvantage=tuple(disadvantage_rows))
