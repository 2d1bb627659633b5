"""Production settings pass Django's deployment checks with no warnings.

The settings module reads the environment once, at import, so the check runs in a fresh process
with the environment a production server has."""
import os
import secrets
import subprocess
import sys

CHECK = (
    "import django; django.setup(); "
    "from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def production_environment(tmp_path, **env) -> dict:
    # A clean environment: nothing from the test run (such as the browser tests' async flag) leaks in.
    environment = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR", "PYTHONPATH") if key in os.environ}
    environment.update({
        "DJANGO_SETTINGS_MODULE": "careershub.settings",
        "CAREERSHUB_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),  # 67 random characters
        "ALLOWED_HOSTS": "careershub.example.org",
        "CAREERSHUB_VAR_DIR": str(tmp_path),
        **env,
    })
    return environment


def run(script: str, environment: dict):
    return subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120)


def run_check(tmp_path, **env):
    return run(CHECK, production_environment(tmp_path, **env))


def test_the_deployment_checks_pass_with_no_warnings(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_checks_catch_a_weak_secret_key(tmp_path):
    """The test above would notice a problem: a short key fails the same check."""
    result = run_check(tmp_path, SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_settings_harden_cookies_and_transport(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_AGE)"
    )
    result = run(script, production_environment(tmp_path))
    assert result.stdout.split() == ["False", "True", "True", "True", "True", str(8 * 60 * 60)], result.stderr
