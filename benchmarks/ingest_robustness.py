"""Robustness of ingest: a folder of mixed files, a share bad, killed halfway and restarted.

    python benchmarks/ingest_robustness.py [--files 2000] [--bad-share 0.05] [--kills 2]

Writes the folder under build/robustness/, times one clean run into a scratch store,
then runs `eventwire ingest` into a second store, kills it (SIGKILL, then SIGINT) at
random moments within the clean run's duration, starts it again until it finishes,
and checks the store against the folder's manifest: every good file stored exactly
once, every bad one listed in ingest_errors with its reason code.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from mixed_corpus import Manifest, check_store, write_mixed_folder

EVENTWIRE = [sys.executable, "-m", "eventwire"]


def ingest_command(folder: Path, db: Path) -> list[str]:
    """The command line of one ingest run."""
    return [*EVENTWIRE, "ingest", str(folder), "--db", str(db), "--quiet"]


def clean_run(folder: Path, db: Path) -> tuple[float, int]:
    """Time one uninterrupted run; return (seconds, exit code)."""
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(ingest_command(folder, db), capture_output=True, check=False)
    return time.perf_counter() - started, done.returncode


def interrupted_run(folder: Path, db: Path, after: float, sig: signal.Signals) -> tuple[bool, int]:
    """Start a run and send it `sig` after `after` seconds; (signal sent, exit code)."""
    process = subprocess.Popen(
        ingest_command(folder, db),
        stdout=subprocess.DEVNULL,
        stderr=(db.parent / f"{db.stem}.{sig.name}.stderr").open("w"),
        preexec_fn=_default_sigint,
    )
    time.sleep(after)
    if process.poll() is not None:
        return False, process.returncode
    process.send_signal(sig)
    return True, process.wait()


def _default_sigint() -> None:
    """Let the child take Ctrl-C even when this process was started with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stored_count(db: Path) -> int:
    """Documents in a store, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def main() -> int:
    """Run the benchmark and print what it found; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--bad-share", type=float, default=0.05)
    parser.add_argument("--kills", type=int, default=2, help="interruptions before the last run")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=Path("build/robustness"))
    args = parser.parse_args()

    rng = random.Random(args.seed)
    folder = args.workdir / "inputs"
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    manifest: Manifest = write_mixed_folder(folder, args.files, args.bad_share, args.seed)
    print(
        f"folder: {args.files} files, {len(manifest.errors)} expected errors, "
        f"{len(manifest.documents)} expected documents (at least)"
    )

    seconds, code = clean_run(folder, args.workdir / "clean.duckdb")
    problems = check_store(args.workdir / "clean.duckdb", manifest)
    print(f"clean run: {seconds:.1f} s, exit {code}, problems {len(problems)}")

    db = args.workdir / "killed.duckdb"
    signals = [signal.SIGKILL, signal.SIGINT]
    for attempt in range(args.kills):
        sig = signals[attempt % len(signals)]
        after = rng.uniform(0.3, 0.7) * seconds
        sent, code = interrupted_run(folder, db, after, sig)
        count = stored_count(db) if db.exists() else 0
        what = f"{sig.name} after {after:.1f} s" if sent else "ended before the signal"
        print(f"run {attempt + 1}: {what}, exit {code}, {count} stored")
    code = subprocess.run(ingest_command(folder, db), capture_output=True, check=False).returncode
    after_restart = check_store(db, manifest)
    print(f"restart: exit {code}, {stored_count(db)} stored, problems {len(after_restart)}")
    for problem in (problems + after_restart)[:20]:
        print("  ", problem)
    return 1 if problems or after_restart else 0


if __name__ == "__main__":
    raise SystemExit(main())
