"""The command line: ``python -m oversight <command>``.

The commands, their options and their output columns are interfaces that scripts and
scheduled jobs rely on (README.md, "Command line"): they do not change without notice. Each
command only parses its arguments and calls the function that pages and exports call too.
What it writes leaves the service like any export, so it goes through the same formula
escaping and small-number suppression (``oversight.export``, ``oversight.figures``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from oversight.db import Database, db_path
from oversight.export import escape_formulas
from oversight.figures import suppress, suppressing
from oversight.store import STALE_MESSAGE, is_current
from queries.explorer import load_meta


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from exc


def _write_rows(frame, fmt: str) -> None:
    """CSV or JSON on standard output; dates as YYYY-MM-DD, empty cells for nulls.

    Text a spreadsheet would run as a formula is escaped in both formats: a JSON file is as
    easily turned into a sheet as a CSV one."""
    frame = escape_formulas(frame)
    if fmt == "json":
        json.dump(frame.to_dicts(), sys.stdout, default=str, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(frame.write_csv(date_format="%Y-%m-%d"))


class Refused(Exception):
    """A command that cannot do what was asked: the message says why and what to do."""


class NoDatabase(Refused):
    pass


def _existing_db(path: Path) -> Path:
    if not path.exists():
        raise NoDatabase(
            f"no database at {path}: load an extract first (python -m oversight load PATH --db {path}), "
            "or run the dashboard once to build the demo database"
        )
    database = Database(path)
    try:
        current = is_current(load_meta(database.connection()))
    finally:
        database.close()
    if not current:
        raise Refused(STALE_MESSAGE.format(path=path))
    return path


def cmd_load(args: argparse.Namespace) -> int:
    from oversight.load import load_extract

    report = load_extract(args.path, profile=args.profile, db=args.db)
    _log(args.db, "load", rows=sum(report.row_counts.values()), reason=None if report.ok else "refused")
    print(report.render())
    return 0 if report.ok else 1


def _log(db: Path, event: str, **fields: object) -> None:
    """The access log of ``db`` (oversight.access_log): the command line is single-user mode, so
    the operating-system user is who."""
    from oversight import access_log
    from oversight.identity import single_user

    access_log.record(db, single_user().who, event, **fields)


def cmd_demo(args: argparse.Namespace) -> int:
    from oversight.synth import generate

    summary = generate(scale=args.scale, seed=args.seed, out=args.out)
    print(summary)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from oversight.policy import load_policy
    from queries import indicators
    from queries.judgement import judgements

    con = Database(_existing_db(args.db)).connection()
    policy = load_policy()
    as_of = args.as_of or indicators.default_as_of(con)
    window = indicators.period(as_of, args.from_)
    # JG1's row counts the judgements `cases` prints, made once (and none without assessments)
    judged = judgements(con, window, policy)
    table = indicators.indicator_table(con, window, policy, by=args.by, rows={"JG1": judged.rows})
    # every indicator keeps its row; `status` says why one has empty figures (not loaded, or
    # switched off by local policy). The rate is suppressed with its counts: it would give one back
    _write_rows(suppress(table, policy, ["numerator", "denominator"], ["value"]), args.format)
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    from oversight.policy import load_policy
    from queries import indicators
    from queries.judgement import SPEC_COLUMNS, judgements

    policy = load_policy()
    if suppressing(policy):
        # as in the pack: a list of cases identifies children's cases whatever is suppressed
        raise Refused(
            f"small-number suppression is on in the policy ({policy.label}), which marks output for "
            "sharing outside the service, and a list of cases would identify children: no cases are "
            "written. Turn suppression off for internal use, or share the indicators instead."
        )
    con = Database(_existing_db(args.db)).connection()
    as_of = args.as_of or indicators.default_as_of(con)
    judged = judgements(con, indicators.period(as_of), policy)
    if judged.switched_off:
        # as `indicators` shows JG1 (switched_off): the policy says it does not apply, so no row
        print(f"note: {switched_off_message()}", file=sys.stderr)
    elif not judged.available:
        # the same as `indicators` shows for JG1 (not available): no case is judged, so no row
        print(f"note: {not_judged_message(judged.missing)}", file=sys.stderr)
    _write_rows(judged.cases.select(SPEC_COLUMNS), args.format)
    return 0


def not_judged_message(missing: tuple[str, ...] | list[str]) -> str:
    return f"the case judgement (JG1) needs {' and '.join(missing)} loaded: no case is judged"


def switched_off_message() -> str:
    from oversight.policy import SWITCHED_OFF

    return f"the case judgement (JG1) is switched off by local policy ({SWITCHED_OFF}): no case is judged"


def cmd_pack(args: argparse.Namespace) -> int:
    from oversight.pack import write_pack

    db = _existing_db(args.db)
    paths = write_pack(db=db, as_of=args.as_of, out=args.out)
    for path in paths:
        _log(db, "pack", what=path.name)
    for path in paths:
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    from queries.indicators import BREAKDOWNS

    p = argparse.ArgumentParser(prog="python -m oversight", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="validate an extract and load it (all or nothing)")
    load.add_argument("path", type=Path, help="a folder of <table>.csv files or an .xlsx workbook")
    load.add_argument("--profile", type=Path, help="mapping profile (default: the canonical one)")
    load.add_argument("--db", type=Path, default=db_path())
    load.set_defaults(func=cmd_load)

    demo = sub.add_parser("demo", help="write a synthetic extract in the canonical form")
    demo.add_argument("--scale", choices=("yot", "large", "national"), default="yot")
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("--out", type=Path, required=True)
    demo.set_defaults(func=cmd_demo)

    ind = sub.add_parser("indicators", help="every indicator, overall or by a breakdown")
    ind.add_argument("--db", type=Path, default=db_path())
    ind.add_argument("--as-of", type=_date, dest="as_of")
    ind.add_argument("--from", type=_date, dest="from_")
    ind.add_argument("--by", choices=BREAKDOWNS)
    ind.add_argument("--format", choices=("csv", "json"), default="csv")
    ind.set_defaults(func=cmd_indicators)

    cases = sub.add_parser("cases", help="the case judgements (JG1) with their reasons")
    cases.add_argument("--db", type=Path, default=db_path())
    cases.add_argument("--as-of", type=_date, dest="as_of")
    cases.add_argument("--format", choices=("csv", "json"), default="csv")
    cases.set_defaults(func=cmd_cases)

    pack = sub.add_parser("pack", help="write the self-assessment pack (Excel and PDF)")
    pack.add_argument("--db", type=Path, default=db_path())
    pack.add_argument("--as-of", type=_date, dest="as_of")
    pack.add_argument("--out", type=Path, required=True)
    pack.set_defaults(func=cmd_pack)
    return p


def main(argv: list[str] | None = None) -> int:
    from oversight.policy import PolicyError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (Refused, PolicyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
