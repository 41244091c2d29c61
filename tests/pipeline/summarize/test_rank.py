"""The vectorised LexRank and TextRank graphs rank exactly as sumy's own summarizers do."""

from __future__ import annotations

import pytest
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.pipeline.summarize.rank import lexrank, textrank
from bot.pipeline.text import Tokenizer, stemmer, stop_words, tokens

SENTENCES = [
    "The council approved the budget for the city schools on Monday.",
    "The budget gives the schools more teachers and a new library.",
    "Parents said the library would change the lives of their children.",
    "The mayor said the council had waited too long for the money.",
    "Rain fell on the river all week.",
    "Teachers welcomed the budget and said more teachers were needed in the schools.",
    "Of the and it.",
]


def our_terms() -> list[list[str]]:
    stem, stop = stemmer("en"), stop_words("en")
    return [[stem(w.lower()) for w in tokens(s) if w.lower() not in stop] for s in SENTENCES]


def sumy_document() -> tuple[ObjectDocumentModel, list[SumySentence]]:
    tokenizer = Tokenizer("en")
    sentences = [SumySentence(s, tokenizer) for s in SENTENCES]
    return ObjectDocumentModel([Paragraph(sentences)]), sentences


def test_textrank_equals_sumy() -> None:
    """Our TextRank matrix gives sumy's TextRank ratings, sentence by sentence."""
    document, sentences = sumy_document()
    summarizer = TextRankSummarizer(stemmer("en"))
    summarizer.stop_words = stop_words("en")
    expected = summarizer.rate_sentences(document)
    assert textrank(our_terms()) == pytest.approx([expected[s] for s in sentences], rel=1e-9)


def test_lexrank_equals_sumy() -> None:
    """Our LexRank matrix gives sumy's LexRank ratings (its thresholded idf-cosine graph)."""
    document, sentences = sumy_document()
    summarizer = LexRankSummarizer(stemmer("en"))
    summarizer.stop_words = stop_words("en")
    ratings: dict[int, float] = {}

    def keep_all(infos: list[object]) -> list[object]:
        ratings.update((info.order, float(info.rating)) for info in infos)  # type: ignore[attr-defined]
        return infos

    summarizer(document, keep_all)
    ours = lexrank(our_terms())
    assert ours == pytest.approx([ratings[i] for i in range(len(sentences))], rel=1e-9, nan_ok=True)
    assert len(set(ours)) > 2  # the graph has edges: the comparison says something


def test_empty_input_has_no_ratings() -> None:
    """No sentences, no ratings (and no numpy error)."""
    assert lexrank([]) == []
    assert textrank([]) == []
