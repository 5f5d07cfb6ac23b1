"""`python -m shotline` is the `shotline` command."""

from shotline.cli import main

main()
