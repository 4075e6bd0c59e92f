"""No Korean particle right after a number or symbol filled in at run time (issue 16).

Which particle follows a noun depends on how the noun ends (1.66 "일 점 육육" takes 이/은/을,
2 "이" takes 가/는/를), so "{k}가" is wrong for half the numbers, and "{k}이(가)" only shows
the problem. A text puts the number after its noun instead ("값: {k}", "{k}단계", "값은 {k}입니다").
The copula (입니다, 이고, 이면, 이므로 …) is right after any noun and is allowed."""

import string
import tomllib

import pytest

from conftest import ROOT

TEXT_FILES = sorted((ROOT / "lstm_viz" / "strings").glob("*.toml")) + sorted(
    (ROOT / "lessons").glob("*.toml")
)
# Closing marks that may stand between the field and the particle: `{name}`은, $x = {v}$를. (A
# particle after a closing parenthesis belongs to the word before it: 게이트(평균 {f})가.)
CLOSERS = "`'’”*}$"
# Particles whose form depends on the noun's last sound, and the both-forms workaround.
BOTH_FORMS = (
    "이(가)",
    "가(이)",
    "은(는)",
    "는(은)",
    "을(를)",
    "를(을)",
    "(으)로",
    "와(과)",
    "과(와)",
)
ALWAYS = ("으로", "로", "은", "는", "을", "를", "과", "와", "였", "라", "나", "야", "랑")
ALONE = ("이", "가")  # the subject particle; 이고, 이면, 가지 … are other words
# (strings file or lesson, key, field) where the field is a word, not a number or symbol.
WORD_FIELDS: frozenset[tuple[str, str]] = frozenset()


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def particle_after(rest: str) -> str | None:
    """The particle that `rest` (the text right after a field) starts with, or None."""
    rest = rest.lstrip(CLOSERS)
    for p in BOTH_FORMS + ALWAYS:
        if rest.startswith(p):
            return p
    for p in ALONE:
        if rest.startswith(p) and not (len(rest) > 1 and is_hangul(rest[1])):
            return p
    return None


def problems_in(text: str) -> list[tuple[str, str]]:
    """(field, particle) for every particle right after a field of the template `text`."""
    parts = list(string.Formatter().parse(text))
    following = [literal for literal, _, _, _ in parts[1:]] + [""]
    found = []
    for (_, field, _, _), after in zip(parts, following, strict=True):
        if field is not None:
            p = particle_after(after)
            if p:
                found.append((field, p))
    return found


def korean_texts(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "ko" and isinstance(value, str):
                yield where, value
            elif key.endswith(".ko") and isinstance(value, str):  # lessons: prompt.ko = '…'
                yield f"{where}/{key}", value
            else:
                yield from korean_texts(value, f"{where}/{key}" if where else key)
    elif isinstance(node, list):
        for n, item in enumerate(node):
            yield from korean_texts(item, f"{where}/{n}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("f = {f}는 기억", [("f", "는")]),
        ("{k}가 크다", [("k", "가")]),
        ("값 `{v}`은(는) 숫자", [("v", "은(는)")]),
        ("$c_t = {c}$를 읽습니다", [("c", "를")]),
        ("θ = {theta}로 클리핑", [("theta", "로")]),
        ("{k}단계, {n}가지, {x}입니다, {x}이고, {x}이면, {x}만큼, {x}의 값", []),
        ("값: {x}. {y}, {z}% 남습니다", []),
        ("{{literal}}은 필드가 아님", []),
        ("망각 게이트(평균 $f = {f}$)가 곱해져", []),
    ],
)
def test_the_check_finds_particles_after_fields_and_only_those(text, expected):
    assert problems_in(text) == expected


def test_no_korean_text_puts_a_particle_right_after_a_number_or_symbol():
    problems = []
    for path in TEXT_FILES:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        for where, text in korean_texts(table):
            for field, particle in problems_in(text):
                if (where, field) not in WORD_FIELDS:
                    problems.append(f"{path.name} {where}: {{{field}}}{particle}")
    assert problems == []
