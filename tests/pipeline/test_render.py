"""The card: Telegram HTML that the Bot API accepts, never over 4096, every article string escaped."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Article, Digest, Quote
from bot.pipeline.render import hashtag, render_html, render_json, render_text
from tests.factories import digest
from tests.fakes.telegram_html import TelegramHtmlError, check


def test_card_has_every_part_in_design_order() -> None:
    """Headline link, meta line, bullets, quote with speaker, reduction footer with hashtags."""
    card = render_html(
        digest(
            summary=("One.", "Two."),
            quotes=(Quote("A quote long enough to matter here.", "Jane Doe"),),
            tags=("bridge", "New York"),
            site="Courier",
            author="Ann",
        )
    )
    check(card)
    assert card.startswith(
        '<b><a href="https://example.com/story">A headline</a></b>\n<i>Courier · Ann'
    )
    assert "• One.\n• Two." in card
    assert "<blockquote>“A quote long enough to matter here.”\n— Jane Doe</blockquote>" in card
    assert card.endswith("#bridge #NewYork")
    assert card.index("• One.") < card.index("<blockquote>") < card.index("Original reduced by")


@pytest.mark.parametrize("marks", [("«", "»"), ("„", "“"), ('"', '"')])
def test_both_cards_keep_the_articles_own_quote_marks(marks: tuple[str, str]) -> None:
    """A Russian «…» or a German „…“ stays as the article wrote it, on the Telegram card and on
    the terminal's plain-text card alike."""
    d = digest(quotes=(Quote("Ein Zitat, lang genug, um zu zählen.", "Jan Roth", marks),))
    opening, closing = marks
    quoted = f"{opening}Ein Zitat, lang genug, um zu zählen.{closing}"
    assert f"<blockquote>{quoted}\n— Jan Roth" in render_html(d)
    assert f"\n{quoted}\n  — Jan Roth" in render_text(d)


def test_article_text_is_escaped() -> None:
    """Angle brackets and ampersands in article text never become markup."""
    card = render_html(
        digest(summary=("<b>x</b> & <script>",), title="A < B & C", url="https://e.com/?a=1&b=<2>")
    )
    check(card)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in card
    assert "A &lt; B &amp; C" in card
    assert 'href="https://e.com/?a=1&amp;b=&lt;2&gt;"' in card


def test_non_http_link_is_not_linked() -> None:
    """A javascript: or file: URL never becomes a link in the card."""
    card = render_html(digest(url="javascript:alert(1)"))
    assert "<a " not in card


def test_huge_digest_is_cut_to_fit() -> None:
    """Thirty long bullets and long quotes still give a valid card within 4096 characters."""
    long = "word " * 300
    card = render_html(digest(summary=(long,) * 30, quotes=(Quote(long, "S"),) * 3, title=long))
    check(card)
    assert len(card) <= 4096
    assert "• word" in card


def test_astral_characters_count_twice() -> None:
    """Emoji count as two UTF-16 units, as Telegram counts them."""
    card = render_html(digest(summary=("😀" * 3000,)))
    assert len(card.encode("utf-16-le")) // 2 <= 4096
    check(card)


def test_many_bullets_fold_into_expandable_block() -> None:
    """Bullets past the fifth go into an expandable quote block."""
    card = render_html(digest(summary=tuple(f"Sentence {i}." for i in range(8))))
    check(card)
    assert "<blockquote expandable>• Sentence 5.\n• Sentence 6.\n• Sentence 7.</blockquote>" in card


@pytest.mark.parametrize(
    ("keyword", "tag"),
    [("bridge", "#bridge"), ("New York", "#NewYork"), ("2026", ""), ("", ""), ("мост", "#мост")],
)
def test_hashtag(keyword: str, tag: str) -> None:
    """Keywords become valid hashtags or nothing."""
    assert hashtag(keyword) == tag


def test_checker_rejects_what_telegram_rejects() -> None:
    """The validator used by these tests is not a rubber stamp."""
    for bad in (
        "<b>x",
        "<div>x</div>",
        "a & b",
        "x <y",
        "<b><i>x</b></i>",
        "&nbsp;",
        "",
        "x" * 4097,
    ):
        with pytest.raises(TelegramHtmlError):
            check(bad)


text_st = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    art = Article(
        title=draw(st.none() | text_st),
        paragraphs=tuple(draw(st.lists(text_st, min_size=1, max_size=5))),
        url=draw(st.none() | st.just("https://example.com/a?b=1&c=2") | text_st),
        author=draw(st.none() | text_st),
        date=draw(st.none() | text_st),
        site=draw(st.none() | text_st),
    )
    return Digest(
        article=art,
        summary=tuple(draw(st.lists(text_st, max_size=40))),
        quotes=tuple(
            Quote(q, s)
            for q, s in draw(st.lists(st.tuples(text_st, st.none() | text_st), max_size=5))
        ),
        language=draw(st.sampled_from(["en", "ru", "xx", ""]) | text_st),
        words=draw(st.integers(min_value=0, max_value=10**6)),
        summary_words=draw(st.integers(min_value=0, max_value=10**6)),
        keywords=tuple(draw(st.lists(text_st, max_size=10))),
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(digests())
def test_any_digest_renders_a_valid_card(d: Digest) -> None:
    """Whatever the article holds, the card is valid Telegram HTML of at most 4096 UTF-16 units."""
    check(render_html(d))


@settings(max_examples=100)
@given(digests())
def test_text_and_json_forms_never_fail(d: Digest) -> None:
    """Plain text and JSON forms accept any digest; JSON round-trips."""
    render_text(d)
    obj = render_json(d, "input")
    assert json.loads(json.dumps(obj, ensure_ascii=False)) == obj


def test_truncated_input_is_noted() -> None:
    """A digest of a cut-off text says so on the card."""
    from dataclasses import replace

    card = render_html(replace(digest(), truncated=True))
    check(card)
    assert "covers its beginning only" in card


@pytest.mark.parametrize("bad", ["\u202e", "\uffff", "\x00", "\u2066", "\x1b", "\x85"])
def test_control_and_bidi_override_characters_never_reach_a_card(bad: str) -> None:
    """Right-to-left overrides, noncharacters, NUL and other controls are stripped from the card,
    its plain-text form included (an override could make a card read as something else)."""
    spoof = digest(
        title=f"Bank{bad} news",
        summary=(f"Pay now at {bad}moc.example{bad} please.", "Two."),
        quotes=(Quote(f"A quote{bad} long enough to matter here.", f"Jane{bad} Doe"),),
        site=f"Cour{bad}ier",
    )
    for card in (render_html(spoof), render_text(spoof)):
        assert bad not in card
        assert "Bank news" in card
    assert "\n" in render_text(spoof)
