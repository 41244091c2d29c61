"""Keywords: frequent content stems shown as their most frequent spelling."""

from __future__ import annotations

from bot.models import Article
from bot.pipeline.text import stemmer as stemmer_for
from bot.pipeline.text import stop_words as stop_words_for
from tests.factories import keywords_of

ENGLISH = Article(
    title="Rooney injures knee in Everton defeat",
    paragraphs=(
        "Wayne Rooney suffered a knee injury during the defeat by Everton on Sunday. "
        "Rooney was replaced late in the game and the injury will be assessed on Monday.",
        "The manager said it was too early to know how serious the injury is. "
        "Everton won the game comfortably and Rooney left the ground limping.",
    ),
)


def test_top_keywords_are_the_topic() -> None:
    """The most repeated content words come first, stop words never."""
    assert keywords_of(ENGLISH, "en") == ("Rooney", "injury", "Everton")


def test_limit_is_respected() -> None:
    """`limit` keywords at most."""
    assert len(keywords_of(ENGLISH, "en", limit=5)) == 5
    assert len(keywords_of(ENGLISH, "en", limit=1)) == 1


def test_inflected_forms_share_a_stem() -> None:
    """Russian case forms count as one word, shown as the form used most."""
    article = Article(
        title="Трамвай вернулся",
        paragraphs=(
            "Новый трамвай вышел на линию. Пассажиры хвалят трамвай. "
            "Пассажирам тепло в трамвае, трамваи ходят часто. Линия идёт к вокзалу.",
        ),
    )
    assert keywords_of(article, "ru")[0] == "трамвай"


def test_words_only_in_the_title_are_not_keywords() -> None:
    """A headline verb the body never uses is not a keyword."""
    article = Article(title="Council slashes budget", paragraphs=("The budget was cut.",))
    assert "slashes" not in keywords_of(article, "en")
    assert keywords_of(article, "en")[0] == "budget"


def test_empty_article_has_no_keywords() -> None:
    """Nothing to count, nothing returned."""
    assert keywords_of(Article(title=None, paragraphs=("",)), "en") == ()


def test_every_supported_language_has_stop_words_and_a_stemmer() -> None:
    """Stop words and stemmers come from installed data for all six languages."""
    for language in ("en", "ru", "uk", "de", "fr", "es"):
        assert len(stop_words_for(language)) > 100
        assert stemmer_for(language)("Running") != ""
    assert stemmer_for("uk")("працівниками") == "працівник"
    assert stop_words_for("it") == frozenset()
    assert stemmer_for("it")("Parlamento") == "parlamento"


def test_two_word_names_are_one_keyword() -> None:
    """Words that nearly always stand together ("Hong Kong") make one keyword, not two."""
    from bot.models import Article

    text = (
        "Protests in Hong Kong grew on Monday. Police in Hong Kong closed roads. "
        "Students in Hong Kong occupied a campus, and police surrounded the campus. "
        "The campus siege went on as police waited."
    )
    found = keywords_of(Article(title=None, paragraphs=(text,)), "en", 3)
    assert "Hong Kong" in found
    assert "Hong" not in found
    assert "Kong" not in found
