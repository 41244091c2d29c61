"""One small exception tree; every error carries the short, polite text a user is shown.

    GistError
    ├── InputError            the input itself is unusable (empty, too long, no link or text)
    ├── FetchError            we could not get the page
    │   ├── BlockedUrlError   scheme or address we never fetch (private networks, file:, ...)
    │   ├── UnreachableError  the name does not resolve or the site refuses the connection
    │   ├── HttpStatusError   the server answered 4xx/5xx
    │   ├── FetchTimeoutError the server was too slow
    │   ├── TooLargeError     the body passed the byte cap
    │   ├── NotArticleError   a PDF, an image, a video, ...
    │   └── RedirectError     too many redirects or a loop
    ├── ExtractionError       the page has no article text we can find
    └── BusyError             too much work queued; try again shortly
        └── RateLimitedError  this user or chat asked for too much too fast

The user text never contains secrets or internal details; `str(exc)` may carry more for the logs.
"""

from __future__ import annotations


class GistError(Exception):
    """Base of every error the pipeline raises on purpose."""

    user_message = "Sorry, I couldn't summarize that."

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or self.user_message)
        if user_message is not None:
            self.user_message = user_message


class InputError(GistError):
    user_message = "I need a link or the text of an article to summarize."


class FetchError(GistError):
    user_message = "I couldn't open that link."


class BlockedUrlError(FetchError):
    user_message = "I can't open that link: I only fetch public http(s) web pages."


class UnreachableError(FetchError):
    user_message = "I couldn't reach that site."


class HttpStatusError(FetchError):
    user_message = "That page answered with an error."

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(
            detail or f"HTTP {status}", user_message=f"That page answered with error {status}."
        )
        self.status = status


class FetchTimeoutError(FetchError):
    user_message = "That page took too long to load."


class TooLargeError(FetchError):
    user_message = "That page is too large for me to read."


class NotArticleError(FetchError):
    user_message = "That link is not an article (it looks like a file, an image or a video)."


class RedirectError(FetchError):
    user_message = "That link redirects too many times."


class ExtractionError(GistError):
    user_message = "I couldn't find any article text there."


class BusyError(GistError):
    user_message = "I'm busy right now; please try again in a minute."


class RateLimitedError(BusyError):
    user_message = "You're sending a lot at once; please wait a minute and try again."
