"""Upstream text made safe for a terminal: no escape sequence, control or hiding character.

A catalog holds whatever an exchange's page said. Printed raw, an ``ESC [`` or ``ESC ]``
sequence recolours, retitles or rewrites the terminal, a carriage return overwrites what was
printed before it, and a bidi override makes ``990010`` of what is stored as ``010099``.
:func:`printable` replaces each such character with its visible ``\\uXXXX`` escape. That is
also how JSON writes the character, so JSON output stays valid and means the same.

>>> printable("bad \\x1b]0;pwned\\x07 code \\u202e01\\r")
'bad \\\\u001b]0;pwned\\\\u0007 code \\\\u202e01\\\\u000d'
>>> printable("tabs\\tand\\nnewlines stay")
'tabs\\tand\\nnewlines stay'

The CLI wraps ``sys.stdout`` and ``sys.stderr`` in :class:`SafeStream` for every command
(``errcat.cli.main``), so nothing a command prints bypasses it; the progress bar, which draws
with control sequences of its own, writes to :func:`raw` and passes upstream text through
:func:`printable` itself.
"""

from __future__ import annotations

import re
from functools import cache

from errcat.chars import HIDING

# typing costs a few milliseconds to import, and every command needs this module at start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO


@cache
def _unsafe() -> re.Pattern[str]:
    # C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), line and
    # paragraph separators, hiding characters, lone surrogates (which no encoder accepts).
    # Compiled on first use (half a millisecond: the surrogates make it a 64k-entry charset),
    # which printable text never reaches.
    return re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{HIDING}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def printable(text: Any) -> str:
    """``text`` with every character that could act on a terminal shown as ``\\uXXXX``."""
    text = str(text)
    # Every unsafe character is a control, format, surrogate or line/paragraph separator
    # character, none of which str.isprintable() passes (tests/test_terminal.py checks each):
    # text printable but for its tabs and newlines has none to escape.
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return _unsafe().sub(_escape, text)


def one_line(text: Any, limit: int = 1000) -> str:
    """:func:`printable`, on one line and at most ``limit`` characters (error messages).

    >>> one_line("a\\nb " + "c" * 20, limit=10)
    'a b ccccc…'
    """
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return printable(flat)


class SafeStream:
    """A text stream that passes everything written through :func:`printable`."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        self.raw.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def raw(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream` (for output that draws with control codes)."""
    while isinstance(stream, SafeStream):
        stream = stream.raw
    return stream


__all__ = ["SafeStream", "one_line", "printable", "raw"]
