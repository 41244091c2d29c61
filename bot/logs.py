"""Logging setup: one format, quiet HTTP client logs, and the bot token never written anywhere."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

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
    logging.captureWarnings(True)  # warnings become log records, and so get redacted too
    install_redaction(secrets)


_redact = RedactFilter([])
_plain_factory = logging.getLogRecordFactory()


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _plain_factory(*args, **kwargs)
    _redact.filter(record)
    return record


def install_redaction(secrets: list[str]) -> RedactFilter:
    """Redact `secrets` from every log record this process creates, whoever handles it.

    Done in the record factory rather than on handlers: a handler added later (a test runner's, a
    library's) sees the record already redacted.
    """
    # URLs carry the token percent-encoded too (file downloads: "bot123%3AABC"): redact every form.
    forms = {form for s in secrets if s for form in (s, quote(s, safe=""), quote(s))}
    _redact.secrets = sorted({*_redact.secrets, *forms}, key=len, reverse=True)
    if logging.getLogRecordFactory() is not _redacting_factory:
        logging.setLogRecordFactory(_redacting_factory)
    return _redact
