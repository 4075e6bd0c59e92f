"""The "paper vs here" table: the shipped JSON reads back, and each row's verdict and spread
are computed by hand."""

import json
import math

import pytest

from lstm_core.lab.paper_runs import RunConfig
from lstm_core.lab.paper_table import PAPER_JSON, Row, load_paper_table, summarise


def row(task="adding_1997", solved=(True, True, False), sequences=(10_000, 20_000, 60_000)):
    n = len(solved)
    config = RunConfig(task, "lstm", T=20, max_sequences=60_000)
    return Row(
        "k", task, "lstm", config, "h100", "source", 60_000, 2560, None, tuple(solved),
        tuple(sequences), (0,) * n, (0.01,) * n, (1.0,) * n,
    )  # fmt: skip


def test_summary_counts_solving_seeds_and_their_spread():
    s = summarise(row())
    assert (s.seeds, s.solved, s.verdict) == (3, 2, "partly")
    assert s.sequences_mean == 15_000
    assert s.sequences_std == pytest.approx(math.sqrt((5000**2 + 5000**2) / 1))


def test_verdicts_for_all_none_and_the_copy_task():
    assert summarise(row(solved=(True,) * 3)).verdict == "solved"
    none = summarise(row(solved=(False,) * 3))
    assert none.verdict == "not_solved" and math.isnan(none.sequences_mean)
    assert summarise(row(solved=(True,), sequences=(5,))).sequences_std != 0  # nan: one seed
    assert math.isnan(summarise(row(solved=(True,), sequences=(5,))).sequences_std)
    assert summarise(row("copy", solved=(True,) * 3)).verdict == "beats_baseline"
    assert summarise(row("copy", solved=(False,) * 3)).verdict == "at_baseline"


def test_the_shipped_results_read_back_with_date_machine_and_every_experiment():
    table = load_paper_table()
    assert table.date and table.machine.cores >= 1 and table.machine.cpu and table.seconds > 0
    keys = {r.key for r in table.rows}
    assert {"adding20_lstm", "adding20_lstm_fb0", "adding20_irnn", "adding20_rnn"} <= keys
    assert {"adding50_lstm", "temporal_lstm", "copy20_lstm", "copy20_rnn"} <= keys
    for r in table.rows:
        assert len(r.solved) == len(r.sequences) == len(r.test_wrong) >= 1
        assert all(s <= r.budget for s in r.sequences)


def test_a_damaged_results_file_gets_a_clear_error(tmp_path):
    path = tmp_path / "paper_tasks.json"
    path.write_text("{not json")
    with pytest.raises(ValueError, match="not a paper-tasks result"):
        load_paper_table(path)
    raw = json.loads(PAPER_JSON.read_text())
    raw["rows"][0]["sequences"] = [*raw["rows"][0]["sequences"][:-1], 1, 2]
    path.write_text(json.dumps(raw))
    with pytest.raises(ValueError, match="per-seed"):
        load_paper_table(path)


def test_table_records_word_each_summary_in_both_languages():
    from lstm_viz.i18n import t
    from lstm_viz.training import paper_table_records

    rows = [row(), row(solved=(False,) * 3)]
    for lang in ("en", "ko"):
        records = paper_table_records(rows, [summarise(r) for r in rows], lang)
        col = {
            k: t(f"training.papers.col.{k}", lang)
            for k in ("sequences", "solved", "verdict", "test")
        }.get
        assert records[0][col("sequences")] == "15,000 ± 7,071"
        assert records[1][col("sequences")] == "—"
        assert records[0][col("solved")] == t("training.papers.seeds", lang, k=2, n=3)
        assert records[1][col("verdict")] == t("training.papers.verdict.not_solved", lang)
        assert records[0][col("test")] == t(
            "training.papers.wrong", lang, wrong="0.0", total="2,560"
        )


def test_copy_rows_have_no_sequences_to_solve():
    s = summarise(row("copy", solved=(True,) * 3, sequences=(50_000,) * 3))
    assert math.isnan(s.sequences_mean) and s.verdict == "beats_baseline"


def test_the_setting_and_machine_are_worded_from_their_fields_in_both_languages():
    from lstm_core.lab.paper_runs import experiment_config
    from lstm_viz.training import machine_line, paper_setting, stocks_setting

    # The sentences the benchmark wrote before the record held fields, word for word.
    fb0 = experiment_config("adding20_lstm_fb0")
    assert paper_setting(fb0, "en") == (
        "adding, T = 20, LSTM, forget bias 0; H = 32, Adam 0.003, batch 16, clip 1"
    )
    assert paper_setting(fb0, "ko") == (
        "덧셈 문제, T = 20, LSTM, 망각 편향 0; H = 32, Adam 0.003, 배치 16, 클리핑 1"
    )
    temporal = experiment_config("temporal_lstm")
    assert paper_setting(temporal, "en", short=True) == (
        "temporal order 6a, L = 100 … 110, LSTM, forget bias 1"
    )
    assert paper_setting(experiment_config("copy20_rnn"), "ko", short=True) == (
        "복사 과제, T = 20, tanh RNN"
    )
    table = load_paper_table()
    assert machine_line(table.machine, "en") == (
        "AMD EPYC, 2 cores, Linux 6.18.44-fc-v1252, Python 3.11.7, NumPy 2.4.6, one BLAS thread"
    )
    assert machine_line(table.machine, "ko") == (
        "AMD EPYC, 코어 2개, Linux 6.18.44-fc-v1252, Python 3.11.7, NumPy 2.4.6, BLAS 스레드 1개"
    )
    assert stocks_setting(table.stocks.setting, "en") == (
        "10-week windows, weeks 0–74 train, 75–104 validate; H = 16, Adam 0.01, batch 32, "
        "clip 1, 100 epochs"
    )
    assert stocks_setting(table.stocks.setting, "ko") == (
        "10주 창, 0–74주 학습, 75–104주 검증; H = 16, Adam 0.01, 배치 32, 클리핑 1, 에포크 100"
    )


def test_the_shipped_rows_ran_with_the_experiment_list_settings():
    from lstm_core.lab.paper_runs import experiment_config

    for r in load_paper_table().rows:
        assert r.config == experiment_config(r.key)  # seed 0, the row's budget


def test_a_record_holding_sentences_or_an_unknown_claim_gets_a_clear_error(tmp_path):
    path = tmp_path / "paper_tasks.json"
    raw = json.loads(PAPER_JSON.read_text())
    old = {**raw, "machine": "AMD EPYC, 2 cores, Linux, Python 3.11.7, one BLAS thread"}
    path.write_text(json.dumps(old))
    with pytest.raises(ValueError, match="machine"):
        load_paper_table(path)
    raw["rows"][0]["claim"] = "a sentence instead of a key"
    path.write_text(json.dumps(raw))
    with pytest.raises(ValueError, match="unknown claim"):
        load_paper_table(path)
