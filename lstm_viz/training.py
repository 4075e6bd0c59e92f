"""Figures of the training lab: loss curves of the RNN and the LSTM side by side, what each
trained model predicts, and one example of each task before training.

Every figure takes plain arrays (a training History, predictions) and the language, so it can be
drawn without a server. Curves keep at most MAX_POINTS points (evenly spaced, first and last
kept); the numbers in downloads are never thinned.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go

from lstm_core.lab.machine import Machine
from lstm_core.lab.paper_tasks import TEMPORAL_LENGTH
from lstm_core.lab.train import History
from lstm_core.lab.zoo import (
    CELL_KEYS,
    TASK_KEYS,
    Claim,
    SeedResult,
    Spread,
    Summary,
    criterion,
)
from lstm_viz.i18n import t
from lstm_viz.theme import MODEL_COLORS, base_layout, readable_on_white

if TYPE_CHECKING:
    import pandas as pd

    from lstm_core.lab.paper_runs import RunConfig
    from lstm_core.lab.paper_table import StocksSetting

MAX_POINTS = 400  # per curve
DATA_COLOR = "#555555"
GUESS_COLOR = "#888888"
MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM"}


def thinned(n: int, max_points: int = MAX_POINTS) -> np.ndarray:
    """Indices 0..n-1, at most max_points of them, evenly spread, first and last kept."""
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max_points).round().astype(int))


def _finite_or_none(values: np.ndarray) -> list[float | None]:
    """nan (not measured) and inf become gaps in the curve."""
    return [float(v) if np.isfinite(v) else None for v in values]


def loss_figure(
    histories: Mapping[str, History],
    lang: str,
    *,
    loss: str = "mse",
    validation: bool = False,
    baseline: float | None = None,
    height: int = 380,
) -> go.Figure:
    """Loss curves on a log axis, one colour per model ("rnn", "lstm").

    validation=False: the training loss per epoch (as Keras reports it; x = epochs).
    validation=True: the validation loss (solid) and the training loss (dotted) against
    parameter updates. baseline: a dashed line at the loss of the best constant guess.
    """
    metric = t(f"training.loss.{loss}", lang)
    fig = go.Figure()
    x_key = "updates" if validation else "epochs"
    for kind, history in histories.items():
        if len(history.updates) == 0:
            continue
        idx = thinned(len(history.updates))
        x = getattr(history, x_key)[idx]
        name = MODEL_NAMES[kind]
        color = MODEL_COLORS[kind]
        if validation:
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=_finite_or_none(history.train_loss[idx]),
                    mode="lines",
                    name=t("training.curve.train", lang, model=name),
                    line=dict(color=color, width=1.5, dash="dot"),
                    opacity=0.7,
                    hovertemplate=f"{name} · {t('training.axis.updates', lang)} %{{x}}"
                    f"<br>{t('training.curve.train_short', lang)} %{{y:.4g}}<extra></extra>",
                )
            )
        y = history.val_loss[idx] if validation else history.train_loss[idx]
        label = "training.curve.val" if validation else "training.curve.model"
        short = "training.curve.val_short" if validation else "training.curve.train_short"
        fig.add_trace(
            go.Scatter(
                x=x,
                y=_finite_or_none(y),
                mode="lines",
                name=t(label, lang, model=name),
                line=dict(color=color, width=2.5),
                hovertemplate=f"{name} · {t(f'training.axis.{x_key}', lang)} %{{x:.4g}}"
                f"<br>{t(short, lang)} %{{y:.4g}}<extra></extra>",
            )
        )
    if baseline is not None and baseline > 0:
        fig.add_hline(y=baseline, line=dict(color=GUESS_COLOR, dash="dash", width=1.5))
        # Annotations on a log axis take log10 of the value (add_hline's own label does not).
        fig.add_annotation(
            x=1,
            xref="paper",
            xanchor="right",
            y=math.log10(baseline),
            yref="y",
            yanchor="bottom",
            showarrow=False,
            font=dict(color="#444444", size=12),
            text=t("training.curve.guess", lang, value=f"{baseline:.3g}"),
        )
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=60, r=20, t=40, b=50)),
        xaxis=dict(title=t(f"training.axis.{x_key}", lang), rangemode="tozero"),
        yaxis=dict(title=metric, type="log", exponentformat="power", dtick="D2"),
        hovermode="closest",
        showlegend=True,
    )
    return fig


def accuracy_figure(histories: Mapping[str, History], lang: str, height: int = 300) -> go.Figure:
    """Validation accuracy (0..1) against updates, one colour per model, chance (0.5) dashed."""
    fig = go.Figure()
    for kind, history in histories.items():
        if len(history.updates) == 0:
            continue
        idx = thinned(len(history.updates))
        name = MODEL_NAMES[kind]
        fig.add_trace(
            go.Scatter(
                x=history.updates[idx],
                y=_finite_or_none(history.val_accuracy[idx]),
                mode="lines",
                name=name,
                line=dict(color=MODEL_COLORS[kind], width=2.5),
                hovertemplate=f"{name} · {t('training.axis.updates', lang)} %{{x}}"
                f"<br>{t('training.axis.accuracy', lang)} %{{y:.1%}}<extra></extra>",
            )
        )
    fig.add_hline(
        y=0.5,
        line=dict(color=GUESS_COLOR, dash="dash", width=1.5),
        annotation_text=t("training.curve.chance", lang),
        annotation_position="bottom left",
        annotation_font=dict(color="#444444", size=12),
    )
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=60, r=20, t=40, b=50)),
        xaxis=dict(title=t("training.axis.updates", lang), rangemode="tozero"),
        yaxis=dict(title=t("training.axis.accuracy", lang), range=[0.0, 1.05], tickformat=".0%"),
    )
    return fig


def sine_figure(
    series: np.ndarray,
    window: int,
    predictions: Mapping[str, np.ndarray],
    lang: str,
    height: int = 380,
) -> go.Figure:
    """The noisy sine data (50 points on x = −2π..2π), the first window the models are given,
    and each model's closed-loop prediction of the remaining points (predictions[kind]:
    (50 − window,)), next to sin(x)."""
    n = len(series)
    x = np.linspace(-2 * np.pi, 2 * np.pi, n)
    fig = go.Figure()
    fine = np.linspace(-2 * np.pi, 2 * np.pi, 200)
    fig.add_trace(
        go.Scatter(
            x=fine,
            y=np.sin(fine),
            mode="lines",
            name="sin(x)",
            line=dict(color="#BBBBBB", width=1.5, dash="dash"),
            hoverinfo="skip",
        )
    )
    data_hover = (
        f"x = %{{x:.2f}}<br>{t('training.sine.data_short', lang)} %{{y:.3f}}<extra></extra>"
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=series,
            mode="markers",
            name=t("training.sine.data", lang),
            marker=dict(color=DATA_COLOR, size=7, symbol="circle-open", line=dict(width=1.5)),
            hovertemplate=data_hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x[:window],
            y=series[:window],
            mode="markers",
            name=t("training.sine.window", lang, steps=window),
            marker=dict(color="#000000", size=8),
            hovertemplate=data_hover,
        )
    )
    for kind, y in predictions.items():
        name = MODEL_NAMES[kind]
        fig.add_trace(
            go.Scatter(
                x=x[window:],
                y=_finite_or_none(np.asarray(y)),
                mode="lines+markers",
                name=t("training.sine.prediction", lang, model=name),
                line=dict(color=MODEL_COLORS[kind], width=2.5),
                marker=dict(size=4),
                hovertemplate=f"{name} · x = %{{x:.2f}}<br>"
                f"{t('training.sine.prediction_short', lang)} %{{y:.3f}}<extra></extra>",
            )
        )
    fig.add_vline(x=x[window - 1], line=dict(color=GUESS_COLOR, dash="dot", width=1))
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=60, r=20, t=40, b=50)),
        xaxis=dict(
            title="x", tickvals=np.pi * np.arange(-2, 3), ticktext=["−2π", "−π", "0", "π", "2π"]
        ),
        yaxis=dict(title="y", zeroline=True, zerolinecolor="#DDDDDD"),
    )
    return fig


def adding_figure(
    targets: np.ndarray, predictions: Mapping[str, np.ndarray], lang: str, height: int = 380
) -> go.Figure:
    """Each model's prediction against the true sum for validation examples (points on the
    diagonal are right; a model that ignores its input sits on the horizontal line at the
    mean target)."""
    fig = go.Figure()
    lo, hi = 0.0, 2.0
    fig.add_trace(
        go.Scatter(
            x=[lo, hi],
            y=[lo, hi],
            mode="lines",
            name=t("training.adding.perfect", lang),
            line=dict(color=GUESS_COLOR, dash="dash", width=1.5),
            hoverinfo="skip",
        )
    )
    mean = float(np.mean(targets))
    fig.add_hline(
        y=mean,
        line=dict(color=GUESS_COLOR, dash="dot", width=1),
        annotation_text=t("training.adding.guess", lang, value=f"{mean:.2f}"),
        annotation_position="bottom right",
        annotation_font=dict(color="#444444", size=12),
    )
    for kind, y in predictions.items():
        name = MODEL_NAMES[kind]
        fig.add_trace(
            go.Scatter(
                x=targets,
                y=_finite_or_none(np.asarray(y)),
                mode="markers",
                name=name,
                marker=dict(
                    color=MODEL_COLORS[kind],
                    size=6,
                    opacity=0.7,
                    symbol="circle" if kind == "lstm" else "diamond",
                ),
                hovertemplate=f"{name}<br>{t('training.adding.true', lang)} %{{x:.3f}}"
                f"<br>{t('training.adding.predicted', lang)} %{{y:.3f}}<extra></extra>",
            )
        )
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=60, r=20, t=40, b=50)),
        xaxis=dict(title=t("training.adding.true", lang), range=[lo - 0.05, hi + 0.05]),
        yaxis=dict(title=t("training.adding.predicted", lang), range=[lo - 0.25, hi + 0.25]),
    )
    return fig


def adding_example_figure(xs: np.ndarray, target: float, lang: str, height: int = 300) -> go.Figure:
    """One example of the adding problem: xs (T, 2) = (value, marker). The values are bars,
    the two marked ones coloured and labelled; the title gives the target sum."""
    T = xs.shape[0]
    steps = np.arange(T)
    marked = xs[:, 1] > 0.5
    colors = np.where(marked, MODEL_COLORS["lstm_cell"], "#CCCCCC")
    fig = go.Figure(
        go.Bar(
            x=steps,
            y=xs[:, 0],
            marker_color=colors.tolist(),
            name=t("training.adding.value", lang),
            customdata=xs[:, 1],
            hovertemplate=f"t = %{{x}}<br>{t('training.adding.value', lang)} %{{y:.3f}}"
            f"<br>{t('training.adding.marker', lang)} %{{customdata:.0f}}<extra></extra>",
        )
    )
    for step in steps[marked]:
        fig.add_annotation(
            x=step,
            y=xs[step, 0],
            text=f"{xs[step, 0]:.2f}",
            showarrow=False,
            yshift=12,
            font=dict(color=readable_on_white(MODEL_COLORS["lstm_cell"]), size=13),
        )
    fig.add_vline(x=T / 2 - 0.5, line=dict(color=GUESS_COLOR, dash="dot", width=1))
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=50, r=20, t=50, b=45)),
        title=dict(
            text=t("training.adding.example_title", lang, target=f"{target:.2f}"),
            font=dict(size=14),
        ),
        xaxis=dict(title=t("training.axis.step", lang)),
        yaxis=dict(title=t("training.adding.value", lang), range=[0, 1.2]),
        showlegend=False,
        bargap=0.15,
    )
    return fig


def sign_example_figure(xs: np.ndarray, lang: str, height: int = 300) -> go.Figure:
    """One example of the sign task: xs (T,) with x_0 = ±1 marked; the answer is its sign."""
    T = len(xs)
    sign = "+" if xs[0] > 0 else "−"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=np.arange(T),
            y=xs,
            mode="lines+markers",
            line=dict(color=DATA_COLOR, width=1.5),
            marker=dict(size=4),
            name="x",
            hovertemplate="t = %{x}<br>x = %{y:.3f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0],
            y=[xs[0]],
            mode="markers",
            marker=dict(color=MODEL_COLORS["lstm_cell"], size=12),
            name="x₀",
            hovertemplate="t = 0<br>x₀ = %{y:.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=50, r=20, t=50, b=45)),
        title=dict(
            text=t("training.sign.example_title", lang, sign=sign, steps=T - 1), font=dict(size=14)
        ),
        xaxis=dict(title=t("training.axis.step", lang)),
        yaxis=dict(title="x", range=[-1.3, 1.3]),
        showlegend=False,
    )
    return fig


def task_loss_figure(
    task: str,
    histories: Mapping[str, History],
    lang: str,
    baseline: float | None = None,
    height: int = 380,
) -> go.Figure:
    """The loss chart of `task`: training MSE per epoch for the sine demo, validation loss
    against updates for the others (MSE for "adding", cross-entropy for "sign")."""
    if task == "sine":
        return loss_figure(histories, lang, height=height)
    loss = "ce" if task == "sign" else "mse"
    return loss_figure(
        histories, lang, loss=loss, validation=True, baseline=baseline, height=height
    )


def task_result_figure(
    task: str,
    histories: Mapping[str, History],
    predictions: Mapping[str, np.ndarray],
    lang: str,
    series: np.ndarray | None = None,
    targets: np.ndarray | None = None,
    window: int = 10,
) -> go.Figure:
    """What the trained models do: the closed loop next to the data (sine; `series` (50,)),
    predicted against true sums (adding; `targets`), validation accuracy (sign)."""
    if task == "sine":
        return sine_figure(series, window, predictions, lang)
    if task == "adding":
        return adding_figure(targets, predictions, lang)
    return accuracy_figure(histories, lang)


# --- which cell solves it: the cell zoo's tables and Greff's claims, in words ------------------


def _zoo_spread(s: Spread, fmt: str) -> str:
    """ "mean (low–high)", or just the value when all seeds agree; "—" for none."""
    if s.n == 0:
        return "—"
    if s.n == 1 or s.low == s.high:
        return format(s.mean, fmt)
    return f"{s.mean:{fmt}} ({s.low:{fmt}}–{s.high:{fmt}})"


def zoo_cell_name(cell: str, lang: str) -> str:
    """The cell's name in the zoo tables."""
    return t(f"training.zoo.cell.{cell}", lang)


