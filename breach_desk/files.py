"""Reading what a person hands us, and writing what holds personal data.

Reading: only a regular file, and only a bounded amount of it. A FIFO, a terminal, ``/dev/zero``
or a socket is refused before a byte is read (opened without blocking, then checked), so a
command never hangs or fills memory because of the path it was given.

Writing: every file with personal data in it (exports, reports, evidence packs and files) is
created readable by its owner only (0600) from the first byte, never made private afterwards,
and appears whole or not at all: it is written beside its target under a hidden name, then
renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, cast, overload

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class InputFileError(ValueError):
    """A file cannot be used as input; the message says why, in words (without the path)."""


def describe_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (from its ``st_mode``)."""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size < 1024 * 1024 * 1024 else f"{size / 2**30:.1f} GB"


def limit_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / 1024 / 1024:g} MB"
    return f"{limit / 1024:g} KB"


@contextlib.contextmanager
def open_input(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A regular file opened for reading, or InputFileError (FileNotFoundError and other
    OSErrors pass through). Never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise InputFileError(describe_kind(stat.S_IFDIR)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputFileError(describe_kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_input(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes, else InputFileError."""
    with open_input(path) as fh:
        data = fh.read(limit + 1)
        if len(data) > limit:
            size = max(os.fstat(fh.fileno()).st_size, len(data))
            raise InputFileError(
                f"the file is too large ({_megabytes(size)}; the limit is {limit_text(limit)})"
            )
        return data


def read_stream(stream: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes of a stream (standard input), else InputFileError."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputFileError(f"the input is too large (the limit is {limit_text(limit)})")
    return data


def make_private_folder(path: str | os.PathLike[str]) -> Path:
    """A folder (and its parents) created 0700 when it does not exist yet; an existing folder is
    left as its owner set it."""
    folder = Path(path)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    return folder


def _part_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.part")


@overload
def open_private(
    path: str | os.PathLike[str], mode: Literal["wb"] = "wb"
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def open_private(
    path: str | os.PathLike[str], mode: Literal["w"]
) -> contextlib.AbstractContextManager[IO[str]]: ...


def open_private(
    path: str | os.PathLike[str], mode: Literal["w", "wb"] = "wb"
) -> contextlib.AbstractContextManager[IO[bytes]] | contextlib.AbstractContextManager[IO[str]]:
    """Write ``path`` readable by its owner only: created 0600 under a hidden name beside it,
    renamed over it when the block ends without an error, removed otherwise. Text mode writes
    UTF-8 without translating newlines (CSV writes its own)."""
    return cast(
        "contextlib.AbstractContextManager[IO[bytes]] | contextlib.AbstractContextManager[IO[str]]",
        _open_private(Path(path), mode),
    )


@contextlib.contextmanager
def _open_private(target: Path, mode: str) -> Iterator[IO[bytes] | IO[str]]:
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(target))
    part = _part_name(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with contextlib.suppress(FileNotFoundError):
        part.unlink()  # left by a killed run of ours
    fd = os.open(part, flags, PRIVATE_FILE)
    try:
        fh: IO[bytes] | IO[str] = (
            os.fdopen(fd, "wb")
            if mode == "wb"
            else os.fdopen(fd, "w", encoding="utf-8", newline="")
        )
    except BaseException:
        os.close(fd)
        part.unlink(missing_ok=True)
        raise
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_private(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` into ``path``, readable by its owner only, whole or not at all."""
    with open_private(path) as fh:
        fh.write(data)
