"""The Telegram adapter. `register(app)` is the one routing table, in priority order."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.i18n import messages as msg
from handlers.channels import channel_post
from handlers.commands import help_command, start, tldr
from handlers.edits import edited_channel_post, edited_message
from handlers.errors import on_error
from handlers.feeds import feed_command
from handlers.guests import guest_message
from handlers.inline import inline_query
from handlers.journal import mark_finished, skip_finished
from handlers.messages import group_message, private_document, private_message
from handlers.retry import retry
from handlers.settings import settings_button, settings_command

COMMANDS = {  # the command menu; bot.app publishes it in every language of the catalogue
    "start": msg.COMMAND_START,
    "help": msg.COMMAND_HELP,
    "tldr": msg.COMMAND_TLDR,
    "settings": msg.COMMAND_SETTINGS,
    "feed": msg.COMMAND_FEED,
}
_MESSAGES = filters.UpdateType.MESSAGE
_DOCUMENTS = (
    filters.Document.FileExtension("txt")
    | filters.Document.FileExtension("html")
    | (filters.Document.FileExtension("htm"))
)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Every handler, in the order they are tried."""
    app.add_handler(TypeHandler(Update, skip_finished), group=-1)

    app.add_handler(CommandHandler("start", start, filters=_MESSAGES))
    app.add_handler(CommandHandler("help", help_command, filters=_MESSAGES))
    app.add_handler(
        CommandHandler(
            "settings", settings_command, filters=_MESSAGES | filters.UpdateType.CHANNEL_POST
        )
    )
    app.add_handler(
        CommandHandler("feed", feed_command, filters=_MESSAGES | filters.UpdateType.CHANNEL_POST)
    )
    app.add_handler(CommandHandler("tldr", tldr, filters=_MESSAGES & ~filters.IS_AUTOMATIC_FORWARD))
    app.add_handler(CallbackQueryHandler(retry, pattern=r"^r:\d{1,18}$"))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^s:"))
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_handler(MessageHandler(filters.UpdateType.GUEST_MESSAGE, guest_message))
    app.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POST, channel_post))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_CHANNEL_POST, edited_channel_post))
    app.add_handler(
        MessageHandler(_MESSAGES & filters.ChatType.PRIVATE & _DOCUMENTS, private_document)
    )
    app.add_handler(
        MessageHandler(_MESSAGES & filters.ChatType.PRIVATE & ~filters.COMMAND, private_message)
    )
    app.add_handler(
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE
            & (filters.ChatType.PRIVATE | filters.ChatType.GROUPS)
            & ~filters.COMMAND
            & ~filters.IS_AUTOMATIC_FORWARD,
            edited_message,
        )
    )
    # The channel's own copy of each post in its discussion group is not a new article.
    app.add_handler(
        MessageHandler(
            _MESSAGES & filters.ChatType.GROUPS & ~filters.IS_AUTOMATIC_FORWARD, group_message
        )
    )

    app.add_handler(TypeHandler(Update, mark_finished), group=1)
    app.add_error_handler(on_error)