def zoo_task_name(task: str, lang: str) -> str:
    """The zoo task's name (with its T)."""
    return t(f"training.zoo.task.{task}", lang)


def zoo_overview(summaries: Mapping[tuple[str, str], Summary], lang: str) -> pd.DataFrame:
    """Cell × task: seeds solved of seeds, and the mean updates to solve (or, where no seed
    solved it, the mean final error). Rows in zoo.CELLS' order, columns in zoo.ZOO_TASKS'."""
    import pandas as pd

    rows = {}
    for cell in CELL_KEYS:
        row = {}
        for task in TASK_KEYS:
            s = summaries.get((cell, task))
            if s is None:
                row[zoo_task_name(task, lang)] = "—"
                continue
            mark = {"all": "✓", "some": "◐", "none": "✗"}[s.verdict]
            if s.solved:
                detail = t("training.zoo.updates_short", lang, updates=f"{s.updates.mean:.0f}")
            else:
                detail = t("training.zoo.error_short", lang, error=f"{s.error.mean:.3g}")
            row[zoo_task_name(task, lang)] = f"{mark} {s.solved}/{s.seeds} · {detail}"
        rows[zoo_cell_name(cell, lang)] = row
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = t("training.zoo.col.cell", lang)
    return frame


def zoo_details(summaries: Mapping[tuple[str, str], Summary], lang: str) -> pd.DataFrame:
    """One row per cell and task: seeds solved, updates and seconds to solve (mean (low–high)
    over the seeds that solved it), final error (mean (low–high) over all seeds), diverged runs."""
    import pandas as pd

    col = {k: t(f"training.zoo.col.{k}", lang) for k in
           ("cell", "task", "solved", "updates", "seconds", "error", "diverged")}  # fmt: skip
    records = []
    for task in TASK_KEYS:
        for cell in CELL_KEYS:
            s = summaries.get((cell, task))
            if s is None:
                continue
            records.append(
                {
                    col["cell"]: zoo_cell_name(cell, lang),
                    col["task"]: zoo_task_name(task, lang),
                    col["solved"]: f"{s.solved}/{s.seeds}",
                    col["updates"]: _zoo_spread(s.updates, ".0f"),
                    col["seconds"]: _zoo_spread(s.seconds, ".2f"),
                    col["error"]: _zoo_spread(s.error, ".4f"),
                    col["diverged"]: s.diverged,
                }
            )
    return pd.DataFrame.from_records(records)


