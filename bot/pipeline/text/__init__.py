"""The shared text layer: one analysed text per article, and the one definition of words,
sentences, stop words and stems that every stage uses.

    analyse(paragraphs, hint) -> Text     language, word count, sentences split once (lazily)
"""

from bot.pipeline.text.analysis import Sentence, Text, analyse
from bot.pipeline.text.language import detect_language
from bot.pipeline.text.lexicon import any_stop_words, stemmer, stop_words
from bot.pipeline.text.sentences import (
    BOUNDARY,
    CLOSING_MARKS,
    END_MARKS,
    ENDS_SENTENCE,
    Tokenizer,
    closes_unopened_quote,
    split_sentences,
)
from bot.pipeline.text.words import (
    CJK,
    TITLE_SMALL_WORDS,
    TOKEN,
    WORD,
    is_title_case,
    tokens,
    word_count,
)

__all__ = [
    "BOUNDARY",
    "CJK",
    "CLOSING_MARKS",
    "ENDS_SENTENCE",
    "END_MARKS",
    "TITLE_SMALL_WORDS",
    "TOKEN",
    "WORD",
    "Sentence",
    "Text",
    "Tokenizer",
    "analyse",
    "any_stop_words",
    "closes_unopened_quote",
    "detect_language",
    "is_title_case",
    "split_sentences",
    "stemmer",
    "stop_words",
    "tokens",
    "word_count",
]
