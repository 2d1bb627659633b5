"""`allocate` as a Django management command: the same as `careershub allocate` (allocation/cli.py).

The console script runs that command without starting Django; this wrapper lets Django code and
tests call it with `call_command("allocate", ...)` and the rest of Django's command machinery.
"""
from django.core.management.base import BaseCommand, CommandError

from careershub.allocation import cli


class Command(BaseCommand):
    help = cli.DESCRIPTION
    requires_system_checks = []  # touches no database, model or URL

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, instance, output, seed, explain, verbosity, **options):
        try:
            cli.allocate_files(
                instance=instance, output=output, seed=seed, explain=explain, verbosity=verbosity,
                print_out=lambda line: self.stdout.write(line, style_func=str),
                print_err=lambda line: self.stderr.write(line, style_func=str),
            )
        except cli.AllocateError as error:
            raise CommandError(str(error)) from None
