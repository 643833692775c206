"""``crosslingual.names`` read in one scan of the text (issue 19) counts what the plain reading, sentence
by sentence with each sentence's words in turn, counted: the same names, counts and order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.cluster.crosslingual import _WORD, _reading, _sentences, _title_key, names


def _plain_names(title: str, text: str, language: str | None) -> dict[str, int]:
    found: dict[str, int] = {}
    doubtful: list[tuple[str, str]] = []
    lower: set[str] = set()
    for sentence in _sentences(text):
        for position, word in enumerate(_WORD.findall(sentence)):
            key, bare, opening_only = _reading(word, language)
            if key is None:
                lower.add(bare)
            elif not key:
                continue
            elif position == 0 and opening_only:
                doubtful.append((key, bare))
            else:
                found[key] = found.get(key, 0) + 1
    for key, word in doubtful:
        if word not in lower:
            found[key] = found.get(key, 0) + 1
    for key in {k for w in _WORD.findall(title) if (k := _title_key(w)) is not None}:
        if key in found:
            found[key] += 1
    return found


_PIECES = st.sampled_from(
    ["Airbus", "airbus", "The", "the", "Qatar", "A350", "June", "l'Airbus", "Зеленський", "iPod", "x", "É",
     " ", "  ", ". ", "! ", "? ", ": ", "; ", ".", "\n", "\n\n", ",", "'", "’", "_", "13", "\t", "-"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=40), st.lists(_PIECES, max_size=6), st.sampled_from(["en", "de", None]))
def test_names_read_in_one_scan_are_those_read_sentence_by_sentence(
    text: list[str], title: list[str], language: str | None
) -> None:
    heading, body = "".join(title), "".join(text)
    fast, plain = names(heading, body, language), _plain_names(heading, body, language)
    assert fast == plain and list(fast) == list(plain)


def test_names_of_a_report() -> None:
    text = "The order came on Monday. Airbus said Qatar ordered A350 jets.\nAirbus rose; the order is big."
    assert names("Airbus wins Qatar order", text, "en") == _plain_names("Airbus wins Qatar order", text, "en")
    assert names("Airbus wins Qatar order", text, "en") == {"airbus": 3, "qatar": 2, "a350": 1}
