"""Storage: the output on a local disk or on any pyarrow / fsspec filesystem URL.

`Location` is a path-like handle on a file or folder of that filesystem: `output / "quotes"`,
`.files()`, `.read_table()`, `.write_table()`. Every stage that reads or writes the output
goes through it, so the same code writes to `output/` and to `s3://bucket/news`.

The filesystem comes from the location itself: a plain path is the local disk; a URL that
pyarrow knows (`s3://`, `gs://`, `abfs://`, `hdfs://`, `file://`) opens pyarrow's own
filesystem; any other scheme that fsspec knows (`memory://`, `az://`, `sftp://`, ... with
its fsspec package installed) is wrapped for pyarrow. Credentials come from the usual
places (for S3: `AWS_*` variables, `~/.aws`), in every process that opens the location.

A location pickles as two strings, so tasks can carry it to worker processes and Dask
workers; each process opens the filesystem once (`_filesystem`).
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

OBJECT_STORES = {"s3", "gcs"}  # no folders: a file's parents need not be created


class StorageError(RuntimeError):
    """An output location that cannot be opened."""


@dataclass(frozen=True)
class Location:
    """A file or folder: `root` (a local folder or a URL), and a path below it."""

    root: str
    relative: str = ""

    @classmethod
    def of(cls, where: str | os.PathLike | Location) -> Location:
        """The location of a local path (made absolute: workers may run elsewhere) or URL."""
        if isinstance(where, Location):
            return where
        text = os.fspath(where)
        return cls(text.rstrip("/") if is_url(text) else os.path.abspath(text))

    def __truediv__(self, name: str) -> Location:
        return Location(self.root, f"{self.relative}/{name}" if self.relative else name)

    def __str__(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        """How a person or another tool (pandas, DuckDB) names this location; the root's
        options (`s3://bucket/news?region=eu-west-1`) stay at the end."""
        if not self.relative:
            return self.root
        base, mark, options = self.root.partition("?")
        return f"{base}/{self.relative}{mark}{options}"

    @property
    def name(self) -> str:
        return (self.relative or self.root).rsplit("/", 1)[-1]

    @property
    def filesystem(self) -> pafs.FileSystem:
        return _filesystem(self.root)[0]

    @property
    def path(self) -> str:
        """The path inside `filesystem`."""
        base = _filesystem(self.root)[1]
        return f"{base}/{self.relative}" if self.relative else base

    @property
    def is_local(self) -> bool:
        """On the local disk: hard links, symlinks and file locks are available."""
        return isinstance(self.filesystem, pafs.LocalFileSystem)

    @property
    def local_path(self) -> Path:
        if not self.is_local:
            raise StorageError(f"{self.url} is not on the local disk")
        return Path(self.path)

    def exists(self) -> bool:
        return self._info().type != pafs.FileType.NotFound

    def is_dir(self) -> bool:
        return self._info().type == pafs.FileType.Directory

    def is_file(self) -> bool:
        return self._info().type == pafs.FileType.File

    def files(self, suffix: str = ".parquet") -> list[Location]:
        """The files directly in this folder ending in `suffix`, by name; [] if none."""
        children = self._children()
        names = sorted(i.base_name for i in children if i.is_file and i.base_name.endswith(suffix))
        return [self / name for name in names if not name.startswith(".")]

    def folders(self) -> list[Location]:
        """The folders directly in this folder, by name."""
        children = self._children()
        names = sorted(i.base_name for i in children if i.type == pafs.FileType.Directory)
        return [self / name for name in names]

    def read_table(self, columns: list[str] | None = None, schema=None) -> pa.Table:
        """A Parquet file, or every Parquet file of a folder, as one Arrow table."""
        return pq.read_table(self.path, columns=columns, schema=schema, filesystem=self.filesystem)

    def read_schema(self) -> pa.Schema:
        """A Parquet file's schema, from its footer."""
        with self.filesystem.open_input_file(self.path) as handle:
            return pq.read_schema(handle)

    def read_columns(self, columns: list[str]) -> dict[str, list]:
        """Some columns of a Parquet file or folder as lists; empty lists if it has none."""
        if not (self.is_file() or self.files()):
            return {name: [] for name in columns}
        return self.read_table(columns=columns).to_pydict()

    def fingerprint(self) -> list:
        """Size and modification time (ns; to the second on object stores, None where a
        filesystem keeps none): what changes when a file's bytes are rewritten or replaced,
        even by bytes of the same size."""
        info = self._info()
        return [info.size, info.mtime_ns]

    def num_rows(self) -> int:
        """Rows of a Parquet file, from its footer."""
        with self.filesystem.open_input_file(self.path) as handle:
            return pq.ParquetFile(handle).metadata.num_rows

    def write_table(self, table: pa.Table, **options) -> None:
        """Write a Parquet file whole or not at all: readers never see part of one.

        Locally through a temporary file and a rename; an object store stores an object
        only once its upload completes.
        """
        if self.is_local:
            with self._replacing() as tmp:
                pq.write_table(table, tmp, **options)
            return
        self._make_parent()
        pq.write_table(table, self.path, filesystem=self.filesystem, **options)

    def read_text(self) -> str:
        with self.filesystem.open_input_stream(self.path) as handle:
            return handle.read().decode("utf-8")

    def write_text(self, text: str) -> None:
        """Write a small text file whole (see `write_table`)."""
        if self.is_local:
            with self._replacing() as tmp:
                tmp.write_text(text, encoding="utf-8")
            return
        self._make_parent()
        with self.filesystem.open_output_stream(self.path) as handle:
            handle.write(text.encode("utf-8"))

    def copy_from(self, source: Location) -> None:
        """This file becomes a copy of `source`: a hard link on a local disk (no bytes
        copied), a copy inside the store (no download) elsewhere."""
        if self.is_local and source.is_local:
            self.local_path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source.local_path, self.local_path)
            except OSError:
                shutil.copy2(source.local_path, self.local_path)
            return
        self._make_parent()
        if source.root == self.root:
            self.filesystem.copy_file(source.path, self.path)
        else:
            pafs.copy_files(source.path, self.path, source.filesystem, self.filesystem)

    def upload(self, folder: Path) -> None:
        """Copy a local folder's files here (replacing this folder's files of those names)."""
        if self.is_local:
            shutil.copytree(folder, self.local_path, dirs_exist_ok=True)
            return
        pafs.copy_files(str(folder.resolve()), self.path, pafs.LocalFileSystem(), self.filesystem)

    def remove(self) -> None:
        """Delete this file or folder and everything in it; nothing happens if it is gone."""
        info = self._info()
        if info.type == pafs.FileType.Directory:
            self.filesystem.delete_dir(self.path)
        elif info.type == pafs.FileType.File:
            self.filesystem.delete_file(self.path)

    @contextmanager
    def _replacing(self) -> Iterator[Path]:
        """A hidden temporary file beside this local file, renamed over it once written."""
        target = self.local_path
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        yield tmp
        os.replace(tmp, target)

    def _info(self) -> pafs.FileInfo:
        return self.filesystem.get_file_info(self.path)

    def _children(self) -> list[pafs.FileInfo]:
        return self.filesystem.get_file_info(pafs.FileSelector(self.path, allow_not_found=True))

    def _make_parent(self) -> None:
        if self.filesystem.type_name not in OBJECT_STORES:
            parent = self.path.rsplit("/", 1)[0]
            self.filesystem.create_dir(parent, recursive=True)


Where = str | os.PathLike | Location  # a local folder, a filesystem URL, or a Location


def is_url(text: str) -> bool:
    return "://" in text


@functools.lru_cache(maxsize=8)
def _filesystem(root: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem of a root, and the root's path in it: opened once per process."""
    if not is_url(root):
        return pafs.LocalFileSystem(), root
    try:
        filesystem, path = pafs.FileSystem.from_uri(root)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        filesystem, path = _fsspec_filesystem(root)
    except (OSError, ValueError) as error:
        raise StorageError(f"cannot open {root}: {error}") from error
    return filesystem, path.rstrip("/")


def _fsspec_filesystem(root: str) -> tuple[pafs.FileSystem, str]:
    """A URL pyarrow does not know, opened with fsspec and wrapped for pyarrow."""
    import fsspec

    try:
        filesystem, path = fsspec.core.url_to_fs(root)
    except (ImportError, ValueError) as error:
        raise StorageError(
            f"cannot open {root}: no pyarrow or fsspec filesystem for it ({error})"
        ) from error
    return pafs.PyFileSystem(pafs.FSSpecHandler(filesystem)), path
