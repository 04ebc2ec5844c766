"""``errcat ccxt-audit SOURCE --exchange ID``: a catalog against ccxt's exception map."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from errcat.catalog import catalogs_for, write_atomic
from errcat.ccxt_audit import Audit, audit, load_ccxt, snippet, wording
from errcat.cli import EXIT_OK, add_catalogs
from errcat.cli.show import load_for

LIMIT = 40  # lines per list in the printed report; the snippet and --json have everything


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ccxt-audit",
        help="compare a catalog with ccxt's exception map for the same exchange",
        description="List the codes the documentation has and ccxt's exact map lacks (with "
        "errcat's category), the map's codes the documentation does not list (dead or "
        "undocumented), and the codes whose ccxt class conflicts with the documented wording; "
        "write the missing codes as a snippet shaped like ccxt's 'exceptions' map. Needs ccxt "
        "(pip install 'errcat[ccxt]').",
    )
    p.add_argument("source", metavar="SOURCE", help="source id, e.g. binance-usdm")
    p.add_argument("--exchange", required=True, metavar="ID", help="ccxt exchange id, e.g. binance")
    p.add_argument(
        "--market",
        metavar="NAME",
        help="ccxt's per-market map where it splits them (Binance: spot, linear, inverse, …)",
    )
    p.add_argument(
        "--snippet",
        metavar="PATH",
        help="where to write the snippet (default: ccxt-<SOURCE>.ts in the current directory)",
    )
    p.add_argument("--json", action="store_true", help="print the audit as JSON")
    add_catalogs(p)
    p.set_defaults(run=run)


def _line(text: str) -> str:
    # catalog text is upstream text: nothing unprintable reaches the terminal
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:120]


def render(result: Audit, version: str) -> str:
    where = result.exchange + (f" ({result.market})" if result.market else "")
    lines = [
        f"errcat {result.source} against ccxt {version} {where}",
        f"  documented codes: {result.documented}; in ccxt's map: {result.mapped}; "
        f"known to both and consistent: {result.agree}",
        "",
        f"documented, missing from the map: {len(result.missing)}",
    ]
    for e in result.missing[:LIMIT]:
        lines.append(_line(f"  {e.code}  {e.category}  {wording(e)}"))
    if len(result.missing) > LIMIT:
        lines.append(f"  … {len(result.missing) - LIMIT} more (all are in the snippet)")
    lines += ["", f"in the map, not documented (dead or undocumented): {len(result.undocumented)}"]
    for code, cls in result.undocumented[:LIMIT]:
        lines.append(_line(f"  {code}  {cls}"))
    if len(result.undocumented) > LIMIT:
        lines.append(f"  … {len(result.undocumented) - LIMIT} more (--json lists all)")
    lines += ["", f"class conflicts with the documented wording: {len(result.conflicts)}"]
    for c in result.conflicts[:LIMIT]:
        lines.append(
            _line(f"  {c.code}  ccxt {c.ccxt}, errcat {c.errcat} ({c.reason}): {c.wording}")
        )
    if len(result.conflicts) > LIMIT:
        lines.append(f"  … {len(result.conflicts) - LIMIT} more (--json lists all)")
    if result.success_in_map:
        lines += ["", "success codes the map treats as errors:"]
        lines += [_line(f"  {code}  {cls}") for code, cls in result.success_in_map]
    return "\n".join(lines)


def to_dict(result: Audit, version: str) -> dict:
    return {
        "source": result.source,
        "exchange": result.exchange,
        "market": result.market,
        "ccxt": version,
        "documented": result.documented,
        "mapped": result.mapped,
        "agree": result.agree,
        "missing": [
            {"code": e.code, "category": e.category, "messages": list(e.messages)}
            for e in result.missing
        ],
        "undocumented": [{"code": c, "class": k} for c, k in result.undocumented],
        "conflicts": [
            {"code": c.code, "ccxt": c.ccxt, "errcat": c.errcat, "reason": c.reason}
            for c in result.conflicts
        ],
        "success_in_map": [{"code": c, "class": k} for c, k in result.success_in_map],
    }


def run(args: argparse.Namespace) -> int:
    catalog = load_for(args.source, catalogs_for(args.catalogs), args.sources)
    ccxt_map = load_ccxt(args.exchange, args.market)
    result = audit(
        catalog,
        ccxt_map.exact,
        exchange=args.exchange,
        market=args.market,
        parents=ccxt_map.parents,
    )
    path = Path(args.snippet or f"ccxt-{args.source}.ts")
    write_atomic(path, snippet(result))
    if args.json:
        print(json.dumps(to_dict(result, ccxt_map.version), ensure_ascii=False, indent=2))
    else:
        print(render(result, ccxt_map.version))
        print(f"\nsnippet: {path}")
    return EXIT_OK
