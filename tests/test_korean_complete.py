"""Korean, all of it: every page rendered in Korean (AppTest) shows no Latin-letter word outside
an allow-list of names and symbols, in its text, widget labels, options, help texts, figure
titles, axes, legends and annotations, and diagram labels.

Streamlit's own widget texts (the file uploader's "Browse files", "Drag and drop file here",
"Limit 5MB per file") are drawn by its front end and stay English; the README says so.
"""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from test_figures_valid import CASES

from apptest_support import assert_no_errors, open_page
from conftest import ROOT

# Names, abbreviations and symbols that stay Latin in Korean text (as in Korean textbooks).
ALLOWED = {
    "LSTM", "RNN", "GRU", "PyTorch", "Keras", "CSV", "NumPy", "TensorFlow", "JSON", "NPZ",
    "npz", "csv", "json", "URL", "BPTT", "MSE", "Adam", "SGD", "ReLU", "tanh", "sigmoid", "exp",
    "log", "max", "min", "mean", "diag", "sign", "Okabe", "Ito", "Hochreiter", "Schmidhuber",
    "Gers", "Pascanu", "et", "al", "Cho", "nn", "GPU", "CPU", "ms", "MB", "KB", "px", "id",
    "sin", "cos", "Python", "Streamlit", "plotly", "Glorot", "Xavier", "He", "Sutskever",
    "Bengio", "Mikolov", "Jozefowicz", "Chung", "Greff", "ih", "hh", "l0", "bias", "weight",
    "kernel", "recurrent",
    # The language switch names each language in itself ("Language · 언어", "English").
    "Language", "English",
    # Authors, a journal and a company named, file formats, the learning rate in a formula.
    "Kingma", "Ba", "Distill", "SVG", "toml", "TOML", "lr",
    "Google",  # the company whose stock prices the "real series" preset holds
    "IRNN", "Arjovsky", "Le", "ln", "vs", "UTC",  # the training lab's "paper vs here" section
    # The cell zoo: Greff et al.'s name for the coupled cell, and their paper's title.
    "CIFG", "Search", "Space", "Odyssey",
    "BLAS",  # the linear-algebra library's threads, in the benchmarks' machine line
    "GOOG", "AAPL", "AMZN", "FB", "NFLX", "MSFT",  # the stocks' ticker symbols
}  # fmt: skip
# A "word" of two or more Latin letters; single letters, indexed or not, are maths (x, x1, W).
WORD = re.compile(r"(?<![A-Za-z0-9_\\])[A-Za-z]{2,}[A-Za-z0-9]*")
# Not words a reader reads as language: maths ($...$), code (`...`, torch.nn.utils.x), tags,
# entities, links, paths (lessons/), identifiers (unit_forget_bias), Streamlit's icon names
# (:material/info:).
MATH = re.compile(
    r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|<[^>]*>|&[a-z]+;|https?://\S+|:material/[a-z_]+:"
    r"|\b\w+(?:\.\w+)+\b|\b[\w.-]+/|\b[A-Za-z0-9]*_\w*",
    re.S,
)


def machine_names() -> list[str]:
    """The CPU model and the OS of the machines the shipped benchmark records ran on
    (lstm_core/lab/data/paper_tasks.json, lstm_core/lab/cell_zoo.json): names, quoted as the
    machine reported them ("AMD EPYC", "Linux 6.18.44-fc-v1252"), like PyTorch's. Only these two
    fields: the rest of the machine, the settings and the claims are worded from the string
    table."""
    names = []
    for path in (ROOT / "lstm_core" / "lab" / "data" / "paper_tasks.json",
                 ROOT / "lstm_core" / "lab" / "cell_zoo.json"):  # fmt: skip
        machine = json.loads(path.read_text(encoding="utf-8"))["machine"]
        names += [machine["cpu"], machine["os"]]
    return names


def latin_words(text: str) -> set[str]:
    """Latin words of `text` that are not allowed, outside maths, code, tags, links and the
    names of the benchmark records' machines."""
    for name in machine_names():
        text = text.replace(name, " ")
    return {w for w in WORD.findall(MATH.sub(" ", text)) if w not in ALLOWED}


