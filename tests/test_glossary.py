"""The Korean texts keep to docs/glossary.md: one term per concept, none of the wordings it
rules out (issue 16)."""

import tomllib

from conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
TEXT_FILES = sorted((ROOT / "lstm_viz" / "strings").glob("*.toml")) + sorted(
    (ROOT / "lessons").glob("*.toml")
)


def avoided() -> dict[str, str]:
    """{wording not used: the concept's term} from the glossary's table."""
    found = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2] and not set(cells[2]) <= {"-"} and cells[0] != "English":
            for wording in cells[2].split(","):
                found[wording.strip()] = cells[1]
    return found


def korean_texts(node, where: str = ""):
    """(place, text) of every Korean string in a parsed strings or lesson file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "ko" and isinstance(value, str):
                yield where, value
            else:
                yield from korean_texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            yield from korean_texts(item, f"{where}/{n}")


def test_the_glossary_table_rules_out_wordings():
    assert len(avoided()) >= 10


def test_no_korean_text_uses_a_wording_the_glossary_rules_out():
    rules = avoided()
    problems = []
    for path in TEXT_FILES:
        for where, text in korean_texts(tomllib.loads(path.read_text(encoding="utf-8"))):
            problems += [
                f"{path.name}{where}: {bad!r} (use {good!r})"
                for bad, good in rules.items()
                if bad in text
            ]
    assert problems == []