def greff_sentences(claims: list[Claim], lang: str) -> list[str]:
    """One sentence per Greff claim, worded from its verdict (zoo.Claim.verdict)."""
    out = []
    for claim in claims:
        # "; " between names: a task's name has a comma of its own ("adding, T = 50")
        tasks = "; ".join(zoo_task_name(task, lang) for task in claim.holds) or "—"
        misses = "; ".join(zoo_task_name(task, lang) for task in claim.fails) or "—"
        out.append(
            t(
                f"training.zoo.greff.{claim.key}.{claim.verdict}",
                lang,
                holds=tasks,
                fails=misses,
            )
        )
    return out


def zoo_run_sentence(r: SeedResult, budget: int, lang: str) -> str:
    """What one (live) run did, from its recorded verdict: solved after how many updates, or
    not within the budget; and its final error against the criterion."""
    name, task = zoo_cell_name(r.cell, lang), zoo_task_name(r.task, lang)
    key = "solved" if r.solved else "not_solved"
    if r.stopped == "stopped":
        key += "_cut"
    elif r.stopped == "diverged":
        key = "diverged"
    return t(
        f"training.zoo.run.{key}",
        lang,
        cell=name,
        task=task,
        seed=r.seed,
        updates=r.updates_to_solve if r.solved else r.updates,
        seconds=f"{r.seconds_to_solve if r.solved else r.seconds:.1f}",
        budget=budget,
        error=f"{r.final_error:.4f}",
        criterion=t(
            f"training.zoo.criterion.{criterion(r.task)}",
            lang,
            threshold=f"{r.threshold:.4f}",
        ),
    )


