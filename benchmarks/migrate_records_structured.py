"""One-off migration (2026-12-05) of the shipped benchmark records to structured fields, so the
training lab words them in either language instead of quoting English sentences:

    paper_tasks.json  "machine" (a sentence) -> its fields (lstm_core.lab.machine);
                      each row's "setting" -> "config" (the run's settings) and
                      "paper" -> "claim" (a key of paper_runs.PAPER_CLAIMS);
                      the stocks' "setting" -> "config"
    cell_zoo.json     "machine" (a sentence) -> its fields

(paper_tasks.json in lstm_core/lab/data/, cell_zoo.json in lstm_core/lab/)

    python benchmarks/migrate_records_structured.py [--check]

Nothing is re-run: every field is read back from the old sentence, and the settings and claims
are taken from the experiment list the benchmark ran (lstm_core.lab.paper_runs), after checking
that the old sentence names the same numbers (T, forget bias, H, learning rate, batch, clip) and
the same claim text. Records already structured are left alone. Ends with one line of JSON.
"""

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core.lab import zoo
from lstm_core.lab.paper_runs import PAPER_COMMON, PAPER_EXPERIMENTS
from lstm_core.lab.paper_table import PAPER_JSON, load_paper_table
from lstm_core.lab.stocks import STOCK_TRAIN_WEEKS, STOCK_WEEKS, STOCK_WINDOW

# The claim texts the records held, by the key that replaces them.
OLD_CLAIMS = {
    "h100": "T = 100: solved after 74,000 sequences, 1 of 2560 wrong",
    "forget_bias": "forget bias 1 instead of 0 closes most of the LSTM's gap",
    "irnn": "IRNN solves the adding problem where a tanh RNN fails",
    "rnn_fails": "a tanh RNN fails (its gradient vanishes over the lag)",
    "temporal": "solved after 31,390 sequences (chance 25%)",
    "copy_lstm": "an LSTM gets below the baseline 10·ln 8/(T + 20) for short T, stays on it for "
    "long T",
    "copy_rnn": "a tanh RNN stays at the baseline",
}
MACHINE = re.compile(
    r"(?P<cpu>[^,]+), (?P<cores>\d+) cores, (?P<os>[^,]+), Python (?P<python>[\d.]+)"
    r"(?:, NumPy (?P<numpy>[\d.]+))?, one BLAS thread(?:, load average (?P<load>[\d.]+) at start)?"
)


def machine(sentence: str) -> dict:
    m = MACHINE.fullmatch(sentence)
    if m is None:
        raise ValueError(f"machine sentence not understood: {sentence!r}")
    out = {"cpu": m["cpu"], "cores": int(m["cores"]), "os": m["os"], "python": m["python"]}
    if m["numpy"]:
        out["numpy"] = m["numpy"]
    out["blas_threads"] = 1
    if m["load"]:
        out["load"] = float(m["load"])
    return out


def number(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    return None if m is None else float(m[1])


def row_fields(row: dict) -> dict:
    """The row with "config" and "claim" in place of "setting" and "paper"."""
    (settings, budget, claim, source) = next(e[1:] for e in PAPER_EXPERIMENTS if e[0] == row["key"])
    config = {**PAPER_COMMON, **settings}
    old = row["setting"]
    said = {
        "T": number(r"\bT = (\d+)", old),
        "forget_bias": number(r"forget bias (\d+)", old),
        "hidden_size": number(r"\bH = (\d+)", old),
        "learning_rate": number(r"Adam ([\d.]+)", old),
        "batch_size": number(r"batch (\d+)", old),
        "clip_norm": number(r"clip ([\d.]+)", old),
    }
    for name, value in said.items():
        if value is not None and value != config.get(name):
            raise ValueError(f"{row['key']}: the record says {name} {value}, the list {config}")
    if (row["task"], row["model"], budget) != (config["task"], config["model"], row["budget"]):
        raise ValueError(f"{row['key']}: task, model or budget differ from the list")
    if (OLD_CLAIMS[claim], source) != (row["paper"], row["source"]):
        raise ValueError(f"{row['key']}: the claim differs from the list: {row['paper']!r}")
    out = {}
    for key, value in row.items():
        if key == "setting":
            out["config"] = {k: v for k, v in config.items() if k not in ("task", "model")}
        elif key == "paper":
            out["claim"] = claim
        else:
            out[key] = value
    return out


STOCKS_SENTENCE = re.compile(
    r"(\d+)-week windows, weeks 0–(\d+) train, (\d+)–(\d+) validate; H = (\d+), Adam ([\d.]+), "
    r"batch (\d+), clip ([\d.]+), (\d+) epochs"
)


def stocks_fields(stocks: dict) -> dict:
    m = STOCKS_SENTENCE.fullmatch(stocks["setting"])
    if m is None:
        raise ValueError(f"stocks setting not understood: {stocks['setting']!r}")
    window, last_train, first_val, last_val, h, lr, batch, clip, epochs = m.groups()
    config = {
        "window": int(window),
        "train_weeks": int(last_train) + 1,
        "weeks": int(last_val) + 1,
        "hidden_size": int(h),
        "optimizer": "adam",
        "learning_rate": float(lr),
        "batch_size": int(batch),
        "clip_norm": float(clip),
        "epochs": int(epochs),
    }
    expected = (STOCK_WINDOW, STOCK_TRAIN_WEEKS, STOCK_WEEKS)
    if (config["window"], config["train_weeks"], config["weeks"]) != expected or int(
        first_val
    ) != int(last_train) + 1:
        raise ValueError(f"stocks: weeks differ from lstm_core.lab.stocks: {config}")
    return {("config" if k == "setting" else k): (config if k == "setting" else v)
            for k, v in stocks.items()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="convert but write nothing")
    args = parser.parse_args()
    changed = []
    papers = json.loads(PAPER_JSON.read_text(encoding="utf-8"))
    if isinstance(papers["machine"], str):
        papers["machine"] = machine(papers["machine"])
        papers["rows"] = [row_fields(r) for r in papers["rows"]]
        papers["stocks"] = stocks_fields(papers["stocks"])
        changed.append(PAPER_JSON.name)
        if not args.check:
            PAPER_JSON.write_text(json.dumps(papers, indent=1, ensure_ascii=False) + "\n")
            load_paper_table()  # what the page will read
    table = json.loads(Path(zoo.TABLE_PATH).read_text(encoding="utf-8"))
    if isinstance(table["machine"], str):
        table["machine"] = machine(table["machine"])
        changed.append(Path(zoo.TABLE_PATH).name)
        if not args.check:
            # the same layout as ZooTable.to_json, with only the machine changed
            Path(zoo.TABLE_PATH).write_text(json.dumps(table, indent=1, allow_nan=True) + "\n")
            zoo.load_table()
    print(json.dumps({"changed": changed, "written": not args.check}))


if __name__ == "__main__":
    main()
