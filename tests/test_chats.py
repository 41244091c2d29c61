"""Per-chat settings and their button values."""

from __future__ import annotations

import pytest

from bot.chats import ChatSettings


def test_chat_settings_changes() -> None:
    """Button values change exactly one setting; unknown ones are refused."""
    s = ChatSettings().changed("len", "short").changed("auto", "0").changed("min", "300")
    assert (s.length, s.auto, s.min_words) == ("short", False, 300)
    assert s.options().length == "short"
    with pytest.raises(ValueError, match="bad setting"):
        s.changed("len", "huge")
    assert s.with_domains(add=("a.com", "b.com")).with_domains(remove=("a.com",)).skip_domains == (
        "b.com",
    )
