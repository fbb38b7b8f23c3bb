"""Another revision of arsheet, checked out beside this one, to time against in the same run.

A speed claim such as "within 5 % of before" holds only when both are measured on the same
machine, book and minute: ``bench_recalc.py --against REV`` runs this tree and REV in turns.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout(revision: str, under: Path) -> Path:
    """Return a work tree of ``revision`` under ``under``, made (detached) when missing."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tree = under / f"rev-{sha}"
    if not (tree / "arsheet").is_dir():
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--force", str(tree), sha],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "arsheet")], check=True)
    return tree
