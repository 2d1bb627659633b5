from careershub.core.matrix import ROLE_KEYS, page, public_page

ROWS = [
    public_page("accounts:sign_in", lambda cast: "/accounts/sign-in/", signed_in_ok=302),
    public_page("accounts:sign_out", lambda cast: "/accounts/sign-out/", method="post", ok=302),
    public_page("accounts:password_reset", lambda cast: "/accounts/password-reset/"),
    public_page("accounts:password_reset_done", lambda cast: "/accounts/password-reset/sent/"),
    public_page("accounts:password_reset_confirm", lambda cast: "/accounts/password-reset/MQ/bad-token/"),
    public_page("accounts:password_reset_complete", lambda cast: "/accounts/password-reset/complete/"),
    # Everyone with a role is sent on to their home page; a person with no role is told so.
    page("accounts:home", lambda cast: "/accounts/home/", ROLE_KEYS + ("other_careers_leader", "other_employer_contact"), ok=302),
    page("accounts:admin_home", lambda cast: "/accounts/admin/", ["admin"]),
]
