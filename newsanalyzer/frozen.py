"""Building the model's frozen dataclasses fast, where an article builds thousands.

A frozen dataclass's generated __init__ sets each field with
`object.__setattr__` by name, the slowest way there is (about 0.5 us a
field). The model's classes have slots, and setting a slot through its own
descriptor builds an equal object for half the cost or less:

- `copier(cls, *names)`: one object, new or copied with some fields changed
  (`dataclasses.replace` also looks the fields up anew on every call);
- `ColumnBuilder`: many objects from columns of field values, a column at a
  time in one `map` run in C (tokens, sentences, mentions, actors).

A class these do not fit (fields that are not slots, a __post_init__, a field
outside __init__) is built by calling it, so its checks still run.
"""

from __future__ import annotations

import dataclasses
import types
from collections import deque
from collections.abc import Callable, Sequence
from itertools import repeat

_drain = deque(maxlen=0).extend  # runs an iterator to its end in C, keeping nothing
_FEW = 3  # fewer objects than this are built by calling the class (the maps cost more)


def _slot_descriptors(cls: type) -> list | None:
    """The slot descriptors of `cls`'s fields, in order, or None unless they are all plain slots
    set by __init__ alone (no __post_init__, every field in __init__)."""
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or not all(f.init for f in fields):
        return None
    descriptors = [vars(cls).get(f.name) for f in fields]
    if not all(isinstance(d, types.MemberDescriptorType) for d in descriptors):
        return None
    return descriptors


def copier(cls: type, *names: str) -> Callable:
    """`f(obj, *values)`, that is `dataclasses.replace(obj, **dict(zip(names, values)))`; with
    `names` all of `cls`'s fields, in order, `f(*values)`, that is `cls(*values)`."""
    all_fields = [f.name for f in dataclasses.fields(cls)]
    new_object = list(names) == all_fields
    descriptors = _slot_descriptors(cls)
    if descriptors is None:
        return cls if new_object else lambda obj, *values: dataclasses.replace(obj, **dict(zip(names, values)))
    # Code generated the way `dataclasses` generates __init__, a descriptor's `__set__` per field.
    namespace = {"new": object.__new__, "cls": cls} | {"set_" + f: d.__set__ for f, d in zip(all_fields, descriptors)}
    params = ", ".join(names if new_object else ["obj", *names])
    body = "".join(f"    set_{name}(made, {name if name in names else 'obj.' + name})\n" for name in all_fields)
    exec(f"def copy_with({params}):\n    made = new(cls)\n{body}    return made\n", namespace)
    return namespace["copy_with"]


class ColumnBuilder:
    """Builds instances of a frozen dataclass from columns of values for its first fields
    (`given`); the fields after them take their defaults."""

    def __init__(self, cls: type, given: tuple[str, ...]):
        self.cls = cls
        fields = dataclasses.fields(cls)
        rest = fields[len(given) :]
        descriptors = _slot_descriptors(cls)
        fits = (
            descriptors is not None
            and tuple(f.name for f in fields[: len(given)]) == given
            and all(f.default is not dataclasses.MISSING for f in rest)
        )
        self.setters = tuple(d.__set__ for d in descriptors) if fits else None
        self.defaults = tuple(repeat(f.default) for f in rest)  # endless: each call reads as many as it needs

    def build(self, columns: Sequence[Sequence], count: int) -> list:
        """`count` objects; object k has field values columns[0][k], columns[1][k], ..."""
        if not count:
            return []
        if self.setters is None or count < _FEW:  # a call is cheaper than the maps' set-up for a few
            return list(map(self.cls, *columns))
        objects = list(map(object.__new__, repeat(self.cls, count)))
        for setter, values in zip(self.setters, (*columns, *self.defaults)):
            _drain(map(setter, objects, values))
        return objects
