"""Rewrite tests/golden/*.txt from the draft corpus (tests/draft_corpus.py) after a deliberate
change to the draft's prose; review the diff before committing it.

    python scripts/regenerate_goldens.py
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from draft_corpus import YEARS, draft_args, golden_path  # noqa: E402

from core.cli import main  # noqa: E402


def render(name: str) -> bytes:
    buffer = io.BytesIO()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8")
    with contextlib.redirect_stdout(wrapper):
        code = main(draft_args(name))
    wrapper.flush()
    if code:
        raise SystemExit(f"{name}: exit {code}")
    return buffer.getvalue()


if __name__ == "__main__":
    for name in YEARS:
        path = golden_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(name))
        print(f"wrote {path.relative_to(ROOT)}")
