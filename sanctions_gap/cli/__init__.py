"""The command-line interface: the only package that reads arguments, prints, or exits.

``app`` defines the application, its error handling and the entry point, ``options`` the shared
options, ``output`` how results are written. The commands are in ``keeping`` (for the people
who keep the data), ``reporting`` (the questions), ``exporting`` (the tidy tables) and
``entities`` (entity-level gaps from OpenSanctions exports).
"""

import importlib

from sanctions_gap.cli.app import COMMAND_MODULES, app, main, run

# Importing the command modules registers their commands, in the order `--help` lists them.
for _module in COMMAND_MODULES:
    importlib.import_module(f"sanctions_gap.cli.{_module}")

__all__ = ["app", "main", "run"]
