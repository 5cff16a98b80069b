"""Reading the records' history from git: one `git log` over the whole dossier folder.

I/O, like write.py: the pipeline calls read_history once per build and hands the result
(model.history.History, a plain mapping from record file to changes) to the pages and the
feed. Never fails the build: without git, outside a repository, or in a shallow clone (where
the oldest commits are missing and every date would be wrong), it says so instead, and the
pages tell the reader the history is unavailable in this copy.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .model.history import LOG_FORMAT, UNAVAILABLE, History, parse_log

_TIMEOUT = 120


def _git(root: Path, *args: str) -> str | None:
    # LC_ALL/TZ do not change the format we ask for; GIT_* variables from a calling hook
    # (GIT_DIR, GIT_INDEX_FILE) would point git elsewhere: dropped.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {"LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=_TIMEOUT, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def read_history(root: Path, data_dir: Path) -> History:
    """Every record file's changes (paths from `root`), or an unavailable history saying why."""
    try:
        folder = data_dir.relative_to(root).as_posix()
    except ValueError:
        return UNAVAILABLE
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:  # no git, or not a repository
        return UNAVAILABLE
    if shallow.strip() == "true":
        return History("shallow")
    # --relative: paths from `root` even when the project is a folder of a larger repository.
    text = _git(root, "log", "-z", "-M", "--no-merges", "--relative", "--no-color", LOG_FORMAT, "--name-status", "--", f"{folder}/")
    if text is None:  # a repository without a commit yet
        return UNAVAILABLE
    return parse_log(text)
