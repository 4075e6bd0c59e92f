"""The training lab's "which cell solves it" section: the shipped table as the page shows it (both
languages), Greff's claims worded from their verdicts, one entry rerun live, and the tables'
wording without a server."""

import math
import re

import pytest

from lstm_core.lab import zoo
from lstm_core.lab.zoo import SeedResult, Spread, Summary
from lstm_viz import training as viz

from apptest_support import all_text, assert_no_errors, open_app

PAGE = "pages/training_lab.py"


def zoo_frames(at):
    """(overview, details) DataFrames of the zoo section: the page's last two tables."""
    frames = [d.value for d in at.dataframe]
    return frames[-2], frames[-1]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_shows_the_shipped_table_with_its_date_and_machine(lang):
    at = open_app(PAGE, lang=lang)
    assert_no_errors(at)
    table = zoo.load_table()
    summaries = zoo.summarize(table.results)
    overview, details = zoo_frames(at)
    assert overview.shape == (len(zoo.CELLS), len(zoo.ZOO_TASKS))
    assert len(details) == len(zoo.CELLS) * len(zoo.ZOO_TASKS)
    # every entry says how many seeds solved it, as the summary counts them
    for r, cell in enumerate(zoo.CELL_KEYS):
        for c, task in enumerate(zoo.TASK_KEYS):
            s = summaries[(cell, task)]
            assert overview.iloc[r, c].split(" · ")[0].endswith(f"{s.solved}/{s.seeds}")
    text = all_text(at)
    assert table.created in text and viz.machine_line(table.machine, lang) in text
    for sentence in viz.greff_sentences(zoo.greff_claims(summaries), lang):
        assert sentence in text
    if lang == "ko":
        assert re.search(r"[\uac00-\ud7a3]", overview.index[0] + overview.columns[0] + text)


def test_rerunning_one_entry_trains_it_live_and_shows_the_tables_run_beside_it():
    at = open_app(PAGE)
    at.selectbox(key="tr_zoo_cell").set_value("rnn")
    at.selectbox(key="tr_zoo_task").set_value("sign_100")
    at.number_input(key="tr_zoo_seed").set_value(1)
    at.button(key="tr_zoo_train").click().run()
    assert_no_errors(at)
    live = zoo.run_one("rnn", "sign_100", 1)  # deterministic: the same run as the page's
    said = [i.value for i in at.info if "seed 1" in i.value]
    assert len(said) == 1

    def without_seconds(sentence: str) -> str:  # the only part that differs between two runs
        return re.sub(r"\d+\.\d s\)", "s)", sentence)

    assert without_seconds(said[0]) == without_seconds(viz.zoo_run_sentence(live, 640, "en"))
    shipped = zoo.load_table()
    row = next(r for r in shipped.results if (r.cell, r.task, r.seed) == ("rnn", "sign_100", 1))
    assert viz.zoo_run_sentence(row, 640, "en") in all_text(at)


def summary(cell, task, solved, updates=math.nan, error=0.1):
    return Summary(cell, task, 3, solved, Spread(updates, updates - 10, updates + 10, solved),
                   Spread.of([]), Spread(error, error / 2, error * 2, 3), 0)  # fmt: skip


def test_the_overview_marks_all_some_and_none_and_shows_updates_or_the_error():
    summaries = {
        ("rnn", "sine"): summary("rnn", "sine", 3, updates=200),
        ("lstm", "sine"): summary("lstm", "sine", 1, updates=900),
        ("gru", "sine"): summary("gru", "sine", 0, error=0.0712),
    }
    frame = viz.zoo_overview(summaries, "en")
    assert frame.loc["RNN (tanh)", "sine demo"] == "✓ 3/3 · 200 upd"
    assert frame.loc["LSTM (standard)", "sine demo"] == "◐ 1/3 · 900 upd"
    assert frame.loc["GRU", "sine demo"] == "✗ 0/3 · error 0.0712"
    assert frame.loc["GRU", "adding, T = 50"] == "—"  # no results


def test_the_details_give_mean_and_range_over_the_seeds():
    frame = viz.zoo_details({("rnn", "sine"): summary("rnn", "sine", 3, updates=200)}, "en")
    row = frame.iloc[0]
    assert row["seeds solved"] == "3/3"
    assert row["updates to solve"] == "200 (190–210)"
    assert row["seconds to solve"] == "—"
    assert row["final error"] == "0.1000 (0.0500–0.2000)"


def test_a_run_sentence_follows_its_verdict():
    base = dict(cell="gru", task="adding_50", seed=2, threshold=0.01, updates=1512, seconds=3.0)
    solved = SeedResult(**base, solved=True, updates_to_solve=475, seconds_to_solve=0.8,
                        final_error=0.002, stopped="finished")  # fmt: skip
    assert viz.zoo_run_sentence(solved, 1512, "en").startswith(
        "**GRU** on **adding, T = 50**, seed 2: solved after 475 updates (0.8 s)."
    )
    missed = SeedResult(**base, solved=False, updates_to_solve=None, seconds_to_solve=None,
                        final_error=0.15, stopped="finished")  # fmt: skip
    text = viz.zoo_run_sentence(missed, 1512, "en")
    assert "not solved within the budget of 1512 updates" in text and "below 0.0100" in text
    sign = SeedResult(**{**base, "task": "sign_100"}, solved=False, updates_to_solve=None,
                      seconds_to_solve=None, final_error=0.3, stopped="diverged")  # fmt: skip
    assert "diverged" in viz.zoo_run_sentence(sign, 640, "en")
