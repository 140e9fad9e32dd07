"""`python -m newsquotes.cli`: the same as the `newsquotes` command."""

from newsquotes.cli.main import console

console()
