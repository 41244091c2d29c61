"""Rules for page furniture that reads like prose, applied after the line classifier.

Donation and newsletter appeals ("Dear readers, ... please support us"), photo captions with a
credit, and reader comments are written like the article, so a line-by-line model keeps them. They
are recognised here over a whole block (the lines between two blank lines) or by their tells.
"""

from __future__ import annotations

import re

from bot.pipeline import lines as ln

MAX_BLOCK = 8  # lines; appeal boxes and banners are short (the reference banner has 5)
# Asking the reader for money or a sign-up.
_ASK = re.compile(
    r"\b(?:support\w*|donat\w*|contribut\w*|subscri\w*|sign\s+up|newsletter|ad-free|paywall|"
    r"поддерж\w*|пожертвова\w*|донат\w*|подпис\w*|рассылк\w*)\b",
    re.IGNORECASE,
)
# Addressing the reader or speaking as the publisher.
_READER = re.compile(
    r"\b(?:you|your|us|our|we|вы|вас|вам|ваш\w*|нас|нам|наш\w*|мы)\b|^(?:dear|уважаем|дорог)",
    re.IGNORECASE,
)
# A photo caption's credit: "Photo: Name", "(Name/AP)", "Getty Images", "Фото: ...".
CAPTION = re.compile(
    r"\b(?:photo|photograph|image|picture|illustration|credit|фото|иллюстрация|изображение)\s*:"
    r"|\((?:[^()]*/)?(?:ap|afp|reuters|epa|getty images|tass|ria novosti|ap photo)\)\s*$"
    r"|\bgetty images\b|\bshutterstock\b|^(?:photo|фото)\s+(?:by|from)\b",
    re.IGNORECASE,
)
# "7. MortimerInMiami says:", "Ivan Petrov пишет:" — a commenter's name line.
_SAYS = re.compile(
    r"^.{1,60}\b(?:says|said|wrote|пишет|написал\w*|schreibt|dit|dice)\s*:\s*$", re.I
)
_COMMENTS_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|комментари\w*|обсуждение)\b", re.I
)


# What follows an article: a comment form and its legal text, the author's bio, the publisher's
# "About" paragraph, a heading over related stories. Generic tells, none taken from a single page,
# though written after seeing dev pages end in such furniture (the CJK "related articles" headings
# after a Japanese one).
TAIL = re.compile(
    r"\b(?:leave a (?:reply|comment)|your email address will not be published|required fields|"
    r"save my name|by submitting this form|post (?:a )?comment|"
    r"(?:is|was) an? (?:\w+ )?(?:reporter|writer|journalist|editor|correspondent|columnist)\b|"
    r"has (?:written|reported) for|has been (?:reporting|writing|covering)|"
    r"joined [\w ]{2,40} in (?:19|20)\d\d|follow (?:him|her|them) on|"
    r"is headquartered in|forward-looking statements|media contacts?\b|"
    r"оставить комментарий|ваш e-?mail не будет опубликован|обязательные поля)|"
    r"^(?:about (?:the )?(?:author|us|[A-Z]\w+)$|more (?:from|stories|articles|on)\b|"
    r"related (?:content|stories|articles|posts|coverage)|you (?:may|might) also like|"
    r"elsewhere on\b|recommended(?: for you)?$|читайте также|похожие (?:статьи|новости)|"
    r"関連記事|関連する記事|おすすめ記事|관련\s?기사|相关文章|相關文章|相关阅读)",
    re.IGNORECASE,
)


def is_tail(text: str) -> bool:
    """Whether the line is a tell of what follows an article (comment form, bio, About, related)."""
    return bool(TAIL.search(text))


_QUOTES = '"“«„'


def is_appeal(text: str) -> bool:
    """Whether one line asks the reader for support or a sign-up (or opens such an appeal)."""
    if ln.APPEAL_HEAD.search(text):
        return True
    if text[:1] in _QUOTES:  # someone quoted in the article ("We should be supporting ...")
        return False
    return bool(_ASK.search(text)) and bool(_READER.search(text))


def blocks(lines: list[ln.Line]) -> list[tuple[int, int]]:
    """[start, end) of each run of lines with no blank line between them."""
    spans, start = [], 0
    for i, line in enumerate(lines):
        if line.blank_after or i == len(lines) - 1:
            spans.append((start, i + 1))
            start = i + 1
    return spans


