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

And making these classes fast: `dataclasses` writes the source of each
method it adds (__init__, __repr__, __eq__, __hash__, __setattr__, ...) and
compiles it, as `copier` does its functions; compiling some eighty small
functions took a tenth of a fresh process's start. `GeneratedCode.kept_for`
keeps the code compiled from each source text on disk (disk_cache.py), and
reads it back instead: the same source gives the same code.
"""

from __future__ import annotations

import builtins
import dataclasses
import types
from collections import deque
from collections.abc import Callable, Sequence
from itertools import repeat

from newsanalyzer import disk_cache

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
    _exec(f"def copy_with({params}):\n    made = new(cls)\n{body}    return made\n", namespace)
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


class GeneratedCode:
    """Code compiled from generated source text, read from and kept on disk, for the classes and
    copiers a module makes: `kept = GeneratedCode.kept_for(__file__)` before them, `kept.close()` after.

    In between, `dataclasses` (through its module-level name `exec`, which it compiles its methods
    with) and `copier` run the code this module's earlier runs compiled from the same text, and
    compile only text new to it. The code a source compiles to does not depend on where it is
    compiled (no inherited `__future__` flags: `dont_inherit`), and Python's version is part of
    the cache's key (disk_cache.py)."""

    def __init__(self, name: str, sources: list[str]):
        self.name, self.sources = name, sources
        codes = disk_cache.lookup(name, sources, _is_code_table)
        self.codes: dict[str, types.CodeType] = {} if codes is disk_cache.MISSING else codes
        self.compiled = False  # whether some source was new

    @classmethod
    def kept_for(cls, module_file: str) -> GeneratedCode:
        import os

        name = "code_" + os.path.splitext(os.path.basename(module_file))[0]
        kept = cls(name, [module_file, dataclasses.__file__, __file__])
        if not _keeping:
            _keeping.append(vars(dataclasses).get("exec", builtins.exec))  # what it compiled with before
        _keeping.append(kept)
        dataclasses.exec = kept.exec
        return kept

    def exec(self, source, globals=None, locals=None) -> None:
        """`exec(source, globals, locals)`, with the code compiled from a str `source` kept."""
        if type(source) is str:
            code = self.codes.get(source)
            if code is None:
                code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled = True
            source = code
        builtins.exec(source, globals, locals)

    def close(self) -> None:
        """`dataclasses` compiles by itself again; the code is kept if some of it is new."""
        _keeping.remove(self)
        if len(_keeping) > 1:
            dataclasses.exec = _keeping[-1].exec
        else:
            before = _keeping.pop()
            if before is builtins.exec:
                del dataclasses.exec  # the builtin again
            else:
                dataclasses.exec = before
        if self.compiled:
            disk_cache.save(self.name, self.sources, self.codes)


_keeping: list = []  # while a cache is in use: what `dataclasses` compiled with before, then the caches, innermost last


def _exec(source: str, namespace: dict) -> None:
    """`exec(source, namespace)` for `copier`, through the cache in use if any."""
    if _keeping:
        _keeping[-1].exec(source, namespace)
    else:  # compiled as the cache compiles it (no `__future__` flags of this module)
        exec(compile(source, "<string>", "exec", dont_inherit=True), namespace)


def _is_code_table(value: object) -> bool:
    return type(value) is dict and all(type(code) is types.CodeType for code in value.values())
