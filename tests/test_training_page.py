"""The training lab through AppTest (both languages, a short training run per task, the URL,
bad URLs, the shared cache, an interrupted run), and its pure parts without a server."""

import re

import numpy as np
import pytest

from lstm_core.lab import lab_runs
from lstm_core.lab.tasks import make_task
from lstm_core.lab.train import History, TrainConfig, load_model, train
from lstm_viz import training as viz
from pages import training_lab_controller as state

from apptest_support import all_text, array, assert_no_errors, open_app, plotly_figures

PAGE = "pages/training_lab.py"


def traces(figure: dict) -> dict[str, dict]:
    return {trace.get("name"): trace for trace in figure["data"]}


def train_page(**query: str):
    """The page opened with `query`, after pressing Train."""
    at = open_app(PAGE, **query)
    assert_no_errors(at)
    at.button(key="tr_train").click().run()
    assert_no_errors(at)
    return at


@pytest.mark.parametrize(("lang", "title"), [("en", "Training lab"), ("ko", "학습 실험실")])
def test_page_renders_in_both_languages_with_an_example_of_the_task(lang, title):
    at = open_app(PAGE, lang=lang)
    assert_no_errors(at)
    assert at.title[0].value == title
    assert len(plotly_figures(at)) == 1  # the task's example, nothing trained yet
    text = all_text(at)
    assert ("40 windows" in text) if lang == "en" else ("창 40개" in text)
    if lang == "ko":
        assert re.search(r"[\uac00-\ud7a3]", at.button(key="tr_train").label)


def test_training_the_sine_demo_shows_both_loss_curves_and_the_closed_loop_prediction():
    at = train_page(tr_epochs="4", tr_H="5")
    loss, prediction = plotly_figures(at)
    assert set(traces(loss)) == {"RNN", "LSTM"}
    assert loss["layout"]["yaxis"]["type"] == "log"
    assert len(array(traces(loss)["LSTM"]["y"])) == 4  # one point per epoch
    names = set(traces(prediction))
    assert {"RNN closed loop", "LSTM closed loop"} <= names
    assert len(array(traces(prediction)["LSTM closed loop"]["y"])) == 40
    assert len(at.metric) == 2 and at.metric[0].label.startswith("RNN")
    # The page's curve is the core's: the same settings give the same numbers.
    task = make_task("sine")
    config = TrainConfig(model="lstm", hidden_size=5, epochs=4)
    expected = train(task.train, config).history.train_loss
    np.testing.assert_allclose(array(traces(loss)["LSTM"]["y"]), expected, rtol=1e-12)
    assert len(at.get("download_button")) == 2


def test_training_the_adding_problem_shows_validation_curves_and_the_predicted_sums():
    at = open_app(PAGE, tr_task="adding", tr_T="10", tr_epochs="1", tr_H="4")
    at.button(key="tr_train").click().run()
    assert_no_errors(at)
    loss, scatter = plotly_figures(at)
    assert {"RNN (validation)", "LSTM (validation)", "RNN (training)"} <= set(traces(loss))
    assert any("constant guess" in a["text"] for a in loss["layout"]["annotations"])
    assert len(array(traces(scatter)["LSTM"]["x"])) == lab_runs.SHOWN_EXAMPLES
    assert "validation MSE" in at.metric[0].label


def test_training_the_sign_task_shows_accuracy_in_korean():
    at = open_app(PAGE, tr_task="sign", tr_T="10", tr_epochs="1", tr_H="3", lang="ko")
    at.button(key="tr_train").click().run()
    assert_no_errors(at)
    _, accuracy = plotly_figures(at)
    assert accuracy["layout"]["yaxis"]["tickformat"] == ".0%"
    assert at.metric[0].value.endswith("%") and "검증 정확도" in at.metric[0].label


