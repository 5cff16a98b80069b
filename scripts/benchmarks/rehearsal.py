"""Rehearse a journalist's terminal path: one dispatch into the dossier, up to the pushed branch.

`make rehearsal` answers `dossier article`'s questions from rehearsal/answers.yaml as a person
would (typed, written in their own words, pasted from the article, a file dragged in, or Enter
for the answer offered), on a copy of the test dossier in a throwaway git repository, then runs
the git commands the command prints (the push goes to a local bare repository). The commands'
own time is measured. A person's time cannot be measured here (there is nobody to time), so it
is modelled from what they read, type and do, with the operators of the keystroke-level model
(Card, Moran and Newell, "The Psychology of Human-Computer Interaction", 1983), for an average
and for a slow contributor (PROFILES), who make no mistake (the model's premise: a wrong answer
asked again costs its reading and typing once more). Writes build/rehearsal.json and prints a summary.

What is counted, per answer: reading what the command printed before it (its question and its
messages), one mental preparation (M), then the answer: each character typed (K, with Enter),
sentences of one's own at a composition speed, a paste from the article (hand to the mouse,
point, select, copy, point back, hand to the keys, paste), a dragged file (the same moves). Before the questions: reading the dispatch
once and saving its text in a file (for the quote check). After: pasting the two git lines the
command prints, and opening the pull request from the address GitHub answers with (clicks and a
page load, assumed: the network is not reachable here). The first install (`make` sets up .venv
once) is not counted: `make rehearsal` runs after it.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from dossiergen import cli  # noqa: E402
from dossiergen.config import Settings  # noqa: E402

SCENARIO = Path(__file__).with_name("rehearsal")
DOSSIER = ROOT / "tests" / "data" / "valid" / "dossier"  # a fictional world: Jeanne Général, Sampleville…
HOW = ("typed", "composed", "pasted", "dragged", "enter")

# Keystroke-level model operators, in seconds (Card, Moran and Newell 1983; Kieras 2001).
POINT = 1.1  # P: point at something with the mouse
CLICK = 0.2  # BB: press and release a button
HOME = 0.4  # H: move a hand between the keyboard and the mouse
MENTAL = 1.35  # M: decide what to answer
# Assumed, not measured: what no operator covers.
TEXT_FILE_S = 30.0  # save the dispatch's text in a .txt file: select all, copy, new file, paste, save
PR_PAGE_S = 3.0  # GitHub's page for the new pull request to load


@dataclass(frozen=True)
class Profile:
    key_s: float  # K: one keystroke (0.28 s: an average non-secretary typist, 40 words a minute)
    read_wpm: float  # reading French on screen
    compose_wpm: float  # writing sentences of one's own at the keyboard


PROFILES = {
    "average": Profile(key_s=0.28, read_wpm=200, compose_wpm=19),
    "slow": Profile(key_s=0.50, read_wpm=150, compose_wpm=12),
}


@dataclass(frozen=True)
class Answer:
    ask: str
    how: str
    answer: str


@dataclass
class Transcript:
    """What the contributor saw and gave: for each answer, the words read before it."""

    read_before: list[int]
    answers: list[Answer]
    after_words: int  # printed after the last answer: the records made and the git lines
    git_lines: list[str]
    tool_s: float


def load_answers(path: Path) -> list[Answer]:
    answers = [Answer(str(item["ask"]), str(item["how"]), str(item["answer"])) for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    unknown = sorted({a.how for a in answers} - set(HOW))
    if unknown:
        raise SystemExit(f"{path}: unknown ways of answering {unknown} (expected one of {HOW})")
    return answers


def interview(project: Path, answers: list[Answer], text: Path) -> Transcript:
    """Run `dossier article` in `project` with these answers; what was read and how long the command took."""
    printed = io.StringIO()
    given = iter(answers)
    read_before: list[int] = []
    waiting = [0.0]

    def prompt(question: str) -> str:
        start = time.perf_counter()
        answer = next(given, None)
        if answer is None:
            raise SystemExit(f"the command asked more than the rehearsal answers: {question!r}")
        if answer.ask not in question:
            raise SystemExit(f"the command asked {question!r} where the rehearsal answers « {answer.ask} »: update {SCENARIO.name}/answers.yaml")
        read_before.append(len((printed.getvalue() + question).split()))
        printed.seek(0)
        printed.truncate()
        waiting[0] += time.perf_counter() - start
        return answer.answer.replace("{text}", str(text))

    start = time.perf_counter()
    with contextlib.redirect_stdout(printed):
        status = cli._article(Settings.from_root(project), prompt)
    tool_s = time.perf_counter() - start - waiting[0]
    out = printed.getvalue()
    if status != cli.OK:
        raise SystemExit(f"dossier article ended with status {status}:\n{out}")
    if len(read_before) != len(answers):
        raise SystemExit(f"the command asked {len(read_before)} questions; the rehearsal has {len(answers)} answers")
    git_lines = [line.strip().removeprefix("puis envoyez la branche :").strip() for line in out.splitlines() if "git " in line and "CONTRIBUTING" not in line]
    return Transcript(read_before, answers, len(out.split()), git_lines, tool_s)


def git_repository(project: Path) -> float:
    """Make `project` a clone with an origin (a local bare repository); seconds of git work."""
    start = time.perf_counter()
    origin = project.parent / "origin.git"
    for args in (["init", "-q", "--bare", str(origin)], ["-C", str(project), "init", "-q"],
                 ["-C", str(project), "symbolic-ref", "HEAD", "refs/heads/main"],
                 ["-C", str(project), "add", "-A"], ["-C", str(project), "commit", "-q", "-m", "Le dossier"],
                 ["-C", str(project), "remote", "add", "origin", str(origin)], ["-C", str(project), "push", "-q", "origin", "main"]):
        _git(args)
    return time.perf_counter() - start


def _git(args: list[str], check: bool = True) -> int:
    """git with the machine's PATH, but none of its user's or system's settings (a signing key,
    hooks, another default branch) and a journalist's name; its exit status."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Journaliste", GIT_AUTHOR_EMAIL="j@example.org",
               GIT_COMMITTER_NAME="Journaliste", GIT_COMMITTER_EMAIL="j@example.org")
    done = subprocess.run(["git", *args], capture_output=True, text=True, env=env, timeout=120, check=False)
    if check and done.returncode:
        raise SystemExit(f"git {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.returncode


def run_git_lines(project: Path, lines: list[str]) -> float:
    """Run the git lines `dossier article` printed, as the contributor pastes them; their seconds."""
    start = time.perf_counter()
    for line in lines:
        for command in line.split(" && "):
            words = re.findall(r'"[^"]*"|\S+', command)
            if words[0] != "git":
                raise SystemExit(f"not a git command: {command!r}")
            _git(["-C", str(project), *[w.strip('"') for w in words[1:]]])
    return time.perf_counter() - start


def model(transcript: Transcript, article_words: int, profile: Profile) -> dict[str, float]:
    """A person's seconds for each part of the path (see the module's docstring)."""
    # Hand to the mouse, point at the start, select to the end, copy, point back, hand to the keys, paste.
    paste = 2 * HOME + 3 * POINT + CLICK + 4 * profile.key_s
    drag = 2 * HOME + 2 * POINT + CLICK
    answering = typing = composing = pasting = 0.0
    for answer, words in zip(transcript.answers, transcript.read_before):
        answering += words * 60 / profile.read_wpm + MENTAL
        if answer.how == "composed":
            composing += len(answer.answer.split()) * 60 / profile.compose_wpm + profile.key_s
        elif answer.how == "pasted":
            pasting += paste + profile.key_s
        elif answer.how == "dragged":
            pasting += drag + profile.key_s
        else:  # typed, or Enter alone
            typing += (len(answer.answer) + 1) * profile.key_s
    parts = {
        "read_article_s": article_words * 60 / profile.read_wpm + TEXT_FILE_S,
        "questions_read_s": answering,
        "typing_s": typing,
        "composing_s": composing,
        "pasting_s": pasting,
        "git_s": transcript.after_words * 60 / profile.read_wpm + len(transcript.git_lines) * (MENTAL + paste + profile.key_s),
        "pull_request_s": HOME + 2 * (MENTAL + POINT + CLICK) + PR_PAGE_S,
    }
    return {name: round(value, 1) for name, value in parts.items()}


def rehearse(work: Path) -> dict[str, Any]:
    project = work / "projet"
    shutil.copytree(DOSSIER, project / "dossier")
    (project / "docs").mkdir()
    text = work / "depeche.txt"  # the file the contributor saved, outside the repository
    shutil.copy(SCENARIO / "depeche.txt", text)
    setup_s = git_repository(project)
    answers = load_answers(SCENARIO / "answers.yaml")
    transcript = interview(project, answers, text)
    git_s = run_git_lines(project, transcript.git_lines)
    article_words = len(text.read_text(encoding="utf-8").split())
    commands_s = transcript.tool_s + git_s
    persons = {name: model(transcript, article_words, profile) for name, profile in PROFILES.items()}
    return {
        "questions": len(answers),
        "answers": {how: sum(1 for a in answers if a.how == how) for how in HOW},
        "characters_typed": sum(len(a.answer) for a in answers if a.how == "typed"),
        "words_composed": sum(len(a.answer.split()) for a in answers if a.how == "composed"),
        "words_read": sum(transcript.read_before) + transcript.after_words,
        "article_words": article_words,
        "commands_s": round(commands_s, 2),
        "setup_s": round(setup_s, 2),
        "person_s": persons,
        "minutes": {name: round((sum(parts.values()) + commands_s) / 60, 1) for name, parts in persons.items()},
        "branch_pushed": _branch_pushed(work / "origin.git", transcript.git_lines),
    }


def _branch_pushed(origin: Path, lines: list[str]) -> bool:
    branch = next((line.split()[-1] for line in lines if line.startswith("git push")), None)
    return branch is not None and _git(["--git-dir", str(origin), "rev-parse", "--verify", "-q", f"refs/heads/{branch}"], check=False) == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "rehearsal.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rehearsal-") as tmp:
        result = rehearse(Path(tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    answers = result["answers"]
    print(f"{result['questions']} questions ({', '.join(f'{n} {how}' for how, n in answers.items())});"
          f" {result['words_read']} words read, {result['characters_typed']} characters typed, {result['words_composed']} words composed")
    print(f"commands: {result['commands_s']} s (dossier article with its checks, then git up to the push)")
    for name, minutes in result["minutes"].items():
        print(f"{name} contributor: {minutes} min from the article to the pull request")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
