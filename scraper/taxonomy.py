"""The error taxonomy: the ccxt-style classes a catalog entry's ``category`` names, with their
parents, retry advice and what to do (``scraper/data/taxonomy.json``, ``docs/taxonomy.md``).

Read by ``explain`` at run time, so it stands apart from the rules that categorize entries
(:mod:`errcat.categorize`, which compiles hundreds of regexes when imported).
"""

from __future__ import annotations

import json
from functools import cache
from os import path

from errcat.record import Record

# What ``category_reason`` ends with for a code documented with messages of several meanings (a
# family of errors): the catalog gives it its name's category, and ``explain`` the category of
# the message that matched (errcat.categorize decides both).
FAMILY_MARK = "; a family: each message has its own meaning"


class Category(Record):
    """One class of the taxonomy; ``assignable`` classes can be an entry's category."""

    name: str
    parent: str | None
    assignable: bool
    retryable: bool
    description: str
    advice: str

    def __init__(
        self,
        name: str,
        parent: str | None,
        assignable: bool,
        retryable: bool,
        description: str,
        advice: str,
    ) -> None:
        self.__dict__.update(
            name=name,
            parent=parent,
            assignable=assignable,
            retryable=retryable,
            description=description,
            advice=advice,
        )


class Taxonomy(Record):
    """The class tree shipped in ``scraper/data/taxonomy.json``.

    >>> t = taxonomy()
    >>> t.ancestors("OrderNotFound")
    ['InvalidOrder', 'ExchangeError', 'BaseError']
    >>> t.is_a("RateLimitExceeded", "NetworkError")
    True
    """

    classes: tuple[Category, ...]

    def __init__(self, classes: tuple[Category, ...]) -> None:
        self.__dict__.update(classes=classes)

    def __contains__(self, name: object) -> bool:
        return any(c.name == name for c in self.classes)

    def __getitem__(self, name: str) -> Category:
        for c in self.classes:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """Assignable class names, in documentation order."""
        return [c.name for c in self.classes if c.assignable]

    def ancestors(self, name: str) -> list[str]:
        """Parent, grandparent, … up to the root."""
        out: list[str] = []
        parent = self[name].parent
        while parent is not None:
            out.append(parent)
            parent = self[parent].parent
        return out

    def is_a(self, name: str, ancestor: str) -> bool:
        return name == ancestor or ancestor in self.ancestors(name)

    def children(self, name: str) -> list[str]:
        return [c.name for c in self.classes if c.parent == name]


@cache
def taxonomy() -> Taxonomy:
    """The taxonomy shipped in the package."""
    with open(path.join(path.dirname(__file__), "data", "taxonomy.json"), encoding="utf-8") as f:
        text = f.read()
    return Taxonomy(tuple(Category(**c) for c in json.loads(text)["classes"]))
