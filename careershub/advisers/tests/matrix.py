from careershub.core.matrix import page

ROWS = [
    page("advisers:my_schools", lambda cast: "/advisers/my-schools/", ["enterprise_adviser"]),
]
