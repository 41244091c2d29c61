"""One analysed text per article: paragraphs, language, word count, and sentences split once.

Built by the pipeline's core right after extraction or cleaning and handed to every later stage,
so no stage splits or counts the article again. Sentences are split lazily, paragraph by paragraph,
and only as far as a stage asks: a 100,000-word page costs its splitting only where it is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.pipeline.text.language import SAMPLE_CHARS, detect_language
from bot.pipeline.text.sentences import split_sentences
from bot.pipeline.text.words import word_count


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text, the paragraph it is in, its offset there and its number in the text."""

    text: str
    paragraph: int
    start: int
    index: int


class Text:
    """An article's paragraphs with their language and word count; sentences on demand."""

    __slots__ = ("_next_paragraph", "_sentences", "language", "paragraphs", "words")

    def __init__(self, paragraphs: tuple[str, ...], language: str) -> None:
        self.paragraphs = paragraphs
        self.language = language
        self.words = sum(word_count(p) for p in paragraphs)
        self._sentences: list[Sentence] = []
        self._next_paragraph = 0

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence in reading order, each paragraph split the first time it is reached."""
        yield from self._sentences
        emitted = len(self._sentences)
        while self._next_paragraph < len(self.paragraphs):
            self._split(self._next_paragraph)
            self._next_paragraph += 1
            yield from self._sentences[emitted:]
            emitted = len(self._sentences)

    def _split(self, index: int) -> None:
        paragraph = self.paragraphs[index]
        offset = 0
        for piece in split_sentences(paragraph, self.language):
            found = paragraph.find(piece, offset)
            start = found if found >= 0 else offset
            self._sentences.append(Sentence(piece, index, start, len(self._sentences)))
            offset = start + len(piece)


def analyse(paragraphs: tuple[str, ...], hint: str | None = None) -> Text:
    """The analysed text of these paragraphs; `hint` names the language instead of detecting it."""
    return Text(paragraphs, detect_language(_opening(paragraphs), hint=hint))


def _opening(paragraphs: tuple[str, ...]) -> str:
    """The first paragraphs, up to the detector's sample (not the whole of a long read)."""
    taken: list[str] = []
    size = 0
    for paragraph in paragraphs:
        taken.append(paragraph)
        size += len(paragraph) + 2
        if size >= SAMPLE_CHARS:
            break
    return "\n\n".join(taken)
