"""The benchmark table: our rate, the ceiling measured in the same run, the ratio, the goal."""
import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


@dataclass
class Figure:
    engine: str
    name: str
    ours: float | None
    ceiling: float | None
    unit: str
    #: ("min", 0.7): ratio must be ≥ 0.7; ("max", 1.2): ratio must be ≤ 1.2.
    goal: tuple | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.ceiling:
            return None
        return self.ours / self.ceiling

    @property
    def verdict(self) -> str:
        if self.goal is None or self.ratio is None:
            return "—"
        kind, bound = self.goal
        met = self.ratio >= bound if kind == "min" else self.ratio <= bound
        return "met" if met else "MISSED"

    def cells(self) -> list[str]:
        goal = "—" if self.goal is None else ("≥ " if self.goal[0] == "min" else "≤ ") + \
            f"{self.goal[1]:.2f}"
        fmt = lambda v: "n/a" if v is None else f"{v:,.1f}"
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f}"
        return [self.engine, self.name, f"{fmt(self.ours)} {self.unit}",
                f"{fmt(self.ceiling)} {self.unit}", ratio, goal, self.verdict, self.note]


HEADER = ["engine", "figure", "ours", "ceiling", "ratio", "goal", "verdict", "note"]


def table(figures: list[Figure]) -> str:
    rows = [HEADER, ["---"] * len(HEADER)] + [f.cells() for f in figures]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def load_average() -> str:
    """The machine's 1-, 5- and 15-minute load averages (other users count: it is shared)."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def write(figures: list[Figure], load_tool: str, load_at_start: str | None = None) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    text = (f"# Benchmark results\n\nRun {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on "
            f"{os.cpu_count()} cores, commit {commit}; load from a separate process "
            f"({load_tool}). A record, not a test: ratios compare with a ceiling measured in "
            f"the same run on the same server.\n\nLoad average (1 / 5 / 15 min) "
            f"{'at the start ' + load_at_start + ', ' if load_at_start else ''}at the end "
            f"{load_average()}; the machine is shared, so rates vary between runs and the "
            f"ratios matter more than the rates.\n\n{table(figures)}\n")
    RESULTS.write_text(text)
    return text
