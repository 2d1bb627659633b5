"""Hypothesis strategies for allocation instances in the documented JSON-shaped format."""
from hypothesis import strategies as st

GROUPS = ("risk_of_neet", "disadvantaged", "care_leaver")


@st.composite
def instances(draw, max_students: int = 8, max_placements: int = 4, max_choices: int = 4,
              max_capacity: int = 3, policy_placements: bool = True) -> dict:
    """A valid instance: some placements rank students themselves (not only their applicants, and
    not always all of them), others leave it to a random priority policy."""
    student_count = draw(st.integers(0, max_students))
    placement_count = draw(st.integers(1, max_placements))
    student_ids = [f"s{n}" for n in range(student_count)]
    placement_ids = [f"p{n}" for n in range(placement_count)]
    students = []
    for student_id in student_ids:
        choices = draw(st.permutations(placement_ids))[:draw(st.integers(0, min(max_choices, placement_count)))]
        student = {"id": student_id, "choices": choices}
        if draw(st.booleans()):
            student["experiences"] = draw(st.integers(0, 3))
        if draw(st.booleans()):
            student["priority_group"] = draw(st.sampled_from((None, *GROUPS)))
        if draw(st.booleans()):
            student["disadvantaged"] = draw(st.booleans())
        students.append(student)
    placements = []
    for placement_id in placement_ids:
        placement = {"id": placement_id, "capacity": draw(st.integers(0, max_capacity))}
        if not policy_placements or draw(st.booleans()):
            ranked = draw(st.permutations(student_ids))
            placement["ranking"] = ranked[:draw(st.integers(0, len(ranked)))]
        placements.append(placement)
    instance = {"students": students, "placements": placements}
    if draw(st.booleans()):
        instance["policy"] = {
            "order": draw(st.permutations(["fewest_experiences", "priority_group"]))[:draw(st.integers(0, 2))],
            "seed": draw(st.integers(0, 10)),
        }
        if draw(st.booleans()):
            instance["policy"]["priority_groups"] = draw(st.permutations(GROUPS))[:draw(st.integers(0, 3))]
    return instance
