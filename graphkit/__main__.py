"""Run the command line: ``python -m graphkit``."""

from graphkit.cli import main

main()
