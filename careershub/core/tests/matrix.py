from careershub.core.matrix import EVERYONE, public_page

ROWS = [
    public_page("core:start", lambda cast: "/"),
    public_page("core:privacy", lambda cast: "/privacy/"),
    public_page("core:accessibility", lambda cast: "/accessibility/"),
    public_page("core:healthz", lambda cast: "/healthz/"),
]
