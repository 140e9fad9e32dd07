"""newsquotes: news articles in; validated Parquet tables of entities and attributed quotes out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsquotes")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "unknown"
