"""The argument parser's pieces: argparse's classes, with the terminal's width read without
:mod:`shutil`.

argparse's help formatter imports :mod:`shutil` for the terminal width (and it builds one for
every option added, to check it): two milliseconds of every command's start-up, for
``shutil.get_terminal_size()``. :func:`columns` reads the width the same way.
"""

from __future__ import annotations

import argparse
import os
import sys

# typing costs a few milliseconds to import, and the CLI needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def columns() -> int:
    """The terminal's width, as :func:`shutil.get_terminal_size` reads it: ``COLUMNS``, else
    the terminal of stdout, else 80."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            width = 80
    return width


class _Width:
    # argparse's own default width (the terminal's less 2), from columns()
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)  # type: ignore[call-arg]


class HelpFormatter(_Width, argparse.HelpFormatter):
    """argparse's formatter, sized by :func:`columns`."""


class RawDescriptionHelpFormatter(_Width, argparse.RawDescriptionHelpFormatter):
    """argparse's formatter keeping the description's lines, sized by :func:`columns`."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with :class:`HelpFormatter` (its sub-command parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
