"""The `careershub` console script: Django's management commands under the project's settings."""
import os
import sys

# Commands that need no database, model, template or URL, run without starting Django (loading
# every app takes longer than a small run of them). Each is also a management command of the same
# name that wraps the same code, for Django's own `call_command`.
STANDALONE_COMMANDS = {
    "allocate": "careershub.allocation.cli",
}

# Commands typed with a dash whose Django command module has an underscore.
COMMAND_ALIASES = {
    "verify-credential": "verify_credential",
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in STANDALONE_COMMANDS:
        from importlib import import_module

        sys.exit(import_module(STANDALONE_COMMANDS[sys.argv[1]]).main(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")
    from django.core.management import execute_from_command_line

    arguments = sys.argv[1:]
    if arguments and arguments[0] in COMMAND_ALIASES:
        arguments[0] = COMMAND_ALIASES[arguments[0]]
    execute_from_command_line(["careershub", *arguments])


if __name__ == "__main__":
    main()
