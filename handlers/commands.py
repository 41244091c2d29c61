"""/start, /help and /tldr."""

from __future__ import annotations

from telegram import Message, Update

from bot.i18n import messages as msg
from bot.models import Source, UrlSource
from bot.storage import Store
from handlers import sources
from handlers.context import Context
from handlers.language import reader_of
from handlers.replies import answer, reply_text, request_for


async def start(update: Update, context: Context) -> None:
    """Greet and say what to send."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    text = (await reader_of(context, update)).gettext(msg.START)
    await reply_text(context, request_for(update, message, explicit=True), 0, text)


async def help_command(update: Update, context: Context) -> None:
    """Explain where the bot works and how groups opt in."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    labels = await reader_of(context, update)
    text = "\n\n".join(labels.gettext(m) for m in (msg.HELP, msg.HELP_FEEDS, msg.HELP_PRIVACY))
    await reply_text(context, request_for(update, message, explicit=True), 0, text)


async def tldr(update: Update, context: Context) -> None:
    """Summarize the link given, the message replied to, or the last link seen in the chat."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    asked = await tldr_sources(context.service.store, message, context.args or [])
    request = request_for(update, message, explicit=True)
    if not asked:
        nothing = (await reader_of(context, update)).gettext(msg.NOTHING)
        await reply_text(context, request, 0, nothing)
        return
    await answer(context, request, asked)


async def tldr_sources(store: Store, message: Message, args: list[str]) -> list[Source]:
    """Links in the message itself, else what it replies to, else the chat's last link."""
    own = sources.links(message) or ([url] if (url := sources.command_url(args)) else [])
    if own:
        return [UrlSource(u) for u in own]
    if message.reply_to_message is not None:
        replied = sources.message_sources(message.reply_to_message)
        if replied:
            return replied
    last = await store.last_link(message.chat.id)
    return [UrlSource(last)] if last else []
