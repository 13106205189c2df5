"""wordlists/README.md's table gives each shipped list's entry count; keep it true."""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_table_counts_match_the_csv_files() -> None:
    readme = (ROOT / "wordlists" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)\.csv` \| `\w+` \| (\d+) \|", readme, flags=re.MULTILINE)
    assert {name for name, _ in rows} == {p.stem for p in (ROOT / "wordlists").glob("*.csv")}
    for name, count in rows:
        with (ROOT / "wordlists" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            assert sum(1 for _ in csv.DictReader(f)) == int(count), name
