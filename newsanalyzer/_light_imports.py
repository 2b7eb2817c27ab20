"""Import only the parts of nltk and textblob that the analysis uses.

`import nltk` runs nltk/__init__.py, which imports nearly all of NLTK, and
SciPy through `nltk.metrics` when SciPy is installed (0.3 s without SciPy,
1.7 s with it on our machines); `import textblob` imports all of nltk too.
The analysis reads TextBlob's lexicons (`textblob._text`, `textblob.en`),
and NLTK's modules only where a caller asks for NLTK's own tokenizers (our
Punkt and word tokenizer are checked against them in the tests); those
submodules import fine without the package initialisers. The command line
(and only it: a library user's process may want the real `nltk` package)
registers bare package modules first, so that importing a submodule skips
the package's __init__.
"""

from __future__ import annotations

import importlib.util
import sys
import types

# `nltk.tokenize`'s own __init__ imports every tokenizer, NumPy among them.
PACKAGES = ("nltk", "nltk.tokenize", "textblob")


def install() -> None:
    """Register bare `nltk`, `nltk.tokenize` and `textblob` packages, unless already imported."""
    for name in PACKAGES:
        if name in sys.modules:
            continue
        parent, _, child = name.rpartition(".")
        if parent and parent not in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.submodule_search_locations is None:
            continue  # not installed: the real import reports it
        package = types.ModuleType(name, f"{name} (submodules only, loaded by newsanalyzer)")
        package.__path__ = list(spec.submodule_search_locations)
        package.__file__ = spec.origin
        package.__spec__ = spec
        package.__package__ = name
        sys.modules[name] = package
        if parent:
            setattr(sys.modules[parent], child, package)
