"""The stage order: text and pages to digests, caps on pasted text, CPU work in the executor."""

from __future__ import annotations

import pytest

from bot.errors import InputError
from bot.models import Options, TextSource
from bot.pipeline.core import Pipeline, cut_text, digest_text

PARAGRAPH = "The council met on Monday to discuss the new budget for the schools of the city."


def test_cut_text_prefers_paragraph_breaks() -> None:
    """A long text is cut at the last paragraph break before the cap."""
    text = "\n\n".join([PARAGRAPH] * 10)
    cut = cut_text(text, 300)
    assert len(cut) <= 300
    assert cut.endswith("city.")
    assert cut_text("short", 300) == "short"


def test_long_text_is_read_up_to_the_cap_and_marked() -> None:
    """Text past max_chars is not read, and the digest says it was truncated."""
    text = "\n\n".join([PARAGRAPH] * 200)
    digest = digest_text(text, None, Options(), max_chars=2000)
    assert digest.truncated
    assert len(digest.article.text) <= 2000
    assert not digest_text("\n\n".join([PARAGRAPH] * 5), None, Options()).truncated


async def test_pipeline_runs_text_in_executor() -> None:
    """Pipeline.run on a TextSource gives a digest; empty text raises InputError."""
    pipeline = Pipeline.create()
    try:
        digest = await pipeline.run(TextSource("\n\n".join([PARAGRAPH] * 4)), Options(sentences=2))
        assert len(digest.summary) <= 2
        with pytest.raises(InputError):
            await pipeline.run(TextSource("   "))
    finally:
        await pipeline.close()


@pytest.mark.parametrize("text", ["\n".join(["word"] * 100_000), "ok. " * 50_000, "— — —\n" * 1000])
def test_text_without_sentences_is_a_clear_error(text: str) -> None:
    """Inputs with no sentence worth a bullet get a polite ExtractionError, not an empty card."""
    from bot.errors import ExtractionError

    with pytest.raises(ExtractionError) as caught:
        digest_text(text, None, Options())
    assert "sentences" in caught.value.user_message
