"""Tests for tests/quality/scoring.py: each data set's README rule on small hand-made cases."""

from __future__ import annotations

import pytest

from tests.quality.scoring import (
    Score,
    full_name_given,
    headline_right,
    is_article_text,
    keeps_site_suffix,
    match_quotes,
    quote_overlap,
    rouge,
    score_pages,
    shingles,
    snippet_share,
    speaker_right,
    wcxb_score,
    word_f1,
)


def test_shingles_of_short_and_empty_texts() -> None:
    """1-3 words make one shingle; an empty text has none; longer texts slide a 4-word window."""
    assert shingles("one two") == {("one", "two"): 1}
    assert not shingles("  ,. ")
    assert sum(shingles("a b c d e").values()) == 2


def test_page_score_counts_hits_false_positives_and_misses() -> None:
    """Extra words cost precision, missing ones recall; an empty extraction has no precision."""
    score = Score.of("a b c d e menu", "a b c d e f")
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert Score.of("", "a b c d").precision is None


def test_score_pages_leaves_empty_extractions_out_of_precision() -> None:
    """Set precision averages non-empty pages only; recall counts every page; F1 of the means."""
    result = score_pages([("a b c d", "a b c d"), ("", "e f g h")])
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.f1 == pytest.approx(2 / 3)
    assert result.accuracy == 0.5


def test_wcxb_score_is_a_bag_of_lower_cased_words_with_its_empty_rules() -> None:
    """Order and case do not matter; empty truth scores 1 only for an empty extraction."""
    assert wcxb_score("World hello", "hello world") == (1.0, 1.0, 1.0)
    p, r, f = wcxb_score("hello world menu home", "hello world")
    assert (p, r) == (0.5, 1.0)
    assert f == pytest.approx(2 / 3)
    assert wcxb_score("", "") == (1.0, 1.0, 1.0)
    assert wcxb_score("text", "") == (0.0, 0.0, 0.0)
    assert wcxb_score("", "text") == (0.0, 0.0, 0.0)


def test_snippet_share_is_case_insensitive_and_none_without_snippets() -> None:
    """Half the snippets found gives 0.5; a page without snippets has no share."""
    assert snippet_share("The Cookie Banner text", ["cookie banner", "sign up"]) == 0.5
    assert snippet_share("anything", []) is None


def test_headline_right_at_word_f1_of_point_eight() -> None:
    """A site suffix of two words on a six-word title still counts; the site name alone does not."""
    title = "Storm closes six schools in town"
    assert word_f1("Storm closes six schools in town - Daily News", title) == pytest.approx(12 / 14)
    assert headline_right("Storm closes six schools in town - Daily News", [title])
    assert not headline_right("Daily News", [title])
    assert not headline_right(None, [title])


def test_site_suffix_is_an_edge_part_not_in_the_title() -> None:
    """'… - 9to5Mac' and 'Site | …' keep a suffix; a dash inside the title does not."""
    title = "Apple ships the new iPhone"
    assert keeps_site_suffix("Apple ships the new iPhone - 9to5Mac", title)
    assert keeps_site_suffix("9to5Mac | Apple ships the new iPhone", title)
    assert not keeps_site_suffix("Apple ships the new iPhone", title)
    assert not keeps_site_suffix("Mid-term vote - what it means", "Mid-term vote - what it means")


def test_article_text_by_shingles_or_snippets() -> None:
    """A bullet from the body is article text; a caption or a must-not snippet is not."""
    body = "The council voted to rebuild the old bridge. Work starts in May next year."
    assert is_article_text("The council voted to rebuild the old bridge.", body)
    assert not is_article_text("Photo: the old bridge at dusk, by Jane Roe.", body)
    assert not is_article_text("Work starts in May next year.", body, ["starts in May"])
    assert is_article_text("Work starts", body)


def test_rouge_uses_stemming_and_the_unicode_tokenizer() -> None:
    """English stems ('votes' = 'voted'); Russian words are not dropped as rouge-score's default does."""
    r1, r2, _ = rouge("the council votes", "the council voted")
    assert r1 == 1.0
    assert r2 == 1.0
    assert rouge("совет проголосовал", "совет проголосовал", "ru")[0] == 1.0
    assert rouge("совет проголосовал", "мэр уехал", "ru")[0] == 0.0


def test_quote_overlap_is_shared_words_over_the_longer() -> None:
    """Half the longer quote's words in order make 0.5."""
    assert quote_overlap("we will rebuild it", "We will rebuild it, all of it, soon") == 0.5
    assert quote_overlap("", "words") == 0.0


def test_match_quotes_is_one_to_one_at_half_overlap() -> None:
    """Two predictions of one region match once; a 40% overlap does not match."""
    gold = ["we will rebuild the bridge by May", "nobody expected this"]
    predicted = ["we will rebuild the bridge by May", "We will rebuild the bridge", "only this"]
    assert match_quotes(predicted, gold) == {0: 0}
    assert match_quotes(["rebuild the bridge"], gold) == {}


def test_speaker_right_by_surname_without_first_name_conflict() -> None:
    """Surname decides; 'Bill' for 'Hillary Clinton' is wrong; a suffix is skipped; None is wrong."""
    assert speaker_right("Clinton", "clinton", "Hillary Clinton")
    assert speaker_right("Hillary Rodham Clinton", "clinton", "Hillary Clinton")
    assert not speaker_right("Bill Clinton", "clinton", "Hillary Clinton")
    assert speaker_right("Martin Luther King Jr.", "king", "Martin Luther King")
    assert not speaker_right(None, "clinton", "Hillary Clinton")
    assert not speaker_right("JAMA Psychiatry", "clinton", "Hillary Clinton")
    assert speaker_right("Carlos Lopez-Cantera", "lopez-cantera", "Carlos Lopez-Cantera")
    assert speaker_right("Brett O’Donnell", "o'donnell", "Brett O'Donnell")
    assert not speaker_right("Cantera", "lopez-cantera", "Carlos Lopez-Cantera")
    # a gold name that kept its titles: its first name is among its words
    assert speaker_right("Bernie Sanders", "sanders", "Vermont Sen. Bernie Sanders")
    assert not speaker_right("Jane Sanders", "sanders", "Vermont Sen. Bernie Sanders")
    assert speaker_right("Bernie Sanders", "sanders", "B. Sanders")
    assert speaker_right("B. Sanders", "sanders", "Bernie Sanders")
    assert not speaker_right("Bill Sanders", "sanders", "Bernie Sanders")


def test_full_name_given_needs_the_first_name_of_a_two_word_name() -> None:
    """'Noem' for 'Kristi Noem' is not the full name; one-word gold names do not count."""
    assert full_name_given("Kristi Noem", "Kristi Noem") is True
    assert full_name_given("Noem", "Kristi Noem") is False
    assert full_name_given("Madonna", "Madonna") is None
    assert full_name_given("a New Hampshire Republican", "New Hampshire Republican") is True
    assert full_name_given("Bernie Sanders", "B. Sanders") is True
    assert full_name_given("Jane Sanders", "B. Sanders") is False
    assert full_name_given("Hillary Clinton", "Bill Clinton") is False
    assert full_name_given("Tim Waters", "Steelworkers Political Director Tim Waters") is True
