"""Bytes in, text out: gzip, binary sniffing and encoding detection for every input format.

Inputs arrive compressed, in legacy encodings or not as text at all; each problem becomes a
`ValueError` whose message a person understands (it is the reject reason).
"""

from __future__ import annotations

import gzip
import io
import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
# Magic numbers of binary formats people drop into news folders by mistake.
_BINARY_SIGNATURES = {
    b"%PDF": "binary file (a PDF document)",
    b"\x89PNG": "binary file (a PNG image)",
    b"\xff\xd8\xff": "binary file (a JPEG image)",
    b"GIF8": "binary file (a GIF image)",
    b"PK\x03\x04": "binary file (a ZIP archive or Office document)",
    b"\xd0\xcf\x11\xe0": "binary file (an old Office document)",
    b"PAR1": "binary file (a Parquet file)",
}
# Western legacy text (Windows-1252) is the most common non-UTF-8 news encoding; a decoding
# is accepted only if every non-ASCII character is one such text plausibly contains.
_CP1252_PLAUSIBLE = set(range(0xA0, 0x100)) | {ord(c) for c in "‘’‚“”„–—…€•™ŠšŒœŽžŸ†‡‰‹›ˆ˜ƒ"}


def is_gzip(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_binary(path: str | Path) -> BinaryIO:
    """The file's bytes as a stream, decompressed when it is gzip (detected by content)."""
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_limited(path: str | Path, max_bytes: int) -> bytes:
    """All of a file's (decompressed) bytes, or ValueError when over `max_bytes` or truncated."""
    blocks, size = [], 0
    with open_binary(path) as stream:
        try:
            while size <= max_bytes:  # read to the end: a truncated gzip only fails there
                block = stream.read(min(1 << 20, max_bytes + 1 - size))
                if not block:
                    break
                blocks.append(block)
                size += len(block)
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise ValueError(f"damaged or truncated gzip file ({error})") from None
    data = b"".join(blocks)
    if len(data) > max_bytes:
        kind = "decompressed size is" if is_gzip(path) else "file is"
        raise ValueError(f"{kind} over the limit of {max_bytes} bytes")
    return data


def iter_lines(
    stream: BinaryIO, offset: int = 0, chunk: int | None = None, end: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """(byte offset, line) of a stream positioned at `offset`, up to the line starting at `end`.

    The line at `end` is not read, so the stream stays at the start of the next piece. With
    `chunk`, a line longer than that comes in pieces of at most `chunk` bytes (only the last
    ends with the newline), so one huge line is never held whole.
    """
    limit = chunk or -1
    while (end is None or offset < end) and (line := stream.readline(limit)):
        yield offset, line
        offset += len(line)


@contextmanager
def stream_at(source: str | Path | bytes, start: int = 0, keep: bool = True) -> Iterator[BinaryIO]:
    """The (decompressed) bytes of a file, or of bytes already read, from offset `start`.

    A gzip file cannot seek, so reading piece after piece of one would decompress it from
    its start each time (a 2 GB feed in 100 KB lines: 275 s). Instead the stream a read
    leaves off is kept in this process and continued by the next read at or after it, so
    pieces read in order, in one task or in later tasks of the same worker, decompress the
    file about once. A stream is kept only while the file is unchanged (same size and time),
    and not at all with `keep=False` (a header read at the start, say).
    """
    if isinstance(source, bytes):
        memory = io.BytesIO(source)
        memory.seek(start)
        yield memory
        return
    if not is_gzip(source):
        with open(source, "rb") as handle:
            handle.seek(start)
            yield handle
        return
    key = _file_key(source)
    stream = _GZIP_STREAMS.take(key, start) or gzip.open(source, "rb")  # noqa: SIM115 (kept open)
    try:
        _skip(stream, start - stream.tell())
        yield stream  # type: ignore[misc]
    except BaseException:
        stream.close()
        raise
    if keep:
        _GZIP_STREAMS.keep(key, stream)
    else:
        stream.close()


def _skip(stream: BinaryIO, count: int) -> None:
    while count > 0:
        block = stream.read(min(count, io.DEFAULT_BUFFER_SIZE * 16))
        if not block:
            return
        count -= len(block)


def _file_key(path: str | Path) -> tuple:
    info = os.stat(path)
    return (os.fspath(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class _KeptStreams:
    """Open gzip streams left by earlier reads in this process, the newest few."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.streams: list[tuple[tuple, gzip.GzipFile]] = []
        self.lock = threading.Lock()  # tasks may run in threads of one process

    def take(self, key: tuple, start: int) -> gzip.GzipFile | None:
        """The kept stream of that file furthest along but not past `start`, if any."""
        with self.lock:
            usable = [
                (stream.tell(), index)
                for index, (kept, stream) in enumerate(self.streams)
                if kept == key and stream.tell() <= start
            ]
            if not usable:
                return None
            return self.streams.pop(max(usable)[1])[1]

    def keep(self, key: tuple, stream: gzip.GzipFile) -> None:
        with self.lock:
            self.streams.append((key, stream))
            while len(self.streams) > self.most:
                self.streams.pop(0)[1].close()


_GZIP_STREAMS = _KeptStreams(most=4)


def binary_kind(data: bytes) -> str | None:
    """What a binary input is ("binary file (a PNG image)"), or None when it may be text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte order mark
    if b"\x00" in data[:8192]:
        return "binary file (contains NUL bytes)"
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) or ValueError with the reason: UTF-8 first, then a detected encoding."""
    if not data.strip():
        raise ValueError("empty file")
    kind = binary_kind(data)
    if kind:
        raise ValueError(kind)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValueError("damaged UTF-16 text") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1252")
        if all(ord(ch) < 0x80 or ord(ch) in _CP1252_PLAUSIBLE for ch in text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    return _detected(data, utf8_error)


def _detected(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ValueError(
            f"undecodable text: not UTF-8 (invalid byte at offset {utf8_error.start}) "
            "and no other encoding fits"
        )
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        raise ValueError(
            f"undecodable text: not UTF-8 (invalid byte at offset {utf8_error.start}) "
            f"nor {best.encoding}"
        ) from None
