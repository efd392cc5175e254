"""Run the command-line tool as ``python -m sanctions_gap``."""

from sanctions_gap.cli import main

main()
