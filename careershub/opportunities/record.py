"""The encounters section of a young person's record page (see young_people.record_sections)."""


def encounters_section(user, young_person):
    return None
