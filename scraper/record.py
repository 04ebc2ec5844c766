"""Immutable values without :mod:`dataclasses`: the model and everything the runtime returns.

An :class:`~errcat.model.Entry`, a :class:`~errcat.model.Catalog`, an explanation: values that
compare and hash by their fields, print as ``Name(field=value, ...)``, refuse assignment, and
are copied with changes by :meth:`Record.replace`. That is what a frozen dataclass gives, but
importing :mod:`dataclasses` costs a few milliseconds (it imports ``inspect``, which imports
``ast``, ``dis`` and ``tokenize``) and each class another fraction of one to generate its
methods: more than ``errcat explain SOURCE CODE`` spends on everything else of errcat, and a
trading system may run it as a process per error.

A subclass writes its ``__init__``, which is the one definition of its fields (names, order,
defaults, types); it stores every argument under its own name in the instance dict, and the
class annotates the same names for type checkers:

>>> class Point(Record):
...     x: int
...     y: int
...
...     def __init__(self, x: int, y: int = 0) -> None:
...         self.__dict__.update(x=x, y=y)
>>> Point.FIELDS
('x', 'y')
>>> p = Point(1)
>>> p, p == Point(1, 0), p.replace(y=2), hash(p) == hash(Point(1))
(Point(x=1, y=0), True, Point(x=1, y=2), True)
>>> p.x = 5
Traceback (most recent call last):
...
AttributeError: Point is immutable: cannot set 'x'

Values live in the instance dict (no ``__slots__``), so ``vars()``, pickling, copying and
:func:`functools.cached_property` work as they do on a frozen dataclass; defaults are class
attributes too, as there, which is where a record made by :meth:`Record.adopt` reads the fields
its dict leaves out.
"""

from __future__ import annotations

from operator import attrgetter

# typing costs the runtime a few milliseconds to import; annotations need it only for checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar, Self


class Record:
    """Base of the immutable value classes (see the module docs)."""

    __slots__ = ()

    # The parameters of the class's own __init__, in order (set for each subclass).
    FIELDS: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]] = staticmethod(lambda _: ())
    # For adopt: the field names, those without a default, the defaults.
    _names: ClassVar[frozenset[str]] = frozenset()
    _required: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return  # the parent's fields
        code = init.__code__
        cls.FIELDS = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]
        get = attrgetter(*cls.FIELDS) if cls.FIELDS else (lambda _: ())
        # attrgetter of one name gives the value, not a 1-tuple
        cls._values = staticmethod(get if len(cls.FIELDS) != 1 else (lambda obj: (get(obj),)))
        positional = cls.FIELDS[: code.co_argcount - 1]
        defaults = init.__defaults__ or ()
        cls._defaults = dict(
            zip(positional[len(positional) - len(defaults) :], defaults, strict=True)
        )
        cls._defaults.update(init.__kwdefaults__ or {})
        cls._names = frozenset(cls.FIELDS)
        cls._required = cls._names - cls._defaults.keys()
        for name, value in cls._defaults.items():
            setattr(cls, name, value)  # what an adopted dict leaves out

    @classmethod
    def adopt(cls, values: dict[str, Any]) -> Self:
        """The record whose instance dict is ``values`` itself, not a copy: for a reader that
        made the dict and gives it up, such as a catalog's entries parsed from JSON, read by the
        thousand (the same record as ``cls(**values)``, in a fraction of the time, as
        ``__init__`` only stores its arguments). Fields ``values`` leaves out read their
        defaults from the class, as on a dataclass; an unknown or missing field is the
        :class:`TypeError` ``__init__`` raises.

        >>> from errcat.model import Entry
        >>> Entry.adopt({"code": "-1121", "messages": ("x",)}) == Entry("-1121", messages=("x",))
        True
        >>> Entry.adopt({"code": "-1121"}).surface
        'rest'
        """
        if not cls._required <= values.keys() <= cls._names:
            return cls(**values)  # raises, naming the field
        record = object.__new__(cls)
        object.__setattr__(record, "__dict__", values)
        return record

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == self._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.FIELDS, self._values(self), strict=True)
        )
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is immutable: cannot delete {name!r}")

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (field names); an unknown name is a :class:`TypeError`."""
        return self.__class__(
            **{**dict(zip(self.FIELDS, self._values(self), strict=True)), **changes}
        )

    # copy.replace() (Python 3.13) calls it by this name
    __replace__ = replace