def test_settings_round_trip_through_the_url_and_defaults_stay_out_of_it():
    at = open_app(PAGE, tr_task="adding", tr_T="30", tr_lr="0.005", tr_opt="sgd")
    assert_no_errors(at)
    assert at.slider(key="tr_T").value == 30
    assert at.number_input(key="tr_lr").value == pytest.approx(0.005)
    assert at.segmented_control(key="tr_opt").value == "sgd"
    assert at.number_input(key="tr_epochs").value == state.DEFAULTS["adding"]["tr_epochs"]
    query = dict(at.query_params)
    assert query["tr_task"] == "adding" and query["tr_T"] == "30" and "tr_epochs" not in query
    at.slider(key="tr_H").set_value(7).run()
    assert at.query_params["tr_H"] == "7"
    at.slider(key="tr_T").set_value(state.DEFAULTS["adding"]["tr_T"]).run()
    assert "tr_T" not in at.query_params


def test_choosing_a_task_loads_its_reference_settings():
    at = open_app(PAGE)
    assert at.number_input(key="tr_epochs").value == 500
    at.segmented_control(key="tr_task").set_value("adding").run()
    assert_no_errors(at)
    assert at.segmented_control(key="tr_opt").value == "adam"
    assert at.slider(key="tr_H").value == 32
    assert at.number_input(key="tr_clip").value == 1.0
    assert dict(at.query_params).keys() == {"lang", "tr_task"}


def test_a_tampered_url_gives_messages_and_the_page_still_works():
    at = open_app(PAGE, tr_H="999", tr_opt="rmsprop", tr_lr="nan", tr_T="abc", bogus="1")
    assert_no_errors(at)
    warnings = " ".join(w.value for w in at.warning)
    for name in ("tr_H", "tr_opt", "tr_lr", "tr_T", "bogus"):
        assert name in warnings
    assert at.slider(key="tr_H").value == state.MAX_H  # clamped
    assert at.segmented_control(key="tr_opt").value == "sgd"  # kept the default
    assert "bogus" not in at.query_params
    assert len(plotly_figures(at)) == 1


def test_a_classmates_run_is_replayed_only_when_this_student_presses_train():
    query = {"tr_task": "sign", "tr_T": "12", "tr_epochs": "1", "tr_H": "2", "tr_seed": "77"}
    first = train_page(**query)
    second = open_app(PAGE, **query)  # another session: nothing trained here yet
    assert len(plotly_figures(second)) == 1  # only the task's example
    second.button(key="tr_train").click().run()
    assert_no_errors(second)
    assert any("replaying that run" in toast.value for toast in second.toast)
    assert plotly_figures(first) == plotly_figures(second)


def test_changing_a_setting_after_training_keeps_the_result_and_says_it_is_stale():
    at = train_page(tr_epochs="2", tr_H="3")
    at.slider(key="tr_H").set_value(4).run()
    assert_no_errors(at)
    assert any("earlier settings" in w.value for w in at.warning)
    assert len(plotly_figures(at)) == 2


def test_stop_shows_what_the_models_had_learnt_and_frees_the_worker():
    settings = lab_runs.Settings("sine", 3, 0.01, "sgd", 3, 8, 0.0, 0.1, 10, 1.0, 0)
    board = state.job_board()
    # A run whose worker is told at its first report (the RNN's first epoch) that nobody waits.
    reports = []

    def report(point):
        reports.append(point)
        return False

    partial = lab_runs.train_job(settings, 60.0, report)
    assert [(r.kind, r.update) for r in reports] == [("rnn", 5)]  # 40 windows / batch 8
    assert {kind: r.stopped for kind, r in partial.runs.items()} == {"rnn": "interrupted"}
    assert partial.runs["rnn"].updates == 5
    job = board.submit(("test-stop",), lab_runs.train_job, settings, 60.0, watcher="x")
    board.leave(job, "x")  # nobody watches: cancelled (or stopped at its next report)
    at = open_app(PAGE)
    at.session_state[state.PARTIAL] = {"settings": settings, "job": job}
    at.run()
    assert_no_errors(at)
    assert job.done and state.PARTIAL not in at.session_state


