"""Per-chat preferences: what a card looks like and when the bot posts one unasked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import get_args

from bot.languages import CODES
from bot.models import Length, Options

LENGTHS: tuple[Length, ...] = get_args(Length)
LANGUAGES = ("", *CODES)  # "" = detect
MIN_WORDS_STEPS = (0, 150, 300, 600)  # auto mode's "min article length" choices, in words


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """One chat's settings; the defaults are what a chat gets before anyone changes them."""

    length: Length = "medium"
    quotes: bool = True
    auto: bool = True
    language: str = ""
    min_words: int = 0
    skip_domains: tuple[str, ...] = ()

    def options(self) -> Options:
        """The pipeline options these settings ask for."""
        return Options(length=self.length, quotes=self.quotes, language=self.language or None)

    def changed(self, key: str, value: str) -> ChatSettings:
        """A copy with one setting changed from a button value; ValueError for unknown ones."""
        for length in LENGTHS:
            if key == "len" and value == length:
                return replace(self, length=length)
        if key == "q" and value in {"0", "1"}:
            return replace(self, quotes=value == "1")
        if key == "auto" and value in {"0", "1"}:
            return replace(self, auto=value == "1")
        if key == "lang" and value in LANGUAGES:
            return replace(self, language=value)
        if key == "min" and value.isdigit() and int(value) in MIN_WORDS_STEPS:
            return replace(self, min_words=int(value))
        raise ValueError(f"bad setting {key}={value}")

    def with_domains(self, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()) -> ChatSettings:
        """A copy with domains added to / removed from the auto-mode skip list."""
        kept = [d for d in self.skip_domains if d not in remove]
        kept += [d for d in add if d not in kept]
        return replace(self, skip_domains=tuple(kept))
