"""scripts/benchmarks/rehearsal.py (`make rehearsal`): a dispatch taken from the article to a
pushed branch with `dossier article`, answered as a journalist would; the time a person needs,
modelled from what they read and type, stays well under ten minutes (not a timing test: the
model counts words and keys, and the commands' own time is left out of the bound)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
import rehearsal  # noqa: E402


def test_the_rehearsal_reaches_a_pushed_branch_well_under_ten_minutes(tmp_path: Path) -> None:
    result = rehearsal.rehearse(tmp_path)
    assert result["branch_pushed"] is True  # the records passed `dossier check` (else no git lines) and the push went through
    answers = result["answers"]
    assert isinstance(answers, dict) and sum(answers.values()) == result["questions"] and answers["composed"] >= 3
    person = result["person_s"]
    assert isinstance(person, dict)
    average, slow = (sum(person[name].values()) / 60 for name in ("average", "slow"))
    assert average <= 8.0, person["average"]  # a question or a long message more shows here
    assert average < slow < 12.0, person["slow"]


def test_the_model_counts_what_is_read_and_typed() -> None:
    answers = [rehearsal.Answer("Adresse", "pasted", "https://x.example/a"), rehearsal.Answer("Titre", "composed", "Trois mots ici"),
               rehearsal.Answer("Langue", "enter", ""), rehearsal.Answer("Date", "typed", "14/01/2022")]
    transcript = rehearsal.Transcript([20, 10, 5, 5], answers, after_words=0, git_lines=[], tool_s=0.0)
    slowly = rehearsal.Profile(key_s=1.0, read_wpm=60, compose_wpm=60)  # a word a second, a key a second
    parts = rehearsal.model(transcript, article_words=60, profile=slowly)
    assert parts["questions_read_s"] == round(40 + 4 * rehearsal.MENTAL, 1)
    assert parts["composing_s"] == 3 + 1.0  # three words, then Enter
    assert parts["typing_s"] == 1 + 11  # Enter alone; ten characters and Enter
    assert parts["read_article_s"] == 60 + rehearsal.TEXT_FILE_S


def test_a_question_the_rehearsal_does_not_expect_stops_it_with_what_to_update(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = rehearsal.load_answers(rehearsal.SCENARIO / "answers.yaml")
    answers[4] = rehearsal.Answer("Une question d’avant", "typed", "x")
    monkeypatch.setattr(rehearsal, "load_answers", lambda path: answers)
    with pytest.raises(SystemExit, match="where the rehearsal answers « Une question d’avant »: update rehearsal/answers.yaml"):
        rehearsal.rehearse(tmp_path)


def test_make_rehearsal_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "rehearsal.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmarks" / "rehearsal.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures["minutes"]) == {"average", "slow"} and "average contributor:" in done.stdout