# --- the papers' tasks and the real series -----------------------------------------------------


def _spread(mean: float, std: float) -> str:
    if not math.isfinite(mean):
        return "—"
    if not math.isfinite(std):
        return f"{mean:,.0f}"
    return f"{mean:,.0f} ± {std:,.0f}"


def _plain(x: float) -> str:
    """A setting's number as written: 0.003, 1, 32."""
    return f"{x:g}"


# The papers' models by name (names, the same in both languages).
PAPER_MODEL_NAMES = {"lstm": "LSTM", "rnn": "tanh RNN", "irnn": "IRNN"}


def machine_line(machine: Machine, lang: str) -> str:
    """The machine a benchmark ran on, in one line of `lang`: "AMD EPYC, 2 cores, Linux …,
    Python 3.11.7, NumPy 2.4.6, one BLAS thread" (the load at the start when recorded). The CPU
    model and the OS are names, quoted as the machine reported them."""
    parts = [machine.cpu, t("training.machine.cores", lang, n=machine.cores), machine.os]
    parts.append(f"Python {machine.python}")
    if machine.numpy is not None:
        parts.append(f"NumPy {machine.numpy}")
    one = machine.blas_threads == 1
    parts.append(
        t(f"training.machine.{'blas_one' if one else 'blas'}", lang, n=machine.blas_threads)
    )
    if machine.load is not None:
        parts.append(t("training.machine.load", lang, load=f"{machine.load:.1f}"))
    return ", ".join(parts)


