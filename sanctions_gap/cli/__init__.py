"""The command-line interface: the only package that reads arguments, prints, or exits.

``app`` defines the application and its error handling, ``options`` the shared options,
``output`` how results are written; the commands are in ``keeping`` (for the people who keep
the data), ``reporting`` (the questions) and ``exporting`` (the tidy tables).
"""

# Importing the command modules registers their commands, in the order `--help` lists them.
from sanctions_gap.cli import exporting, keeping, reporting  # noqa: F401
from sanctions_gap.cli.app import app, main, run

__all__ = ["app", "main", "run"]
