"""Top keywords: the most frequent content stems, each shown as its most frequent surface word."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from bot.pipeline.text import Text, stemmer, stop_words, tokens

# Words shorter than this are rarely a topic ("us", "EU" aside) and are mostly leftover particles.
MIN_KEYWORD_LETTERS = 3
# A title word counts as this many extra mentions: the headline names the topic (a judgment call;
# 2 let title-only verbs such as "opened" win on short articles).
TITLE_BONUS = 1
# Two words are one keyword ("Hong Kong", "Supreme Court") when they stand side by side at least
# twice and in at least 70% of the uses of the more frequent one (judgment, checked on dev cards).
PAIR_MIN = 2
PAIR_SHARE = 0.7
# Characters of the article counted (whole paragraphs, the first past the bound included): about
# 16,000 words, longer than any article of the dev sets (so no dev card changes); a long read names
# its topic long before that, and a 100,000-word page costs its keywords once, not six times (a
# speed limit, not tuned).
BUDGET = 100_000


def keywords(text: Text, title: str | None, limit: int = 3) -> tuple[str, ...]:
    """The article's top `limit` keywords as surface words, most important first."""
    body, surfaces, pairs = _count_stems(_opening(text.paragraphs), text.language)
    in_title, _, _ = _count_stems(title or "", text.language)
    # Only words the body uses: a word only the headline has is rarely the topic. Counter keeps
    # first-seen order, so ties go to the word the article mentions first.
    score = {key: count + TITLE_BONUS * (key in in_title) for key, count in body.items()}
    ranked = sorted(score, key=lambda key: -score[key])
    out: list[str] = []
    used: set[str] = set()
    for key in ranked:
        if len(out) == limit:
            break
        if key in used:
            continue
        used.add(key)
        partner = _partner(key, body, pairs, used)
        if partner is None:
            out.append(_surface(surfaces[key]))
        else:  # "Hong" and "Kong" are one keyword, in the order the article writes them
            used.add(partner[1] if partner[0] == key else partner[0])
            out.append(f"{_surface(surfaces[partner[0]])} {_surface(surfaces[partner[1]])}")
    return tuple(out)


def _opening(paragraphs: tuple[str, ...]) -> str:
    """The paragraphs up to BUDGET characters, the one that passes it included."""
    taken: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if size >= BUDGET:
            break
        taken.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(taken)


def _partner(
    key: str, counts: Counter[str], pairs: Counter[tuple[str, str]], used: set[str]
) -> tuple[str, str] | None:
    """The adjacent-word pair `key` forms a name with: most of both words' uses are side by side."""
    for pair, together in pairs.most_common():
        if together < PAIR_MIN or key not in pair or pair[0] == pair[1]:
            continue
        other = pair[1] if pair[0] == key else pair[0]
        if other not in used and together >= PAIR_SHARE * max(counts[key], counts[other]):
            return pair
    return None


def _count_stems(
    text: str, language: str
) -> tuple[Counter[str], dict[str, Counter[str]], Counter[tuple[str, str]]]:
    """Content-word stems of `text` with their counts, each stem's spellings, and how often two
    content stems stand side by side (no word between them). Counted by `Counter` over whole
    sequences (its C loop, first-seen order kept), not word by word."""
    stem = stemmer(language)
    stop = stop_words(language)
    words = tokens(text)
    keys = [
        stem(lower)
        if len(lower) >= MIN_KEYWORD_LETTERS and lower not in stop and lower.isalpha()
        else None
        for lower in map(str.lower, words)
    ]
    counts = Counter(filter(None, keys))
    surfaces: dict[str, Counter[str]] = {}
    for (key, word), seen in Counter(zip(keys, words, strict=True)).items():
        if key is not None:
            surfaces.setdefault(key, Counter())[word] = seen
    pairs = Counter((a, b) for a, b in pairwise(keys) if a is not None and b is not None)
    return counts, surfaces, pairs


def _surface(forms: Counter[str]) -> str:
    """The most frequent spelling; lower case when at least half its uses are lower case."""
    word, _ = forms.most_common(1)[0]
    lower = sum(count for form, count in forms.items() if form[:1].islower())
    return word.lower() if lower * 2 >= sum(forms.values()) else word
