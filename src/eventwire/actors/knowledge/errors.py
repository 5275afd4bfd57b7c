"""The codes of knowledge errors and warnings, and the error raised for a bad file."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from eventwire.errors import EventwireError

KNOWLEDGE_ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E301": "knowledge file unreadable, or a line that is not valid JSON or TSV",
        "E302": "unknown key in a knowledge entry",
        "E303": "missing, empty or mistyped value",
        "E304": "bad country code",
        "E305": "bad organisation code",
        "E306": "unknown sector",
        "E307": "unknown kind of role word",
        "E308": "bad date in a person's role",
        "E309": "the same entry twice in one file",
        "E310": "file name does not say which kind of knowledge it holds",
        "W301": "one phrase read as two different actors (reported; both readings kept)",
        "W302": "a later file changes a value given earlier (reported; the later value kept)",
    }
)


class KnowledgeError(EventwireError, ValueError):
    """A knowledge file that cannot be used; the message starts with its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
