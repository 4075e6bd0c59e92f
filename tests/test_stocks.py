"""The real series: the CSV in the repo is plotly's data set, the task's windows hold the next
week as their target, and "same as last week" is scored by hand."""

import numpy as np
import plotly.express as px
import pytest

from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.stocks import (
    STOCK_TRAIN_WEEKS,
    STOCK_WINDOW,
    against_last_week,
    beats_last_week,
    last_week_loss,
    load_stocks,
    stock_series,
    stock_task,
)


def test_the_copied_csv_is_plotlys_stocks_data_set_unchanged():
    frame = px.data.stocks()
    data = load_stocks()
    assert (
        data.companies == tuple(frame.columns[1:]) == ("GOOG", "AAPL", "AMZN", "FB", "NFLX", "MSFT")
    )
    assert data.dates == tuple(frame["date"]) and len(data.dates) == 105
    # Equal to the last bit with today's pandas; older pandas (2.2.2, the lower bound) parses a
    # few of the CSV's 17-digit numbers one unit in the last place away from Python's float().
    np.testing.assert_allclose(data.prices, frame.iloc[:, 1:].to_numpy(), rtol=1e-15, atol=0)
    assert np.all(data.prices[0] == 1.0)  # normalised by the first week


def test_stock_task_targets_are_the_next_weeks_price_and_time_order_is_kept():
    prices = load_stocks().prices
    task = stock_task()
    T = STOCK_WINDOW
    assert task.train.xs.shape == (T, (STOCK_TRAIN_WEEKS - T) * 6, 1)
    assert task.val.xs.shape == (T, (105 - STOCK_TRAIN_WEEKS) * 6, 1)
    assert np.array_equal(task.train.ys[:-1], task.train.xs[1:])  # the next week, step by step
    # window k·6 + c starts at week k for company c
    assert np.array_equal(task.train.xs[:, 7 * 6 + 2, 0], prices[7 : 7 + T, 2])
    assert np.array_equal(task.train.ys[:, 7 * 6 + 2, 0], prices[8 : 8 + T, 2])
    # no training target lies in the validation weeks; the last validation target is week 104
    assert task.train.ys.max() <= prices[:STOCK_TRAIN_WEEKS].max()
    last_train_start = STOCK_TRAIN_WEEKS - T - 1
    assert np.array_equal(
        task.train.ys[-1, last_train_start * 6 :, 0], prices[STOCK_TRAIN_WEEKS - 1]
    )
    assert np.array_equal(task.val.ys[-1, -6:, 0], prices[104])


def test_last_week_baseline_is_the_mean_squared_weekly_change():
    task = stock_task()
    xs, ys = task.val.xs[:, :, 0], task.val.ys[:, :, 0]
    by_hand = np.mean([(y - x) ** 2 for x, y in zip(xs.ravel(), ys.ravel(), strict=True)])
    assert last_week_loss(task.val) == pytest.approx(by_hand)
    assert beats_last_week(0.5 * by_hand, by_hand)
    assert not beats_last_week(by_hand, by_hand) and not beats_last_week(float("nan"), by_hand)


def test_against_last_week_calls_a_tie_within_5_percent():
    assert against_last_week(0.0094, 0.01) == "beats"
    assert against_last_week(0.0096, 0.01) == "ties" == against_last_week(0.0104, 0.01)
    assert against_last_week(0.0106, 0.01) == "worse" == against_last_week(float("inf"), 0.01)


def test_stocks_preset_is_googles_series_and_has_at_most_105_steps():
    assert np.array_equal(make_sequence("stocks", 30).xs[:, 0], stock_series("GOOG")[:30])
    assert make_sequence("stocks", 500).xs.shape == (105, 1)
    with pytest.raises(ValueError):
        stock_series("IBM")


def test_a_damaged_csv_gets_a_clear_error(tmp_path):
    bad = tmp_path / "stocks.csv"
    bad.write_text("date,GOOG\n2018-01-01,abc\n")
    with pytest.raises(ValueError, match="not a number"):
        load_stocks(bad)
    bad.write_text("date,GOOG\n2018-01-01,1.0,2.0\n")
    with pytest.raises(ValueError, match="fields"):
        load_stocks(bad)
    bad.write_text("date,GOOG\n2018-01-01,-1.0\n")
    with pytest.raises(ValueError, match="positive"):
        load_stocks(bad)
