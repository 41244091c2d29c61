"""/start, /help and /tldr."""

from __future__ import annotations

from telegram import Message, Update

from bot.models import Source, UrlSource
from bot.storage import Store
from handlers import sources
from handlers.context import Context
from handlers.replies import answer, reply_text, request_for

START = (
    "Hi! I turn articles into short cards: the headline, key quotes with who said them, "
    "and a few sentences that carry the story.\n\n"
    "Send me a link, forward a post, paste an article's text or send a .txt/.html file. "
    "/help has more."
)
HELP = (
    "<b>What I do</b>\n"
    "• Private chat: every link, forwarded post, long text (60+ words) or .txt/.html file "
    "gets a card.\n"
    "• Groups: <code>/tldr</code> with a link, as a reply to a message, or alone (the last "
    "link seen here); mentioning me works the same. In <i>auto mode</i> I answer every "
    "article link and long forward by myself. I only see ordinary group messages when I'm an "
    "admin or my privacy mode is off; that is how a group opts in. Each link gets one card "
    "per day; repeats point to it.\n"
    "• Channels: make me an admin and I reply to each post with a link with a silent card.\n\n"
    "/settings: summary length, quotes, auto mode, language, minimum article length and "
    "domains to skip (admins only in groups and channels)."
)
NOTHING = "Send /tldr with a link, or reply /tldr to a message with a link or an article's text."


async def start(update: Update, context: Context) -> None:
    """Greet and say what to send."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    await reply_text(context, request_for(update, message, explicit=True), 0, START)


async def help_command(update: Update, context: Context) -> None:
    """Explain where the bot works and how groups opt in."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    await reply_text(context, request_for(update, message, explicit=True), 0, HELP)


async def tldr(update: Update, context: Context) -> None:
    """Summarize the link given, the message replied to, or the last link seen in the chat."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    asked = await tldr_sources(context.service.store, message, context.args or [])
    request = request_for(update, message, explicit=True)
    if not asked:
        await reply_text(context, request, 0, NOTHING)
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
