"""Log redaction: the bot token never reaches a log record."""

from __future__ import annotations

import logging

import pytest

from bot.logs import RedactFilter


def test_redact_filter_covers_args_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    """The token vanishes from messages, their arguments and exception text."""
    secret = "123:SECRET"
    logger = logging.getLogger("test.redact")
    caplog.handler.addFilter(RedactFilter([secret]))
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{secret}/getMe failed")
    except RuntimeError:
        logger.exception("calling %s", f"/bot{secret}/sendMessage")
    text = caplog.text
    assert secret not in text
    assert text.count("<redacted>") == 2


def test_redaction_covers_every_record_and_url_encoded_tokens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Once installed, records from any logger lose the token, plain or percent-encoded."""
    import logging

    from bot.logs import install_redaction

    secret = "987654:SecretForRedactionTest"
    install_redaction([secret])
    with caplog.at_level(logging.INFO):
        logging.getLogger("httpx").info(
            "GET https://api/bot%s/getMe and /file/bot987654%%3ASecretForRedactionTest/x", secret
        )
    assert "SecretForRedactionTest" not in caplog.text
    assert caplog.text.count("<redacted>") == 2
