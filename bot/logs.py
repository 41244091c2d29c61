"""Logging setup: one format, quiet HTTP client logs, and the bot token never written anywhere."""

from __future__ import annotations

import logging

REDACTED = "<redacted>"


class RedactFilter(logging.Filter):
    """Replaces each secret in a record's message, arguments and traceback text with <redacted>."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = self._redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_logging(level: str, secrets: list[str]) -> None:
    """Root logging at `level`; httpx from WARNING only (it logs Bot API URLs, token included)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings go through the handlers below, redaction included
    install_redaction(secrets)


def install_redaction(secrets: list[str], logger: logging.Logger | None = None) -> RedactFilter:
    """Attach a RedactFilter to every handler of `logger` (the root logger by default)."""
    redact = RedactFilter(secrets)
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(redact)
    return redact
