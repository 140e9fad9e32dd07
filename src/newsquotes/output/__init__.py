"""Output: storage, run folders, part files, the lock, validation and its history."""

from newsquotes.output.carry import CarriedOver, carry_over, link_tables
from newsquotes.output.layout import published_run, published_tables
from newsquotes.output.lock import OutputLockedError, lock_output
from newsquotes.output.storage import Location, StorageError, Where
from newsquotes.output.validation import validate_run

__all__ = [
    "CarriedOver",
    "Location",
    "OutputLockedError",
    "StorageError",
    "Where",
    "carry_over",
    "link_tables",
    "lock_output",
    "published_run",
    "published_tables",
    "validate_run",
]