# --- without a server ----------------------------------------------------------------------------


def small_settings(task: str = "adding") -> lab_runs.Settings:
    return lab_runs.Settings(task, 1, 0.01, "adam", 3, 32, 1.0, 0.1, 10, 1.0, 0)


def test_train_both_trains_the_rnn_then_the_lstm_and_the_npz_loads_back():
    run = lab_runs.train_both(small_settings())
    assert list(run.runs) == ["rnn", "lstm"] and run.complete
    assert run.baseline == pytest.approx(np.var(make_task("adding", T=10, n_val=256).val.ys))
    lstm = load_model(run.runs["lstm"].npz())
    assert lstm.kind == "lstm" and lstm.cell.hidden_size == 3


def test_each_download_holds_the_model_it_is_named_for():
    run = lab_runs.train_both(small_settings())
    files = state.downloads(run)
    assert [(kind, name) for kind, name, _ in files] == [
        ("rnn", "adding_rnn.npz"),
        ("lstm", "adding_lstm.npz"),
    ]
    for kind, _, data in files:
        model = load_model(data())
        assert model.kind == kind
        np.testing.assert_array_equal(model.cell.W, run.runs[kind].arrays["weight_ih_l0"])


def test_a_run_cut_short_by_its_time_budget_is_marked_and_not_shared():
    run = lab_runs.train_both(small_settings(), on_progress=lambda index, progress: False)
    assert {r.stopped for r in run.runs.values()} == {"stopped"}
    assert not run.complete


def test_settings_a_task_does_not_use_do_not_split_the_cache():
    a = lab_runs.Settings("sine", 5, 0.01, "sgd", 4, 8, 0.0, 0.1, 50, 1.0, 0)
    b = lab_runs.Settings("sine", 5, 0.01, "sgd", 4, 8, 0.0, 0.1, 120, 1.0, 0)
    assert a.key() == b.key()
    c = lab_runs.Settings("adding", 5, 0.01, "sgd", 4, 8, 0.0, 0.1, 50, 1.0, 0)
    assert c.key() == lab_runs.Settings("adding", 5, 0.01, "sgd", 4, 8, 0.0, 0.7, 50, 1.0, 0).key()


def test_loss_figure_thins_long_curves_and_leaves_gaps_for_missing_values():
    n = 1000
    history = History(
        np.arange(1, n + 1),
        np.arange(1, n + 1) / 10,
        np.linspace(1, 0.1, n),
        np.ones(n),
        np.full(n, np.nan),
        np.full(n, np.nan),
        np.arange(n) * 0.01,
    )
    figure = viz.loss_figure({"rnn": history}, "en").to_plotly_json()
    assert len(figure["data"][0]["y"]) == viz.MAX_POINTS
    val = viz.loss_figure({"rnn": history}, "ko", validation=True).to_plotly_json()
    assert all(v is None for v in val["data"][1]["y"])


@pytest.mark.parametrize(
    ("query", "T", "D"),
    [({"tr_epochs": "2", "tr_H": "4"}, 50, 1), ({"tr_task": "adding", "tr_T": "12"}, 12, 2)],
)
def test_open_in_the_stepper_hands_over_the_trained_lstm_and_the_tasks_sequence(query, T, D):
    at = train_page(**{"tr_epochs": "1", "tr_H": "3", **query})
    at.button(key="tr_open_stepper").click().run()
    assert_no_errors(at)
    assert at.title[0].value == "Sequence stepper"
    assert at.session_state["sq_model"] == "upload" and at.session_state["sq_source"] == "csv"
    _, _, model, _ = at.session_state["sq_weights_last"]
    _, sequence = at.session_state["sq_csv_last"]
    assert sequence.xs.shape == (T, D)
    H = int(query.get("tr_H", "3"))
    assert model.params.hidden_size == H and model.params.input_size == D
    # The stepper's cell diagram runs the handed-over weights.
    assert plotly_figures(at)
