"""Labelled fields: a code and its texts written as ``Label: value`` lines.

Help-center and CMS pages write each error as a block of such lines (one paragraph, a list,
or a paragraph per line)::

    **Error code:** 1001
    **Message:** API key not found
    **Description:** The key in the header does not exist.

and a page of code headings (``#### 30001``) gives each code its HTTP status and name the same
way (``**HTTP status:** 400``, ``**Name:** ORDER_SIZE_TOO_SMALL``). A label means what a
table header of the same words would (:func:`~errcat.extract.read.words.header_role`, in every
language errcat reads: ``エラーコード：1001``, ``Mensaje: …``); advice (``How to fix:``) is the
description.

>>> fields(["Error code: 1001", "Message: API key not found"])
[('code', '1001'), ('message', 'API key not found')]
>>> fields(["Note: see above", "Message: x"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from errcat.extract.blocks import Block
from errcat.extract.read.detect import is_code_key, is_http_status, is_snake_code, says_error
from errcat.extract.read.section import Section
from errcat.extract.read.words import header_role
from errcat.model import Entry
from errcat.normalize import clean_text

# "Label: value": a label of a few words (no digit first), a colon (or a full-width one)
_FIELD = re.compile(r"^([^\W\d_][^:：]{0,38}?)\s*[:：]\s*(\S.*)$")
_ADVICE = re.compile(
    r"^(?:how to (?:resolve|fix|solve)|solutions?|resolution|suggestions?|fix(?:es)?|what to do"
    r"|workaround)$",
    re.I,
)
ROLES = ("code", "message", "description", "name", "http_status")


def field_role(label: str) -> str | None:
    """The role a field's label gives its value, or ``None`` for any other label."""
    if _ADVICE.match(label):
        return "description"
    role = header_role(label)
    if role == "status":  # "Status: 400" is an HTTP status where the value is one
        return "http_status"
    return role if role in ROLES else None


def fields(lines: Sequence[str], others: bool = False) -> list[tuple[str, str]] | None:
    """``(role, value)`` per line, or ``None`` unless every line is a field with a role
    (``others``: a field of another label, ``Retryable: yes``, is passed over).

    >>> fields(["Error code: 1", "Since: v2", "Message: Bad"], others=True)
    [('code', '1'), ('message', 'Bad')]
    """
    out: list[tuple[str, str]] = []
    for line in lines:
        found = _FIELD.match(clean_text(line))
        if found is None:
            if others and out and line.strip():
                # a value wrapped onto the next line (a soft break in markdown)
                role, value = out[-1]
                out[-1] = (role, f"{value} {clean_text(line)}")
                continue
            return None
        role = field_role(found[1])
        if role is None and not others:
            return None
        if role is not None:
            out.append((role, found[2].strip("`").strip()))
    return out or None


def block_fields(block: Block, others: bool = False) -> list[tuple[str, str]] | None:
    """The fields of a paragraph's lines or a list's items (see :func:`fields`)."""
    if block.kind == "paragraph":
        # (an HTML page's "<br>" and the line break after it in its source leave a blank line)
        return fields([line for line in block.text.split("\n") if line.strip()], others)
    if block.kind == "list":
        return fields(block.items, others)
    return None


def apply(entry: Entry, found: Sequence[tuple[str, str]]) -> Entry:
    """``entry`` with the fields other than its code filled in (messages and descriptions
    added in order; the first name and HTTP status given win)."""
    messages = list(entry.messages)
    told = [entry.description] if entry.description else []
    name, status = entry.name, entry.http_status
    for role, value in found:
        if role == "message":
            messages.append(value)
        elif role == "description":
            told.append(value)
        elif role == "name" and name is None:
            name = value
        elif role == "http_status" and status is None and is_http_status(_first(value)):
            status = int(_first(value))  # "400", "400 Bad Request"
    return entry.replace(
        messages=tuple(messages), description="\n".join(told) or None, name=name, http_status=status
    )


def _first(value: str) -> str:
    words = value.split()
    return words[0] if words else ""


def read_fields(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """The entries of the field blocks from ``blocks[start]`` on, and the index after them.

    A block must open with the code's field; the fields up to the next code's are its own, in
    the same block or in the blocks right after. The label must say *error* (``Error code``),
    or the section must be about errors (a bare ``Code: 200`` in prose is no listing). A value
    that is no code ends the run there; a code without a text beside it is left out. Each block
    is read once: the run is claimed whole, or not at all when it lists nothing.
    """
    # (a code's block may hold fields of other labels: "Retryable: yes", "Since: v2")
    first = block_fields(blocks[start], others=True)
    if not first or first[0][0] != "code":
        return None
    if not (section.within_errors or says_error(_label(blocks[start]))):
        return None
    codes: list[tuple[Entry, list[tuple[str, str]]]] = []  # each code and its fields
    end = start
    found: list[tuple[str, str]] | None = first
    while found is not None:
        if any(r == "code" and not (is_code_key(v) or is_snake_code(v)) for r, v in found):
            break  # "Error code: see below": the listing ends before it
        for role, value in found:
            if role == "code":
                codes.append((Entry(value, section.surface, section.group), []))
            elif codes:
                codes[-1][1].append((role, value))
        end += 1
        found = block_fields(blocks[end], others=True) if end < len(blocks) else None
    entries = [apply(entry, told) for entry, told in codes]
    entries = [e for e in entries if e.messages or e.description]
    return (entries, end) if entries else None


def _label(block: Block) -> str:
    line = block.text.split("\n")[0] if block.kind == "paragraph" else block.items[0]
    return clean_text(line).partition(":")[0]
