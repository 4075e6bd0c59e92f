"""A sentence written from the numbers: a string key and its fields, worded in a language."""

from __future__ import annotations

from dataclasses import dataclass, field

from lstm_viz.i18n import t


@dataclass(frozen=True)
class Note:
    """One sentence of a page's generated text: a string key and its fields, so the page shows
    it in the session's language and tests can read the numbers it was written from."""

    key: str
    fields: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The sentence in `lang`; fields that are Notes themselves are written out first."""
        fields = {k: v.text(lang) if isinstance(v, Note) else v for k, v in self.fields.items()}
        return t(self.key, lang, **fields)