def figure_texts(spec: dict) -> list[str]:
    """The words a plotly figure draws: titles, axis titles, tick labels, legend entries,
    annotations, hover templates' labels, slider and button labels."""
    out = []
    layout = spec.get("layout", {})

    def title(node) -> None:
        if isinstance(node, dict) and isinstance(node.get("title"), dict):
            out.append(str(node["title"].get("text", "")))
        elif isinstance(node, dict) and isinstance(node.get("title"), str):
            out.append(node["title"])

    title(layout)
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis", "coloraxis")) and isinstance(value, dict):
            title(value)
            title(value.get("colorbar"))
            out += [str(text) for text in value.get("ticktext", [])]
    out += [str(note.get("text", "")) for note in layout.get("annotations", [])]
    for control in layout.get("sliders", []) + layout.get("updatemenus", []):
        out += [str(step.get("label", "")) for step in control.get("steps", [])]
        out += [str(button.get("label", "")) for button in control.get("buttons", [])]
        out.append(str(control.get("currentvalue", {}).get("prefix", "")))
    for trace in spec.get("data", []):
        if trace.get("showlegend") is not False:
            out.append(str(trace.get("name", "")))
        template = trace.get("hovertemplate")
        if isinstance(template, str):
            out.append(re.sub(r"%\{[^}]*\}", " ", template).replace("<extra></extra>", ""))
        title(trace.get("colorbar"))
    return out


def widget_texts(at: AppTest) -> list[str]:
    """Labels, options, help and placeholder texts of every widget on the page."""
    out = []
    kinds = (
        "button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "slider",
        "select_slider", "number_input", "text_input", "text_area", "segmented_control",
        "pills", "expander", "tab", "metric", "popover", "download_button", "file_uploader",
    )  # fmt: skip
    for kind in kinds:
        try:
            elements = at.get(kind)
        except Exception:  # a kind AppTest does not index on this version
            continue
        for element in elements:
            proto = getattr(element, "proto", None)
            for field in ("label", "help", "placeholder"):
                value = getattr(proto, field, None)
                if isinstance(value, str):
                    out.append(value)
            options = getattr(proto, "options", None)
            if options is not None:
                out += [str(getattr(option, "content", option)) for option in options]
            if kind == "metric":
                out.append(str(getattr(proto, "body", "")))
    return out


def page_texts(page: str, query: dict) -> list[str]:
    at = open_page(page, **{"lang": "ko", **query})
    assert_no_errors(at)
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info",
                 "success", "error"):  # fmt: skip
        for element in at.get(kind):
            value = str(element.value)
            if "<svg" in value:  # a diagram: its words are in <text> and <title> elements
                value = " ".join(re.findall(r">([^<>]+)<", value))
                texts.append(value)
            else:
                texts.append(value)
    texts += widget_texts(at)
    for frame in at.get("dataframe"):  # column names, row names and every cell
        table = frame.value
        texts += [str(c) for c in table.columns] + [str(i) for i in table.index]
        texts += [str(v) for v in table.to_numpy().ravel()]
    for chart in at.get("plotly_chart"):
        texts += figure_texts(json.loads(chart.proto.spec))
    return texts


@pytest.mark.parametrize(("page", "query"), CASES)
def test_a_korean_page_shows_no_latin_word_outside_the_allow_list(page, query):
    texts = page_texts(page, query)
    assert len(texts) > 10  # it read the page
    found = {}
    for text in texts:
        for word in latin_words(text):
            found.setdefault(word, text[:80])
    assert found == {}


def test_the_check_finds_a_latin_word_and_spares_maths_and_names():
    assert latin_words("keras 방식에서") == {"keras"}
    assert latin_words("AMD EPYC, 2 cores, Linux 6.18.44-fc-v1252") == {"cores"}
    assert latin_words("noisy sine (Keras 데모)") == {"noisy", "sine"}
    assert latin_words("PyTorch 형식의 LSTM, $h_t = \\tanh(c_t)$, x와 h") == set()


def test_the_training_labs_stocks_chart_and_its_setting_are_korean():
    at = open_page("pages/training_lab.py", lang="ko")
    at.toggle(key="tr_stocks_chart").set_value(True).run()
    assert_no_errors(at)
    captions = [str(c.value) for c in at.caption]
    assert any("10주 창" in c for c in captions)  # the stocks' setting, worded in Korean
    texts = captions + widget_texts(at)
    for chart in at.get("plotly_chart"):
        texts += figure_texts(json.loads(chart.proto.spec))
    assert len(at.get("plotly_chart")) >= 1
    assert {w for text in texts for w in latin_words(text)} == set()
