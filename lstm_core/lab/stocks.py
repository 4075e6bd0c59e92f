"""One real series: the weekly closing prices of six companies, 2018-01-01 .. 2019-12-30
(105 weeks), each divided by its price in the first week. It is plotly's data set
plotly.express.data.stocks(), copied unchanged into lstm_core/lab/data/stocks.csv with plotly's
MIT licence (LICENSE-plotly.txt beside it): the core reads it with the standard library and
never imports plotly, and the numbers stay the same if plotly changes its copy.

The task: from the prices up to week t, predict week t + 1. Windows of `window` weeks are cut
from every company; the target at each step is the next week's price (as in the sine demo).
The first `train_weeks` weeks train, the later weeks validate (time order is kept: the models
never see the future they are judged on). The baseline a forecast has to beat is "same as last
week": y_{t+1} = y_t.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_core.lab.tasks import Dataset, Task

STOCKS_CSV = Path(__file__).parent / "data" / "stocks.csv"
STOCK_WEEKS = 105
STOCK_WINDOW = 10
STOCK_TRAIN_WEEKS = 75  # weeks 0..74 train; 75..104 are the validation weeks
MAX_CSV_BYTES = 64 * 1024


@dataclass(frozen=True, eq=False)
class StockPrices:
    """dates (W,) ISO strings, companies (C,), prices (W, C): price / price in the first week."""

    dates: tuple[str, ...]
    companies: tuple[str, ...]
    prices: np.ndarray


def load_stocks(path: Path = STOCKS_CSV) -> StockPrices:
    """The stocks CSV (a date column, then one column per company). ValueError for a file that
    is not that: too big, ragged rows, non-numeric or non-positive prices."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_CSV_BYTES} bytes")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if len(header) < 2 or header[0] != "date" or not body:
        raise ValueError(f"{path.name}: expected a 'date' column and company columns")
    if any(len(row) != len(header) for row in body):
        raise ValueError(f"{path.name}: every row needs {len(header)} fields")
    try:
        prices = np.array([[float(v) for v in row[1:]] for row in body])
    except ValueError as err:
        raise ValueError(f"{path.name}: a price is not a number ({err})") from None
    if not (np.isfinite(prices).all() and (prices > 0).all()):
        raise ValueError(f"{path.name}: prices must be finite and positive")
    return StockPrices(tuple(row[0] for row in body), tuple(header[1:]), prices)


def stock_series(company: str = "GOOG") -> np.ndarray:
    """One company's normalised weekly prices, (105,)."""
    data = load_stocks()
    if company not in data.companies:
        raise ValueError(
            f"unknown company {company!r}; expected one of {', '.join(data.companies)}"
        )
    return data.prices[:, data.companies.index(company)].copy()


def _windows(prices: np.ndarray, starts: range, window: int) -> Dataset:
    """Windows of every company: xs (window, N, 1) the prices, ys the next week's prices."""
    index = np.arange(window)[:, None] + np.array(starts)[None, :]  # (T, S)
    xs = prices[index]  # (T, S, C)
    ys = prices[index + 1]
    T, S, C = xs.shape
    xs = xs.reshape(T, S * C, 1)
    ys = ys.reshape(T, S * C, 1)
    return Dataset(xs, ys, "mse", True, 1)


def stock_task(window: int = STOCK_WINDOW, train_weeks: int = STOCK_TRAIN_WEEKS) -> Task:
    """Training windows whose targets all lie in weeks < train_weeks; validation windows whose
    last target lies in the later weeks (one window per start and company). xs, ys:
    (window, N, 1); the target at every step is the next week's price."""
    prices = load_stocks().prices  # (W, C)
    W = prices.shape[0]
    if not 2 <= window <= train_weeks - 2 or not window + 1 <= train_weeks <= W - 1:
        raise ValueError(f"window {window} and train_weeks {train_weeks} do not fit {W} weeks")
    train = _windows(prices, range(0, train_weeks - window), window)
    val = _windows(prices, range(train_weeks - window, W - window), window)
    return Task("stocks", train, val, None)


def last_week_prediction(data: Dataset) -> np.ndarray:
    """The "same as last week" forecast for every step of `data`: its inputs, (T, N, 1)."""
    return data.xs.copy()


def last_week_loss(data: Dataset) -> float:
    """The mean squared error of "same as last week" on `data` (every step)."""
    return float(np.mean((data.xs - data.ys) ** 2))


def beats_last_week(model_loss: float, baseline_loss: float) -> bool:
    """True when a model's validation MSE is below the "same as last week" MSE (a non-finite
    loss never beats it)."""
    return math.isfinite(model_loss) and model_loss < baseline_loss


BASELINE_MARGIN = 0.05  # closer than 5% to the baseline counts as a tie


def against_last_week(model_loss: float, baseline_loss: float) -> str:
    """The verdict on a model's validation MSE against "same as last week": "beats" (more than
    5% below it), "ties" (within 5%), "worse" (more than 5% above, or not finite). A weekly
    price is close to a random walk: a few percent either way is what seeds and noise give."""
    if not math.isfinite(model_loss) or model_loss > (1 + BASELINE_MARGIN) * baseline_loss:
        return "worse"
    if model_loss < (1 - BASELINE_MARGIN) * baseline_loss:
        return "beats"
    return "ties"
