"""The `newsquotes` command."""

from newsquotes.cli.main import console, main

__all__ = ["console", "main"]
