"""Time `analyze()` on hostile 100 KB inputs: long runs of one character or construct.

    python benchmarks/adversarial.py [--size BYTES]

Each kind of input aims at one place where work could grow faster than the
text (white space a regular expression backtracks over, cue after cue in one
sentence, unbalanced quote marks, abbreviations without end). Prints a
markdown table, slowest first; anything over a second or two per 100 KB is a
bug worth a regression test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def cases(size: int) -> dict[str, str]:
    def fill(unit: str) -> str:
        return unit * max(1, size // len(unit))

    return {
        "letter then 4,999 spaces, repeated": fill("x" + " " * 4999),
        "letter then 4,999 tabs, repeated": fill("x" + "\t" * 4999),
        "letter then 4,999 no-break spaces, repeated": fill("x" + "\u00a0" * 4999),
        "spaces, then a word": " " * size + "word.",
        "a word, then spaces": "Word said" + " " * size,
        "one long word": "a" * size,
        "periods": "." * size,
        "`a. ` repeated": fill("a. "),
        'straight quote marks "': '"' * size,
        "curly quote marks “": "“" * size,
        "apostrophes": "'" * size,
        "NYT quote marks ''": fill("''a"),
        "dashes": "-" * size,
        "line breaks": "\n" * size,
        "`Mr. ` repeated": fill("Mr. "),
        "capitalised words": fill("Aa "),
        "`he said ` repeated": fill("he said "),
        "`according to ` repeated": fill("according to "),
        "`Kim: ` repeated": fill("Kim: "),
        "numbers": fill("1,000.5 "),
        "mixed punctuation": fill("?!.-,;:"),
        "1,000-word sentences": fill("word " * 999 + "end. "),
        "an unbalanced “ then words": "“He said " + fill("word "),
        "one line of quoted news": fill("Kim Jong Un said “we will win,” according to officials. "),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per input (default 100,000)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from newsanalyzer import _light_imports

    _light_imports.install()
    from newsanalyzer.pipeline import analyze

    analyze("Warm up, he said.")
    rows = []
    for name, text in cases(args.size).items():
        started = time.perf_counter()
        result = analyze(text)
        rows.append((time.perf_counter() - started, name, len(text), len(result.quotes)))
        print(f"{rows[-1][0]:7.2f} s  {name}", file=sys.stderr, flush=True)
    rows.sort(reverse=True)
    print("| input | characters | seconds | quotes |\n| --- | ---: | ---: | ---: |")
    for seconds, name, length, quotes in rows:
        print(f"| {name} | {length:,} | {seconds:.2f} | {quotes:,} |")


if __name__ == "__main__":
    main()
