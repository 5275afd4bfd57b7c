"""How a reader reports that a file or record failed, before it becomes an IngestError."""

from __future__ import annotations

import gzip
import zlib

from eventwire.records import IngestError


class ReadFailure(Exception):
    """A failure with a stable code (see `eventwire.errors`), raised inside the readers."""

    def __init__(self, code: str, reason: str, location: str | None = None) -> None:
        super().__init__(f"[{code}] {reason}")
        self.code = code
        self.reason = reason
        self.location = location

    def to_error(self, source: str, location: str | None = None) -> IngestError:
        """The IngestError for `source`, at `location` when the failure gave none."""
        return IngestError(
            source=source, code=self.code, reason=self.reason, location=self.location or location
        )

    def at(self, location: str) -> ReadFailure:
        """The same failure placed at `location`.

        A truncated or corrupt gzip stream (E105) spoils the file, not one record, so it
        stays a whole-file error whose reason says where reading stopped.
        """
        if self.code == "E105":
            reason = f"{self.reason}; reading stopped in {location}, the records before it are kept"
            return ReadFailure(self.code, reason)
        return ReadFailure(self.code, self.reason, location)


# What reading a byte stream can raise: I/O errors and the ways a gzip stream breaks.
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, ReadFailure)


def stream_failure(exc: BaseException) -> ReadFailure:
    """Classify an exception raised while reading bytes into a ReadFailure."""
    if isinstance(exc, ReadFailure):
        return exc
    if isinstance(exc, EOFError):
        return ReadFailure("E105", f"compressed data ends early (truncated gzip): {exc}")
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return ReadFailure("E105", f"corrupt gzip data: {exc}")
    if isinstance(exc, OSError):
        return ReadFailure("E109", f"could not read: {exc.strerror or exc}")
    return ReadFailure("E109", f"could not read: {type(exc).__name__}: {exc}")
