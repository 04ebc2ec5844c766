"""Fuzz ``errcat.extract``: any bytes give a valid catalog or an ErrcatError, and the fast path
gives the same catalog as the full parse (and, for text, the same blocks).

With atheris installed (``pip install -e ".[bench]"``) this is a coverage-guided libFuzzer run
seeded with the small corpus documents; without it, a long Hypothesis run over bytes and
markup-heavy text. Either way a failure stops the run with the offending input.

    python bench/fuzz_extract.py -max_total_time=600          # atheris: 10 minutes
    python bench/fuzz_extract.py --hypothesis 20000           # Hypothesis: 20000 examples

Result goes in BENCHMARKS.md, section "Extraction speed and memory".
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures"
FORMATS = ("auto", "markdown", "html")


def check(data: bytes | str, format: str) -> None:
    import errcat
    from errcat.catalog import validate
    from errcat.errors import ErrcatError

    results = []
    for fast in (True, False):
        try:
            cat = errcat.extract(data, format, fast=fast)
        except ErrcatError as err:
            assert "\n" not in str(err), repr(str(err))
            results.append(None)
            continue
        validate(cat.with_source("fuzz", "Fuzz", "https://example.com/").to_dict(), name="fuzz")
        results.append(cat)
    assert results[0] == results[1], "fast and full catalogs differ"
    if isinstance(data, str) and results[1] is not None:
        # The blocks too: a reader added later sees what both paths build, not only what the
        # readers of today make of it.
        from errcat.extract.parse import detect_format, fast_blocks, to_blocks
        from errcat.normalize import scrub_surrogates

        text = scrub_surrogates(data)
        kind = detect_format(text) if format == "auto" else format
        assert fast_blocks(text, kind) == to_blocks(text, kind), "fast and full blocks differ"


def run_atheris(argv: list[str]) -> int:
    import atheris

    with atheris.instrument_imports():
        import errcat  # noqa: F401

    def one_input(data: bytes) -> None:
        if not data:
            return
        check(data[1:], FORMATS[data[0] % 3])

    seeds = Path(tempfile.mkdtemp(prefix="errcat-fuzz-"))
    try:
        for path in sorted(SEEDS.rglob("*")):
            if path.suffix in (".md", ".txt", ".html"):
                # Small inputs keep the run fast; the head of a page has its shapes.
                (seeds / path.name).write_bytes(b"\x00" + path.read_bytes()[:4000])
        args = [argv[0], *argv[1:], "-max_len=8000", "-rss_limit_mb=4096", str(seeds)]
        atheris.Setup(args, one_input)
        atheris.Fuzz()
    finally:
        shutil.rmtree(seeds, ignore_errors=True)
    return 0


def run_hypothesis(examples: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    markup = st.lists(
        st.sampled_from(
            [*"|-*#>`\\_~<>/!&;:[]()\n\n  \t0123456789aZ_={}\"'\x00\r\ufeff±é",
             "<table>", "<tr>", "<td>", "<th>", "</td>", "<h2>", "</h2>", "<ul><li>", "<pre>",
             "```", "| Code | Message |", "|---|---|", "-1121 BAD_SYMBOL", "&amp;", "<!--",
             "-->", "<br>", "~~", "**", "# Errors\n\n", "> -1000 UNKNOWN\n", "\n\n", "- `30` - x"]
        ),
        max_size=300,
    ).map("".join)  # fmt: skip
    many = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))

    @many
    @given(st.binary(max_size=2000))
    def any_bytes(data: bytes) -> None:
        check(data, "auto")

    @many
    @given(markup, st.sampled_from(FORMATS))
    def any_markup(text: str, format: str) -> None:
        check(text, format)

    start = time.perf_counter()
    any_bytes()
    any_markup()
    print(f"hypothesis: {2 * examples} examples, no failure, {time.perf_counter() - start:.0f} s")
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--hypothesis":
        return run_hypothesis(int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris not installed: falling back to Hypothesis")
        return run_hypothesis(5000)
    return run_atheris(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
