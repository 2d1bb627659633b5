"""Fair allocation of oversubscribed placements.

``instance`` reads and checks an allocation instance, ``policy`` orders applicants where a placement
has no ranking of its own, and ``engine`` finds the student-optimal stable matching and explains
it. None of them imports Django: the Django side (rounds, publishing) only loads and stores.
"""
