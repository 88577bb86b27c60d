"""The benchmark guard CI runs (bench/run_all.py --quick): it must catch a twofold regression and
nothing less, and every benchmark must hand it its figures."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", BENCH / "run_all.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_all"] = module
    spec.loader.exec_module(module)
    return module


def figure(ra: ModuleType, value: float, ratio: float, budget: float = 300.0) -> object:
    f = ra.Figure(
        bench="bench_tracking.py",
        name="sqlite: filter keystroke to rows",
        value=value,
        unit="ms",
        budget=budget,
        baseline="sqlite",
        higher_is_better=False,
    )
    f.ratio = ratio
    return f


def test_a_twofold_regression_fails_and_noise_does_not() -> None:
    ra = run_all()
    reference = {"bench_tracking.py: sqlite: filter keystroke to rows": 10.0}
    noisy, doubled = figure(ra, 250, 19.0), figure(ra, 520, 21.0)
    assert ra.judge([noisy], reference, quick=True) == [""]
    assert ra.judge([doubled], reference, quick=True)[0].startswith("REGRESSION (2.1 x")


def test_at_ci_size_a_full_size_budget_is_said_but_not_failed() -> None:
    ra = run_all()
    over = figure(ra, 350, 10.0)
    assert ra.judge([over], {}, quick=True) == ["over (full-size budget)"]
    assert ra.judge([over], {}, quick=False) == ["over budget"]


def test_a_throughput_figure_becomes_a_cost() -> None:
    ra = run_all()
    rate = ra.Figure("bench_method.py", "assessments", 20_000.0, "per s", 20_000.0, "python", True)
    assert rate.seconds == pytest.approx(1 / 20_000)
    assert rate.within is True


def test_every_recorded_figure_names_a_benchmark_that_exists() -> None:
    recorded = json.loads((BENCH / "baselines.json").read_text(encoding="utf-8"))
    scripts = {key.split(":")[0] for ratios in recorded.values() for key in ratios}
    assert scripts, "no ratios recorded: CI would catch nothing"
    assert {s for s in scripts if not (BENCH / s).exists()} == set()


def test_a_benchmark_hands_its_figures_to_the_guard() -> None:
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent)}
    out = subprocess.run(
        [sys.executable, str(BENCH / "bench_method.py"), "--seconds", "0.2", "--runs", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    ).stdout
    figures = [json.loads(line[7:]) for line in out.splitlines() if line.startswith("FIGURE ")]
    assert {f["name"] for f in figures} == {
        "assessments per second, one core",
        "assess FILE --json over python -c pass",
    }
    assert all(f["budget"] and f["value"] > 0 for f in figures)


def test_a_benchmark_that_loses_an_engine_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One engine's figures arriving must not hide the other engine's run that failed."""
    ra = run_all()
    (tmp_path / "bench_fake.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(BENCH)!r})\n"
        "from figures import failed, report\n"
        "report('postgresql: first page', 20.0, 'ms', 100.0, baseline='sqlite')\n"
        "failed('sqlite', 1, 'Traceback (most recent call last):\\nAuditBroken: the log')\n"
        "sys.exit(1)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(ra, "HERE", tmp_path)
    figures, problem = ra.run_bench(ra.Bench("bench_fake.py", (), ()), False, None)
    assert [f.name for f in figures] == ["postgresql: first page"]
    assert problem == "did not run to its end for sqlite (exit 1)"


def test_a_recorded_figure_left_unmeasured_fails_the_guard() -> None:
    ra = run_all()
    reference = {
        "bench_tracking.py: sqlite: filter keystroke to rows": 10.0,
        "bench_tracking.py: postgresql: filter keystroke to rows": 10.0,
        "bench_method.py: assessments per second, one core": 0.0005,
    }
    measured = [figure(ra, 250, 19.0)]  # SQLite's filter keystroke only
    ran = {"bench_tracking.py"}  # bench_method.py not asked for (--only)
    assert ra.unmeasured(reference, measured, ran, with_pg=True) == [
        "bench_tracking.py: postgresql: filter keystroke to rows: recorded in baselines.json,"
        " not measured by this run"
    ]
    assert ra.unmeasured(reference, measured, ran, with_pg=False) == []
    assert ra.unmeasured(reference, [], ran, with_pg=False) == [
        "bench_tracking.py: sqlite: filter keystroke to rows: recorded in baselines.json,"
        " not measured by this run"
    ]


def test_twice_the_memory_recorded_is_a_regression() -> None:
    """Memory does not move with the machine's speed: its megabytes are its own ratio."""
    ra = run_all()
    memory = ra.Figure(
        "bench_register.py", "sqlite: peak memory", 480.0, "MB", 500.0, "sqlite", False
    )
    ra._ratios([memory], {"qt": 0.2, "python": 0.1, "sqlite": 0.02})
    assert memory.ratio == 480.0
    key = "bench_register.py: sqlite: peak memory"
    assert ra.judge([memory], {key: 300.0}, quick=True) == [""]
    assert ra.judge([memory], {key: 200.0}, quick=True)[0].startswith("REGRESSION (2.4 x")