def appeal_lines(lines: list[ln.Line]) -> set[int]:
    """Lines of blocks that make an appeal: an appeal heading opens the block, or the block asks
    at least twice and addresses the reader. A long block (a page without blank lines) is judged
    line by line."""
    found: set[int] = set()
    for start, end in blocks(lines):
        if end - start > MAX_BLOCK:
            found.update(i for i in range(start, end) if _in_appeal_window(lines, i, start, end))
            continue
        text = " ".join(line.text for line in lines[start:end])
        asks = len(_ASK.findall(text))
        if ln.APPEAL_HEAD.search(lines[start].text) or (asks >= 2 and _READER.search(text)):
            found.update(range(start, end))
        else:
            found.update(i for i in range(start, end) if is_appeal(lines[i].text))
    return found


def _in_appeal_window(lines: list[ln.Line], i: int, start: int, end: int) -> bool:
    """For text without blank lines: line i asks or addresses the reader, and the lines around it
    (two each side) ask at least twice and address the reader."""
    text = lines[i].text
    if is_appeal(text):
        return True
    if not (_ASK.search(text) or _READER.search(text)):
        return False
    window = " ".join(line.text for line in lines[max(start, i - 2) : min(end, i + 3)])
    return len(_ASK.findall(window)) >= 2 and bool(_READER.search(window))


def comments_start(lines: list[ln.Line]) -> int:
    """Index where a reader-comment section begins (two or more "Name says:" lines from there on),
    or len(lines)."""
    tells = [i for i, line in enumerate(lines) if _SAYS.search(line.text)]
    if len(tells) < 2:
        return len(lines)
    first = tells[0]
    for i in range(first - 1, max(-1, first - 6), -1):
        if _COMMENTS_HEAD.search(lines[i].text):
            return i
    return first


def trim(kept: list[int], lines: list[ln.Line]) -> list[int]:
    """The kept run without captions, without appeal lines at its ends, and cut at an appeal
    heading ("A Message from ...", "Dear readers") or a tail tell (TAIL: comment form, author bio,
    About, related stories) inside its span (kept or not) once at least half of its words came
    before."""
    kept = [i for i in kept if not CAPTION.search(lines[i].text)]
    if not kept:
        return kept
    total = sum(ln.effective_words(lines[i].text) for i in kept)
    seen = 0.0
    position = {i: k for k, i in enumerate(kept)}
    for j in range(kept[0], kept[-1] + 1):
        heading = ln.APPEAL_HEAD.search(lines[j].text) or TAIL.search(lines[j].text)
        if j > kept[0] and heading and seen >= total / 2:
            kept = [i for i in kept if i < j]
            break
        if j in position:
            seen += ln.effective_words(lines[j].text)
    appeals = appeal_lines(lines)
    lo, hi = 0, len(kept)
    while hi > lo + 1 and kept[hi - 1] in appeals:
        hi -= 1
    while lo < hi - 1 and kept[lo] in appeals:
        lo += 1
    return kept[lo:hi]


# A list item: a short line starting with a number or a date ("June 9 -- Arena, City", "3. Step").
_NUMBERED = re.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.IGNORECASE
)
LIST_ITEM_WORDS = 20  # list items are short; set by hand
LIST_MIN_ITEMS = 3  # fewer numbered lines after a colon are no list; set by hand


def extend_list(kept: list[int], lines: list[ln.Line]) -> list[int]:
    """The run plus a numbered list the article introduces with a colon at its end ("The tour
    dates:"): a line classifier drops such lists, the items being short and furniture-shaped."""
    end = kept[-1]
    start = end + 1
    if not lines[end].text.endswith(":"):
        intro = start < len(lines) and lines[start].text.endswith(":")
        if not intro or ln.effective_words(lines[start].text) < 3:
            return kept
        start += 1
    stop = start
    while (
        stop < len(lines)
        and ln.effective_words(lines[stop].text) <= LIST_ITEM_WORDS
        and _NUMBERED.search(lines[stop].text)
        and not ln.URLISH.search(lines[stop].text)
    ):
        stop += 1
    if stop - start < LIST_MIN_ITEMS:
        return kept
    return [*kept, *range(end + 1, stop)]
