"""Groups: /tldr and mentions always work; auto mode is on by default and admins narrow it."""

from __future__ import annotations

from typing import Any

from bot.app import App
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import BOT_USERNAME, FakeBotAPI, Sent

GROUP = -1005001
ADMIN, MEMBER = 7, 8


def _group(api: FakeBotAPI) -> dict[str, Any]:
    api.admins[GROUP] = {ADMIN}
    return api.chat(GROUP, "supergroup")


async def _reply(api: FakeBotAPI, message: dict[str, Any]) -> Sent:
    await api.wait_for(lambda: api.replies_to(GROUP, message["message_id"]))
    [reply] = api.replies_to(GROUP, message["message_id"])
    return reply


async def _set(api: FakeBotAPI, bot: App, data: str, user: int = ADMIN) -> Sent:
    """Open /settings and press the button with `data` as `user`; returns the menu."""
    menu = await _reply(api, api.send_text(_group(api), "/settings", user_id=ADMIN))
    assert data in [b["callback_data"] for b in menu.buttons]
    api.click(menu, data, user)
    await until_finished(bot, api.last_update_id)
    return menu


async def test_auto_mode_card_for_link(api: FakeBotAPI, pages: ArticleServer, bot: App) -> None:
    """In auto mode (the default) a member's link gets a threaded card without a preview."""
    message = api.send_text(_group(api), f"news {pages.url('g1')}", user_id=MEMBER)
    card = await _reply(api, message)
    assert card.params["link_preview_options"] == {"is_disabled": True}
    assert "Harbour" in card.text


async def test_repeat_points_to_earlier_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """The same article again (tracking params, fragment) gets a t.me/c link to the first card."""
    group = _group(api)
    first = await _reply(api, api.send_text(group, pages.url("same"), user_id=MEMBER))
    again = api.send_text(group, pages.url("same") + "?utm_source=x&fbclid=y#top", user_id=ADMIN)
    note = await _reply(api, again)
    assert f"https://t.me/c/5001/{first.message_id}" in note.text
    assert pages.hits == {"same": 1}


async def test_admin_turns_auto_off(api: FakeBotAPI, pages: ArticleServer, bot: App) -> None:
    """With auto mode off (by an admin) links get no card; /tldr alone takes the last one."""
    menu = await _set(api, bot, "s:auto:0")
    assert "Auto mode: off" in menu.text
    group = _group(api)
    quiet = api.send_text(group, pages.url("quiet"), user_id=MEMBER)
    await until_finished(bot, api.last_update_id)
    assert api.replies_to(GROUP, quiet["message_id"]) == []
    assert pages.hits == {}
    card = await _reply(api, api.send_text(group, "/tldr", user_id=MEMBER))
    assert pages.hits == {"quiet": 1}
    assert "Harbour" in card.text


async def test_member_cannot_change_settings(api: FakeBotAPI, bot: App) -> None:
    """A non-admin's button press is refused with an alert and changes nothing."""
    menu = await _set(api, bot, "s:auto:0", user=MEMBER)
    alert = api.calls_of("answerCallbackQuery")[-1]
    assert alert["show_alert"] is True
    assert "admins" in alert["text"]
    assert menu.edits == []
    assert api.calls_of("getChatMember")[-1]["user_id"] == MEMBER


async def test_tldr_with_url_reply_and_mention(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """/tldr URL, /tldr as a reply, and an @mention each summarize their link (auto mode off)."""
    await _set(api, bot, "s:auto:0")
    group = _group(api)
    await _reply(api, api.send_text(group, f"/tldr {pages.url('cmd')}", user_id=MEMBER))
    original = api.message(group, pages.url("replied"), user_id=ADMIN)
    await _reply(api, api.send_text(group, "/tldr", user_id=MEMBER, reply_to_message=original))
    await _reply(
        api, api.send_text(group, f"@{BOT_USERNAME} {pages.url('mention')}", user_id=MEMBER)
    )
    assert pages.hits == {"cmd": 1, "replied": 1, "mention": 1}


async def test_skip_domain_and_minimum_length(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """Auto mode skips listed domains and articles under the minimum; /tldr still answers."""
    group = _group(api)
    await _reply(api, api.send_text(group, "/settings skip 127.0.0.1", user_id=ADMIN))
    api.send_text(group, pages.url("skipped"), user_id=MEMBER)
    await until_finished(bot, api.last_update_id)
    assert pages.hits == {}
    await _reply(api, api.send_text(group, "/settings unskip 127.0.0.1", user_id=ADMIN))
    for step in ("150", "300", "600"):  # the minimum-length button cycles through its steps
        await _set(api, bot, f"s:min:{step}")
    api.send_text(group, pages.url("short"), user_id=MEMBER)  # 585 words < 600
    await until_finished(bot, api.last_update_id)
    assert pages.hits == {"short": 1}
    assert len(api.sent) == 5  # two /settings skip answers and three menus; no card
    await _reply(api, api.send_text(group, f"/tldr {pages.url('asked')}", user_id=MEMBER))


async def test_member_cannot_skip_domains(api: FakeBotAPI, bot: App) -> None:
    """`/settings skip` from a non-admin is refused and the list stays empty."""
    reply = await _reply(
        api, api.send_text(_group(api), "/settings skip example.com", user_id=MEMBER)
    )
    assert "Only admins" in reply.text
    assert (await bot.bot_data.service.store.chat_settings(GROUP)).skip_domains == ()


async def test_help_explains_the_opt_in_and_commands_are_published(
    api: FakeBotAPI, bot: App
) -> None:
    """/help tells groups how they opt in (admin or privacy mode off); start-up publishes commands."""
    reply = await _reply(api, api.send_text(_group(api), "/help", user_id=MEMBER))
    assert "privacy mode" in reply.text
    published = {call.get("language_code"): call for call in api.calls_of("setMyCommands")}
    assert set(published) == {None, "ru", "uk", "de", "fr", "es"}  # English is everyone's default
    for call in published.values():
        assert [c["command"] for c in call["commands"]] == [
            "start",
            "help",
            "tldr",
            "settings",
            "feed",
        ]
