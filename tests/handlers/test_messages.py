"""Private-chat and group messages through the application: what each kind of message gets."""

from __future__ import annotations

from bot.app import App
from tests.fakes.pages import PageServer
from tests.fakes.recording import RecordingRequest
from tests.handlers.conftest import GROUP, MakeUpdate, url_entity
from tests.pipeline.test_extract import listing_page

ARTICLE = " ".join(
    f"The harbour council met on day {i} and agreed to rebuild the old ferry pier this year."
    for i in range(12)
)
PAGE = f"<html><head><title>Pier plan</title></head><body><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"


async def test_a_link_in_private_gets_a_card_threaded_to_it(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate, page_server: PageServer
) -> None:
    """A private message with a link is answered with the card, as a reply to that message."""
    application, request = app
    url = page_server.page("/pier", PAGE)
    update = message_update(f"read this {url}", entities=[url_entity(f"read this {url}", url)])
    await application.process_update(update)
    [card] = request.sent()
    assert card["text"].startswith(f'<b><a href="{url}">Pier plan</a></b>')
    assert card["reply_parameters"]["message_id"] == update.message.message_id  # type: ignore[union-attr]


async def test_short_text_in_private_gets_the_hint(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate
) -> None:
    """A few words that are no article get the hint, not a card or an error."""
    application, request = app
    await application.process_update(message_update("hello there"))
    [hint] = request.sent()
    assert "60" in hint["text"]


async def test_pasted_article_in_private_gets_a_card(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate
) -> None:
    """A long pasted text (60+ words) is summarized as an article."""
    application, request = app
    await application.process_update(message_update(f"Pier plan approved\n\n{ARTICLE}"))
    [card] = request.sent()
    assert card["text"].startswith("<b>Pier plan approved</b>")
    assert "•" in card["text"]


async def test_plain_group_chatter_gets_nothing(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate
) -> None:
    """In a group, members' own long text is not summarized unasked (auto mode takes links)."""
    application, request = app
    await application.process_update(message_update(ARTICLE, chat_id=GROUP))
    assert request.sent() == []


async def test_help_states_the_privacy_mode_limit_of_tldr_alone(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate
) -> None:
    """/help says that /tldr alone finds no "last link" in a privacy-mode group, and what works."""
    application, request = app
    await application.process_update(message_update("/help"))
    [help_text] = request.sent()
    assert "privacy mode is on, I see none" in help_text["text"]
    assert "reply <code>/tldr</code> to the message" in help_text["text"]


async def test_a_list_of_links_gets_an_honest_answer_without_retry(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate, page_server: PageServer
) -> None:
    """A link to a page that is a list of links, not an article, is answered so in one reply,
    with no Retry button (the same page would be refused again)."""
    application, request = app
    url = page_server.page("/latest", listing_page())
    update = message_update(url, entities=[url_entity(url, url)])
    await application.process_update(update)
    [note] = request.sent()
    assert "list of links, not an article" in note["text"]
    assert "reply_markup" not in note
