"""Run: the decisions of one incremental run as plain functions, its input state and summary."""

from newsquotes.run.progress import progress_bar
from newsquotes.run.summary import RunSummary

__all__ = ["RunSummary", "progress_bar"]
