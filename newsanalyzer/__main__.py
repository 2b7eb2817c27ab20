"""`python -m newsanalyzer` runs the command line."""

from newsanalyzer.cli import main

main()