def paper_setting(config: RunConfig, lang: str, short: bool = False) -> str:
    """A "paper vs here" row's setting in `lang`, from the RunConfig it ran with: the task and
    its length, the model (and an LSTM's forget bias); then H, Adam's learning rate, batch, clip
    (left out when `short`: every row shares them). E.g. "adding, T = 20, LSTM, forget bias 1;
    H = 32, Adam 0.003, batch 16, clip 1"."""
    low, high = TEMPORAL_LENGTH
    task = t(f"training.papers.setting.{config.task}", lang, T=config.T, low=low, high=high)
    parts = [task, PAPER_MODEL_NAMES[config.model]]
    if config.model == "lstm":
        parts.append(t("training.papers.setting.forget_bias", lang, b=_plain(config.forget_bias)))
    if short:
        return ", ".join(parts)
    training = t(
        "training.papers.setting.training",
        lang,
        H=config.hidden_size,
        lr=_plain(config.learning_rate),
        batch=config.batch_size,
        clip=_plain(config.clip_norm),
    )
    return ", ".join(parts) + "; " + training


def stocks_setting(setting: StocksSetting, lang: str) -> str:
    """How both models were trained on the stocks, in `lang`: "10-week windows, weeks 0–74
    train, 75–104 validate; H = 16, Adam 0.01, batch 32, clip 1, 100 epochs"."""
    return t(
        "training.stocks.setting",
        lang,
        window=setting.window,
        last_train=setting.train_weeks - 1,
        first_val=setting.train_weeks,
        last_val=setting.weeks - 1,
        H=setting.hidden_size,
        optimizer=t(f"training.optimizer.{setting.optimizer}", lang),
        lr=_plain(setting.learning_rate),
        batch=setting.batch_size,
        clip=_plain(setting.clip_norm),
        epochs=setting.epochs,
    )


