"""Quotes: the direct quotations worth a card, with their speakers resolved to full names.

find_quotes(text, limit) -> key quotes, most important first
is_quote_only(sentence, quotes) -> whether a sentence only repeats one of them
"""

from bot.pipeline.quotes.choose import find_quotes, is_quote_only

__all__ = ["find_quotes", "is_quote_only"]
