"""One small exception tree; every error carries the short, polite text a user is shown.

    GistError
    ├── InputError            the input itself is unusable (empty, too long, no link or text)
    │   └── NotFeedError      a feed subscription's address is neither a feed nor links one
    ├── FetchError            we could not get the page
    │   ├── BlockedUrlError   scheme or address we never fetch (private networks, file:, ...)
    │   ├── UnreachableError  the name does not resolve or the site refuses the connection
    │   ├── HttpStatusError   the server answered 4xx/5xx
    │   ├── FetchTimeoutError the server was too slow
    │   ├── TooLargeError     the body passed the byte cap
    │   ├── NotArticleError   a PDF, an image, a video, ...
    │   └── RedirectError     too many redirects or a loop
    ├── NotTextError      the bytes are not text (a binary file decoded as text)
    ├── ExtractionError       the page has no article text we can find
    │   └── NoArticleError    the page is something else: a list of links, a shop's product grid
    ├── TooComplexError       the input needs more time or memory than a job may take
    │   └── JobTimeoutError   the job passed its wall-clock limit (its worker was replaced)
    ├── WorkerCrashedError    the worker died under the job twice
    └── BusyError             too much work queued; try again shortly
        └── RateLimitedError  this user or chat asked for too much too fast

The user text never contains secrets or internal details; `str(exc)` may carry more for the logs.
Each text is a catalogue message (bot.i18n): `exc.message_for(language)` is the text in the reader's
language, `exc.user_message` the English one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.i18n import messages as msg
from bot.i18n import translator


class GistError(Exception):
    """Base of every error the pipeline raises on purpose."""

    message: msg.Message = msg.ERROR_GENERIC
    user_message: str = message.msgid  # English; each subclass's from its `message`

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.user_message = cls.message.msgid

    def __init__(
        self,
        detail: str = "",
        *,
        message: msg.Message | None = None,
        params: Mapping[str, object] | None = None,
        user_message: str | None = None,
    ) -> None:
        """`message` (with `params`) replaces the class's text; `user_message` is a fixed text that
        no catalogue translates (the command line's own notes)."""
        if message is not None:
            self.message = message
        self.params = dict(params or {})
        self.fixed_message = user_message
        self.user_message = self.message_for("en")
        super().__init__(detail or self.user_message)

    def message_for(self, language: str | None) -> str:
        """The user's text in `language` (English for None and languages we don't speak)."""
        if self.fixed_message is not None:
            return self.fixed_message
        return translator(language).gettext(self.message, **self.params)


class InputError(GistError):
    message = msg.ERROR_INPUT


class NotFeedError(InputError):
    message = msg.ERROR_NOT_FEED


class NotTextError(InputError):
    message = msg.ERROR_NOT_TEXT


class FetchError(GistError):
    message = msg.ERROR_FETCH


class BlockedUrlError(FetchError):
    message = msg.ERROR_BLOCKED


class UnreachableError(FetchError):
    message = msg.ERROR_UNREACHABLE


class HttpStatusError(FetchError):
    message = msg.ERROR_HTTP

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(
            detail or f"HTTP {status}", message=msg.ERROR_HTTP_STATUS, params={"status": status}
        )
        self.status = status


class FetchTimeoutError(FetchError):
    message = msg.ERROR_TIMEOUT


class TooLargeError(FetchError):
    message = msg.ERROR_TOO_LARGE


class NotArticleError(FetchError):
    message = msg.ERROR_NOT_ARTICLE


class RedirectError(FetchError):
    message = msg.ERROR_REDIRECT


class ExtractionError(GistError):
    message = msg.ERROR_EXTRACTION


class NoArticleError(ExtractionError):
    """The page is not an article (a list of links, a product grid, a page without running text):
    an honest answer, not a card of menu lines; trying again gives the same page."""

    message = msg.ERROR_PAGE_LIST


class TooComplexError(GistError):
    message = msg.ERROR_TOO_COMPLEX


class JobTimeoutError(TooComplexError):
    message = msg.ERROR_JOB_TIMEOUT


class WorkerCrashedError(GistError):
    message = msg.ERROR_WORKER_CRASHED


class BusyError(GistError):
    message = msg.ERROR_BUSY


class RateLimitedError(BusyError):
    message = msg.ERROR_RATE_LIMITED