def paper_table_records(rows: list, summaries: list, lang: str) -> list[dict[str, str]]:
    """The "paper vs here" table as records (one dict per experiment, localised column names),
    from lstm_core.lab.paper_table rows and their summaries; the verdict column words each
    summary's verdict."""
    col = {k: t(f"training.papers.col.{k}", lang) for k in PAPER_COLUMNS}
    records = []
    for row, s in zip(rows, summaries, strict=True):
        if row.task == "copy":
            measured = t(
                "training.papers.copy_loss",
                lang,
                loss=f"{s.loss_mean:.3f}",
                base=f"{row.baseline:.3f}",
            )
        else:
            measured = t(
                "training.papers.wrong",
                lang,
                wrong=f"{s.wrong_mean:,.1f}",
                total=f"{row.test_total:,}",
            )
        records.append(
            {
                col["setting"]: paper_setting(row.config, lang),
                col["paper"]: t(f"training.papers.claim.{row.claim}", lang) + f" ({row.source})",
                col["solved"]: t("training.papers.seeds", lang, k=s.solved, n=s.seeds),
                col["sequences"]: _spread(s.sequences_mean, s.sequences_std),
                col["test"]: measured,
                col["budget"]: f"{row.budget:,}",
                col["verdict"]: t(f"training.papers.verdict.{s.verdict}", lang),
            }
        )
    return records


PAPER_COLUMNS: tuple[str, ...] = (
    "setting",
    "paper",
    "solved",
    "sequences",
    "test",
    "budget",
    "verdict",
)


def stocks_figure(
    weeks: list[str],
    actual: np.ndarray,
    last_week: np.ndarray,
    forecasts: Mapping[str, np.ndarray],
    company: str,
    lang: str,
    height: int = 380,
) -> go.Figure:
    """One company's validation weeks: the real price, the "same as last week" forecast (dashed
    grey) and each model's forecast of it, all (W,) over the dates `weeks`."""
    fig = go.Figure()
    price = t("training.stocks.price", lang)
    fig.add_trace(
        go.Scatter(
            x=weeks,
            y=_finite_or_none(np.asarray(actual)),
            mode="lines+markers",
            name=t("training.stocks.actual", lang, company=company),
            line=dict(color=DATA_COLOR, width=2),
            marker=dict(size=5),
            hovertemplate=f"%{{x}}<br>{price} %{{y:.3f}}<extra></extra>",
        )
    )
    lines = [("last_week", t("training.stocks.last_week", lang), last_week)]
    lines += [(kind, MODEL_NAMES[kind], y) for kind, y in forecasts.items()]
    for kind, name, y in lines:
        color = GUESS_COLOR if kind == "last_week" else MODEL_COLORS[kind]
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=_finite_or_none(np.asarray(y)),
                mode="lines",
                name=name,
                line=dict(color=color, width=2, dash="dash" if kind == "last_week" else "solid"),
                hovertemplate=f"{name}<br>%{{x}}<br>{price} %{{y:.3f}}<extra></extra>",
            )
        )
    fig.update_layout(
        **base_layout(height=height, margin=dict(l=60, r=20, t=40, b=50)),
        xaxis=dict(title=t("training.stocks.week", lang)),
        yaxis=dict(title=price),
    )
    return fig
