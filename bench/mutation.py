"""The mutation run (`make mutate`): mutmut over the pure modules, the score per module in bench/mutation.json.

mutmut (configured in pyproject.toml, [tool.mutmut]) copies components/, data/ and queries/ into mutants/, mutates
only the modules listed there, records which of the selected fast unit tests execute each function, and runs only
those tests against each mutant, in a fork of one warmed-up process. Tests that build the default store (marker
`store`, tests/conftest.py) are left out: every mutant starts a new pytest session, which would build it again.

    python -m bench.mutation            # run, then write bench/mutation.json and bench/mutation_survivors.txt
    python -m bench.mutation --report   # only summarise the results already in mutants/

A mutant counts as killed when a test failed (or it timed out: a mutant that loops forever is caught);
"no tests" means no selected test executes the mutated function, and counts against the score.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = [
    "components/pathway.py",
    "components/peers.py",
    "components/funding.py",
    "components/practices.py",
    "data/importers/matching.py",
    "data/checks.py",
]
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # failed, pytest internal error, timeouts (mutmut.stats)
SURVIVED, NO_TESTS = {0}, {5, 33}
RESULTS = ROOT / "bench" / "mutation.json"
SURVIVORS = ROOT / "bench" / "mutation_survivors.txt"


def mutmut(*args: str, log=None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("mutmut")
    return subprocess.run([str(exe), *args], cwd=ROOT, stdout=log or subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False)  # fmt: skip


def summarise() -> tuple[dict, list[str]]:
    scores, survivors = {}, []
    for module in MODULES:
        meta = ROOT / "mutants" / f"{module}.meta"
        codes = json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}
        killed = sum(1 for c in codes.values() if c in KILLED)
        left = sorted(k for k, c in codes.items() if c not in KILLED)
        scores[module] = {
            "mutants": len(codes),
            "killed": killed,
            "survived": sum(1 for c in codes.values() if c in SURVIVED),
            "no_tests": sum(1 for c in codes.values() if c in NO_TESTS),
            "score": round(killed / len(codes), 4) if codes else 0.0,
        }
        survivors += [(module, name) for name in left]
    return scores, survivors


def survivor_lines(name: str, module: str) -> str:
    """One surviving mutant: its name, then only the changed lines of its diff (mutmut's own diff, in process:
    `mutmut show` takes ~1 s per mutant)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        diff = get_diff_for_mutant(name, path=module)
    finally:
        os.chdir(cwd)
    changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
    return f"{name}\n" + "".join(f"    {line.strip()[:1]} {line[1:].strip()}\n" for line in changed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true", help="only summarise the results in mutants/")
    parser.add_argument("--keep", action="store_true", help="keep mutants/ (mutmut reruns only what changed)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    started = time.monotonic()
    if not args.report:
        if not args.keep:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        log_path = ROOT / "bench" / "tmp" / "mutmut.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("w") as log:
            done = mutmut("run", "--max-children", str(args.jobs), log=log)
        if done.returncode != 0:
            print(log_path.read_text()[-3000:])
            print(f"mutmut run failed (exit {done.returncode}); its log: {log_path}")
            return done.returncode
    scores, survivors = summarise()
    minutes = (time.monotonic() - started) / 60
    RESULTS.write_text(json.dumps(scores, indent=2) + "\n")
    SURVIVORS.write_text("".join(survivor_lines(name, module) for module, name in survivors))
    for module, s in scores.items():
        print(f"{module:32} {s['killed']:5}/{s['mutants']:<5} killed  {s['score']:.1%}"
              f"  ({s['survived']} survived, {s['no_tests']} with no test)")  # fmt: skip
    if not args.report:
        print(f"{minutes:.1f} min; {RESULTS.relative_to(ROOT)} and {SURVIVORS.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
