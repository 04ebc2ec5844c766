"""errcat.record: the immutable values of the model and the runtime, without dataclasses."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import pkgutil

import errcat
import pytest
from errcat.record import Record


class Pair(Record):
    left: int
    right: tuple[int, ...]

    def __init__(self, left: int, right: tuple[int, ...] = ()) -> None:
        self.__dict__.update(left=left, right=right)


class Wider(Pair):
    extra: str

    def __init__(self, left: int, right: tuple[int, ...] = (), *, extra: str = "") -> None:
        self.__dict__.update(left=left, right=right, extra=extra)


class Same(Pair):
    """A subclass without its own __init__ keeps its parent's fields."""


class One(Record):
    only: str

    def __init__(self, only: str) -> None:
        self.__dict__.update(only=only)


def test_fields_are_the_init_parameters_keyword_only_included():
    assert Pair.FIELDS == ("left", "right")
    assert Wider.FIELDS == ("left", "right", "extra")
    assert Same.FIELDS == Pair.FIELDS
    assert One.FIELDS == ("only",)
    assert Record.FIELDS == ()


def test_equality_and_hash_by_value_and_class():
    assert Pair(1, (2,)) == Pair(1, (2,)) and hash(Pair(1, (2,))) == hash(Pair(1, (2,)))
    assert Pair(1, (2,)) != Pair(1, (3,))
    assert Pair(1) != Same(1)  # another class, even with the same fields
    assert Pair(1) != (1, ())
    assert One("a") == One("a") != One("b") and hash(One("a")) == hash(("a",))
    assert {Pair(1), Pair(1), Pair(2)} == {Pair(1), Pair(2)}


def test_repr_names_every_field_in_order():
    assert repr(Wider(1, (2,), extra="x")) == "Wider(left=1, right=(2,), extra='x')"
    assert repr(One("a")) == "One(only='a')"


def test_replace_copies_with_changes_and_refuses_unknown_names():
    a = Wider(1, extra="x")
    b = a.replace(right=(5,))
    assert (a.right, b.right, b.extra) == ((), (5,), "x") and type(b) is Wider
    assert a.__replace__(left=2) == Wider(2, extra="x")
    with pytest.raises(TypeError):
        a.replace(nope=1)


def test_immutable():
    a = Pair(1)
    with pytest.raises(AttributeError, match="Pair is immutable: cannot set 'left'"):
        a.left = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        a.new = 2  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="cannot delete 'left'"):
        del a.left
    assert a.left == 1


def test_pickle_and_copy_keep_the_value():
    a = Wider(1, (2, 3), extra="x")
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.copy(a) == a and copy.deepcopy(a) == a


def _records() -> list[type[Record]]:
    for info in pkgutil.walk_packages(errcat.__path__, prefix="errcat."):
        if info.name != "errcat.__main__" and not info.name.startswith("errcat.extract"):
            importlib.import_module(info.name)
    found, todo = [], [Record]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("errcat."):
                found.append(sub)
            todo.append(sub)
    return found


@pytest.mark.parametrize("cls", _records(), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_record_annotates_its_fields_and_stores_them(cls: type[Record]):
    # the annotations (for type checkers) name the __init__ parameters, in order
    assert list(cls.__annotations__) == list(cls.FIELDS)
    # and __init__ stores each argument under its own name: a record built from markers
    # gives every marker back (replace() and equality read the instance dict by these names)
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    markers = {p.name: object() for p in params}
    record = cls(**markers)
    assert vars(record) == markers


def test_adopt_is_the_init_call_it_stands_for():
    assert Wider.adopt({"left": 1, "extra": "x"}) == Wider(1, extra="x")
    assert Pair.adopt({"left": 1}) == Pair(1) and Pair.adopt({"left": 1}).right == ()
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'left'"):
        Pair.adopt({"right": ()})
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        Pair.adopt({"left": 1, "nope": 2})
    values = {"left": 1}
    adopted = Pair.adopt(values)
    assert vars(adopted) is values  # the dict itself: given up by its maker
    assert adopted.replace(left=2) == Pair(2) and values == {"left": 1}


def test_defaults_are_class_attributes_as_on_a_dataclass():
    assert (Wider.right, Wider.extra, Counted.b, Counted.c) == ((), "", 1, 2)
    assert not hasattr(Wider, "left")  # required: no default


@pytest.mark.parametrize("cls", _records(), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_record_adopted_with_its_required_fields_equals_the_init_call(cls: type[Record]):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    required = {p.name: object() for p in params if p.default is inspect.Parameter.empty}
    adopted, built = cls.adopt(dict(required)), cls(**required)
    assert adopted == built and hash(adopted) == hash(built) and repr(adopted) == repr(built)
    for p in params:  # each default readable, from the class where the dict leaves it out
        assert getattr(adopted, p.name) is getattr(built, p.name)
        # and no field hides a method or property of the class
        assert not callable(getattr(cls, p.name, None)) or p.default is inspect.Parameter.empty


class Counted(Record):
    a: int
    b: int
    c: int
    calls = 0

    def __init__(self, a: int, b: int = 1, *, c: int = 2) -> None:
        Counted.calls += 1
        self.__dict__.update(a=a, b=b, c=c)


def test_adopt_of_valid_fields_does_not_call_init():
    # (else it would be no faster than the call)
    before = Counted.calls
    record = Counted.adopt({"a": 0, "c": 5})
    assert (record.a, record.b, record.c) == (0, 1, 5)
    assert Counted.calls == before
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        Counted.adopt({"b": 0})  # __init__ says what is wrong
