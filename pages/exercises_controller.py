"""State of the exercises page: which set and exercise (in the URL, so a teacher can hand out
a link), the answers given in this session, and the callbacks of its buttons.

URL keys: ex_seed (the set, 0 … MAX_SEED) and ex_n (the exercise, 1 … MAX_NUMBER).
Session keys: ex_answers maps "seed:number" to {"response": …, "correct": bool}; an answer is
final once checked, so the score cannot be raised by guessing twice. The response widget of
each exercise has its own key (answer_key), so a new exercise starts with an empty field.
"""

from __future__ import annotations

import streamlit as st

from lstm_core.lab import exercises as core
from lstm_ui.url_state import Param

PAGE = "exercises"
ANSWERS = "ex_answers"
MISSING = "ex_missing"  # set when Check was pressed without an answer; shown once
URL_PARAMS = (
    Param("ex_seed", "int", 1, lo=0, hi=core.MAX_SEED),
    Param("ex_n", "int", 1, lo=1, hi=core.MAX_NUMBER),
)


@st.cache_data(max_entries=256, show_spinner=False)
def exercise(seed: int, number: int) -> core.Exercise:
    """The exercise, shared by every student who has the same set (the class, with one link)."""
    return core.exercise(seed, number)


def answer_key(seed: int, number: int) -> str:
    """The session key of the response widget of one exercise."""
    return f"ex_answer_{seed}_{number}"


def _id(seed: int, number: int) -> str:
    return f"{seed}:{number}"


def answered(seed: int, number: int) -> dict | None:
    """{"response": …, "correct": bool} once the exercise was checked in this session, else None."""
    return st.session_state.get(ANSWERS, {}).get(_id(seed, number))


def score(seed: int) -> tuple[int, int]:
    """(right, answered) over the exercises of set `seed` checked in this session."""
    prefix = f"{seed}:"
    results = [
        a["correct"] for k, a in st.session_state.get(ANSWERS, {}).items() if k.startswith(prefix)
    ]
    return sum(results), len(results)


def submit(seed: int, number: int) -> None:
    """Check button: record the response and whether it is right (once per exercise)."""
    if answered(seed, number) is not None:
        return
    response = st.session_state.get(answer_key(seed, number))
    if response is None:
        st.session_state[MISSING] = True
        return
    ex = exercise(seed, number)
    if not ex.choices:
        response = float(response)
    verdict = core.check(ex, response)
    answers = dict(st.session_state.get(ANSWERS, {}))
    answers[_id(seed, number)] = {"response": response, "correct": verdict.correct}
    st.session_state[ANSWERS] = answers


def next_exercise() -> None:
    """New exercise button: the next one in the set (the last one stays the last)."""
    st.session_state["ex_n"] = min(int(st.session_state["ex_n"]) + 1, core.MAX_NUMBER)
