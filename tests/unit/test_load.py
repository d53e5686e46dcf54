"""The load test's arithmetic and report (bench/load.py); the runs themselves are `make load` and tests/cluster/."""

from __future__ import annotations

import copy
import json

from bench.load import RESULTS, budgets, pct_ms, report_section


def test_percentiles_in_ms():
    samples = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert pct_ms(samples, 50) == 50.5
    assert pct_ms(samples, 95) == 95.1  # inclusive method: between the 95th and 96th sample
    assert pct_ms([0.2], 95) == 200.0 and pct_ms([], 95) is None


def test_budgets_say_what_was_missed():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    slow = copy.deepcopy(results)
    slow["steady"]["p95_ms"] = 1500.0
    slow["kill"]["errors"] = 1
    slow["kill"]["error_samples"] = ["session 3: websocket closed on 127.0.0.1:1, a replica not killed"]
    missed = {name for name, b in budgets(slow).items() if not b["met"]}
    assert missed == {"load_p95_rerun", "kill_errors_on_other_replicas"}


def test_the_report_section_states_every_budget_and_run():
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    text = report_section(results)
    for name in results["budgets"]:
        assert f"| {name} |" in text
    for run in ("steady", "one replica killed", "store published"):
        assert f"| {run} |" in text
