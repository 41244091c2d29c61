"""Top keywords: the most frequent content stems, each shown as its most frequent surface word."""

from __future__ import annotations

from collections import Counter

from bot.models import Article
from bot.pipeline.stopwords import stemmer_for, stop_words_for
from bot.pipeline.tokenize import words

# Words shorter than this are rarely a topic ("us", "EU" aside) and are mostly leftover particles.
MIN_KEYWORD_LETTERS = 3
# A title word counts as this many extra mentions: the headline names the topic (a judgment call).
TITLE_BONUS = 2


def keywords(article: Article, language: str, limit: int = 3) -> tuple[str, ...]:
    """The article's top `limit` keywords as surface words, most important first."""
    stem = stemmer_for(language)
    stop = stop_words_for(language)
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    for weight, text in [(TITLE_BONUS, article.title or ""), (1, article.text)]:
        for word in words(text):
            lower = word.lower()
            if len(lower) < MIN_KEYWORD_LETTERS or lower in stop or not lower.isalpha():
                continue
            key = stem(lower)
            counts[key] += weight
            surfaces.setdefault(key, Counter())[word] += 1
            first_seen.setdefault(key, len(first_seen))
    ranked = sorted(counts, key=lambda key: (-counts[key], first_seen[key]))
    return tuple(_surface(surfaces[key]) for key in ranked[:limit])


def _surface(forms: Counter[str]) -> str:
    """The most frequent spelling; lower case when at least half its uses are lower case."""
    word, _ = forms.most_common(1)[0]
    lower = sum(count for form, count in forms.items() if form[:1].islower())
    return word.lower() if lower * 2 >= sum(forms.values()) else word
