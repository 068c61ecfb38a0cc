"""Where built indexes live on disk and how a new one replaces the old atomically.

Each build goes into its own directory ``<root>/<hash>-<timestamp>/``; the live one
is whatever the ``<root>/current`` symlink points to. Publishing writes a temporary
symlink and ``os.replace``s it over ``current`` (atomic on POSIX), so a running
process either sees the old index or the new one, never a half-written directory.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bot.retrieval.index import SearchIndex

CURRENT = "current"
KEEP_BUILDS = 3


def current_target(root: Path) -> str | None:
    """Name of the build directory ``current`` points to (cheap: one readlink)."""
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def publish(index: SearchIndex, root: Path) -> Path:
    """Save the index into a fresh build directory and make it ``current`` atomically."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"{time.time() % 1:.6f}"[1:]
    name = f"{str(index.config.get('content_hash') or 'nohash')[:12]}-{stamp}"
    index.save(root / name)
    temporary = root / f".{CURRENT}-{os.getpid()}-{time.monotonic_ns()}"
    os.symlink(name, temporary)
    os.replace(temporary, root / CURRENT)
    prune_old_builds(root, keep=KEEP_BUILDS)
    return root / name


def prune_old_builds(root: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` builds, never the one ``current`` names."""
    live = current_target(root)
    builds = sorted(
        (path for path in root.iterdir() if path.is_dir() and not path.is_symlink()),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in builds[keep:]:
        if old.name != live:
            shutil.rmtree(old, ignore_errors=True)
