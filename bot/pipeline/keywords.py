"""Top keywords: the most frequent content stems, each shown as its most frequent surface word."""

from __future__ import annotations

from collections import Counter

from bot.models import Article
from bot.pipeline.stopwords import stemmer_for, stop_words_for
from bot.pipeline.tokenize import words

# Words shorter than this are rarely a topic ("us", "EU" aside) and are mostly leftover particles.
MIN_KEYWORD_LETTERS = 3
# A title word counts as this many extra mentions: the headline names the topic (a judgment call;
# 2 let title-only verbs such as "opened" win on short articles).
TITLE_BONUS = 1


def keywords(article: Article, language: str, limit: int = 3) -> tuple[str, ...]:
    """The article's top `limit` keywords as surface words, most important first."""
    body, surfaces = _count_stems(article.text, language)
    title, _ = _count_stems(article.title or "", language)
    # Only words the body uses: a word only the headline has is rarely the topic. Counter keeps
    # first-seen order, so ties go to the word the article mentions first.
    score = {key: count + TITLE_BONUS * (key in title) for key, count in body.items()}
    ranked = sorted(score, key=lambda key: -score[key])
    return tuple(_surface(surfaces[key]) for key in ranked[:limit])


def _count_stems(text: str, language: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Content-word stems of `text` with their counts, and each stem's spellings."""
    stem = stemmer_for(language)
    stop = stop_words_for(language)
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for word in words(text):
        lower = word.lower()
        if len(lower) < MIN_KEYWORD_LETTERS or lower in stop or not lower.isalpha():
            continue
        key = stem(lower)
        counts[key] += 1
        surfaces.setdefault(key, Counter())[word] += 1
    return counts, surfaces


def _surface(forms: Counter[str]) -> str:
    """The most frequent spelling; lower case when at least half its uses are lower case."""
    word, _ = forms.most_common(1)[0]
    lower = sum(count for form, count in forms.items() if form[:1].islower())
    return word.lower() if lower * 2 >= sum(forms.values()) else word
